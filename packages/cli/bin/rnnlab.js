#!/usr/bin/env node
// The `rnnlab` command. A committed launcher (not dist/ itself) so package managers can link the bin at install time,
// before the build has produced dist/.
const { main } = require('../dist/main.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
