#!/usr/bin/env node
// The `rnnlab` command. A committed launcher (not dist/ itself) so package managers can link the bin at install time,
// before the build has produced dist/.
const { main, dropOutputWhenPipeCloses } = require('../dist/main.js');

// `rnnlab … | head`: a closed standard output stops a training cleanly (exit 141) instead of a stack trace.
dropOutputWhenPipeCloses();

main(process.argv).then((code) => {
  process.exitCode = code;
});
