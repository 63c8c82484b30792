#!/usr/bin/env node
// rnnlab-grade: see src/cli/grade.ts (runs the built package).
import { gradeMain } from '../dist/cli/grade.js';

process.exitCode = await gradeMain(process.argv.slice(2));
