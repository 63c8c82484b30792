#!/usr/bin/env node
// rnnlab-teach: see src/cli/teach.ts (runs the built package).
import { teachMain } from '../dist/cli/teach.js';

process.exitCode = await teachMain(process.argv.slice(2));
