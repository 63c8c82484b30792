/**
 * Issue 11's commands and flags given bad input (the rules of issue 9): `rnnlab gradcheck`, `summary`, `report`,
 * `--docx`, `--svg` and `--sample-at` with epochs. Each case exits 1 with one line naming the flag or the file and what
 * was expected (commander adds its usage hint on a second line), no stack trace, and writes nothing: every file in the
 * working folder is as it was.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDirs } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const MIN_CHAR = ['--model', 'min-char-rnn', '--data', 'names', '--hidden', '8'];

let cwd = '';
beforeAll(() => {
  cwd = dirs.make();
  for (const out of ['run', 'damaged', 'badcheck']) {
    const r = runCli(['train', ...MIN_CHAR, '--iterations', '2', '--gradcheck', '--out', out], { cwd });
    if (r.status !== 0) throw new Error(r.stderr);
  }
  const checkpoint = join(cwd, 'damaged', 'checkpoint.json');
  writeFileSync(checkpoint, readFileSync(checkpoint, 'utf8').slice(0, 500));
  const gradcheck = join(cwd, 'badcheck', 'gradcheck.json');
  writeFileSync(gradcheck, readFileSync(gradcheck, 'utf8').replace('"delta": 0.00001', '"delta": -1'));
  writeFileSync(join(cwd, 'corpus.txt'), 'to be or not to be, that is the question\n'.repeat(20));
  writeFileSync(join(cwd, 'exists.svg'), '<svg/>');
  writeFileSync(join(cwd, 'notes.docx'), 'my notes, not a Word document');
  mkdirSync(join(cwd, 'empty'));
  mkdirSync(join(cwd, 'folder.docx'));
});

/** Every file under `dir` with its size and modification time. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const path = join(d, f);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else files[relative(dir, path)] = `${s.size} ${s.mtimeMs}`;
    }
    if (readdirSync(d).length === 0) files[relative(dir, d)] = 'empty folder';
  };
  walk(dir);
  return files;
}

const CASES: [string, string[], string][] = [
  // rnnlab gradcheck
  ['gradcheck --num-checks 0', ['gradcheck', ...MIN_CHAR, '--num-checks', '0'], "error: option '--num-checks <N>' argument '0' is invalid. '0' is out of range; expected an integer from 1 to 10000."],
  ['gradcheck --num-checks 10001', ['gradcheck', ...MIN_CHAR, '--num-checks', '10001'], 'expected an integer from 1 to 10000'],
  ['gradcheck --delta 0', ['gradcheck', ...MIN_CHAR, '--delta', '0'], "error: option '--delta <X>' argument '0' is invalid. '0' is out of range; expected a number in (0, 0.1]."],
  ['gradcheck --delta 1', ['gradcheck', ...MIN_CHAR, '--delta', '1'], 'expected a number in (0, 0.1]'],
  ['gradcheck --delta tiny', ['gradcheck', ...MIN_CHAR, '--delta', 'tiny'], "argument 'tiny' is invalid"],
  ['gradcheck --model transformer', ['gradcheck', '--model', 'transformer'], "error: option '--model <model>' argument 'transformer' is invalid. Allowed choices are min-char-rnn, rnn, lstm, gru, esn."],
  ['gradcheck of min-char-rnn with --layers', ['gradcheck', ...MIN_CHAR, '--layers', '2'], 'rnnlab gradcheck: --layers do not apply to --model min-char-rnn (one layer, one stream, Adagrad); use --model rnn|lstm|gru|esn.'],
  ['gradcheck --data of a missing file', ['gradcheck', '--data', 'missing.txt'], 'rnnlab gradcheck: loadCorpus: file '],
  ['gradcheck of no run', ['gradcheck', 'nowhere'], 'rnnlab gradcheck: nowhere: no such run directory.'],
  ['gradcheck of a file', ['gradcheck', 'corpus.txt'], 'rnnlab gradcheck: corpus.txt is a file; expected a run directory written by rnnlab train.'],
  ['gradcheck of a folder that is not a run', ['gradcheck', 'empty'], 'rnnlab gradcheck: empty: no config.json there; expected a run directory written by rnnlab train.'],
  ['gradcheck of a run with model flags', ['gradcheck', 'run', '--model', 'lstm', '--hidden', '8'], 'rnnlab gradcheck: --model, --hidden cannot be given with a run directory (run): its model comes from its checkpoint and config.json.'],
  ['gradcheck of a run with a damaged checkpoint', ['gradcheck', 'damaged'], 'rnnlab gradcheck: damaged/checkpoint.json is not valid JSON ('],
  // rnnlab summary
  ['summary --svg net.png', ['summary', ...MIN_CHAR, '--svg', 'net.png'], 'rnnlab summary: --svg net.png: expected a file name ending in .svg.'],
  ['summary --svg over a file', ['summary', ...MIN_CHAR, '--svg', 'exists.svg'], 'rnnlab summary: --svg exists.svg already exists; remove it or choose another name (rnnlab does not overwrite it).'],
  ['summary --svg into a missing folder', ['summary', ...MIN_CHAR, '--svg', 'no/net.svg'], 'rnnlab summary: --svg no/net.svg: the folder '],
  ['summary --hidden 0', ['summary', '--hidden', '0'], "error: option '--hidden <H>' argument '0' is invalid"],
  ['summary of no run', ['summary', 'nowhere'], 'rnnlab summary: nowhere: no such run directory.'],
  // rnnlab report
  ['report without a run', ['report'], "error: missing required argument 'run'"],
  ['report of no run', ['report', 'nowhere'], 'rnnlab report: '],
  ['report --docx report.pdf', ['report', 'run', '--docx', 'report.pdf'], 'rnnlab report: --docx report.pdf: expected a file name ending in .docx.'],
  ['report --docx into a missing folder', ['report', 'run', '--docx', 'no/report.docx'], 'rnnlab report: --docx no/report.docx: the folder '],
  ['report --docx over a file that is not a Word document', ['report', 'run', '--docx', 'notes.docx'], 'rnnlab report: --docx notes.docx exists and is not a Word document; rnnlab replaces only a .docx (a zip file). Choose another name.'],
  ['report --docx onto a folder', ['report', 'run', '--docx', 'folder.docx'], 'rnnlab report: --docx folder.docx is a folder; expected a file name ending in .docx.'],
  ['report of a run with a damaged gradcheck.json', ['report', 'badcheck', '--docx', 'new.docx'], 'rnnlab report: badcheck/gradcheck.json: check.delta is -1, expected a finite number > 0'],
  // rnnlab train --sample-at with epochs
  ['train --sample-at e', ['train', ...MIN_CHAR, '--sample-at', 'e'], "error: option '--sample-at <list>' argument 'e' is invalid. 'e' is not a list of iterations or epochs"],
  ['train --sample-at 5ee', ['train', ...MIN_CHAR, '--sample-at', '5,5ee'], 'or epochs written with an e, e.g. 1e,2.5e'],
  ['train --sample-at -1e', ['train', ...MIN_CHAR, '--sample-at', '-1e'], "argument '-1e' is invalid"],
  ['train --sample-at an epoch after the run', ['train', ...MIN_CHAR, '--iterations', '100', '--sample-at', '5,0.5e'], 'rnnlab train: --sample-at 0.5e (0.5 × 2,366 iterations per epoch) is iteration 1,183, after the run\'s last (100); train longer (--iterations, --epochs) or sample earlier.'],
  ['train --sample-at an iteration after the run', ['train', ...MIN_CHAR, '--iterations', '100', '--sample-at', '101'], 'rnnlab train: --sample-at 101 is iteration 101, after the run\'s last (100)'],
  ['train --sample-at 1e20e', ['train', ...MIN_CHAR, '--sample-at', '100000000000000000000e'], 'rnnlab train: --sample-at 100000000000000000000e (100000000000000000000 × 2,366 iterations per epoch) is 2.366e+23 iterations; expected at most 9007199254740991.'],
];

describe("bad input to issue 11's commands and flags", () => {
  it.each(CASES)('%s: exit 1, one line, nothing written', (_what, args, message) => {
    const before = snapshot(cwd);
    const r = runCli(args, { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toContain(message);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^(rnnlab \w+: |error: )/);
    expect(lines).toHaveLength(lines[0].startsWith('error: ') ? 2 : 1);
    expect(snapshot(cwd)).toEqual(before);
  });
});
