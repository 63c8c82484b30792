/**
 * The packages as their users load them, by package name: Node's require (CommonJS, the `main` field), an ESM import
 * (the `exports` map), and TypeScript compiling to CommonJS with classic node resolution (the `types` field) — the
 * way the tslab Jupyter kernel (TypeScript 5.0, cells compiled to CommonJS) sees them. Runs against the built dist/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// pnpm's scripts set NODE_PATH, which would resolve packages from anywhere; users do not have it.
const env = { ...process.env, NODE_PATH: '' };
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', env });

const snippet = `
import { relError } from '@rnnlab/core/testing';
import { RandomState, linspace, lstmForward, zeros, CharVocab } from '@rnnlab/core';
const rng = new RandomState(0);
const x = rng.randn(2, 3, 4);
const { h } = lstmForward(x, zeros([2, 5]), linspace(-0.2, 0.9, 4 * 20).reshape([4, 20]), linspace(-0.3, 0.6, 5 * 20).reshape([5, 20]), zeros([20]));
const shape: readonly number[] = h.shape;
const err: number = relError(h, h);
console.log(JSON.stringify({ shape, first: x.data[0], vocab: CharVocab.fromText('hello').size, err }));
`;

describe('@rnnlab/core by package name', () => {
  it('loads with require (CommonJS main), giving numpy’s first randn value for seed 0', () => {
    const out = node(['-e', "const c = require('@rnnlab/core'); console.log(new c.RandomState(0).randn())"]);
    expect(Number(out)).toBe(1.764052345967664);
  });

  it('loads with an ESM import (exports map)', () => {
    const out = node(['--input-type=module', '-e', "import { RandomState } from '@rnnlab/core'; console.log(new RandomState(0).rand())"]);
    expect(Number(out)).toBe(0.5488135039273248);
  });

  it('serves @rnnlab/core/testing to require and to import (exports map), with the core’s own Tensor', () => {
    const cjs = "const t = require('@rnnlab/core/testing'); const c = require('@rnnlab/core'); console.log(t.relError(c.tensor([1]), c.tensor([-1])))";
    expect(Number(node(['-e', cjs]))).toBe(1);
    const esm = "import { compareTensors } from '@rnnlab/core/testing'; import { tensor } from '@rnnlab/core'; console.log(compareTensors(tensor([1, 2]), tensor([1, 3])).first[0].index)";
    expect(node(['--input-type=module', '-e', esm]).trim()).toBe('[1]');
  });

  it('type-checks and runs as TypeScript compiled to CommonJS with node resolution, as tslab compiles cells', () => {
    // A folder inside the repository (ignored by git), so '@rnnlab/core' resolves through node_modules as for a notebook.
    const cache = join(root, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'rnnlab-tslab-like-'));
    const file = join(dir, 'cell.ts');
    writeFileSync(file, snippet);
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      target: ts.ScriptTarget.ES2019,
      strict: true,
      outDir: dir,
      typeRoots: [join(root, 'node_modules/@types')],
    };
    const program = ts.createProgram([file], options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    program.emit();
    const out = JSON.parse(node([join(dir, 'cell.js')]));
    expect(out).toEqual({ shape: [2, 3, 5], first: 1.764052345967664, vocab: 4, err: 0 });
    rmSync(dir, { recursive: true });
  });
});
