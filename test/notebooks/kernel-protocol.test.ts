/**
 * The tslab kernel's answers over the Jupyter protocol — the defects of tslab 1.0.22 that the project's pnpm patch
 * (patches/tslab@1.0.22.patch) fixes. kernel_protocol.py sends the requests as JupyterLab and nbclient do and reports
 * what came back; this file judges it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SETUP_TIMEOUT_MS, notebookSetup, runPython } from './jupyter-support';

interface Message { msg_type: string; content: Record<string, unknown> }
interface Exchange { reply: Record<string, unknown> | null; iopub: Message[] }
interface Report {
  pipelined_stop_on_error: Exchange[];
  pipelined_allow_errors: Exchange[];
  right_after_error: Exchange[];
  right_after_error_gap_ms: number;
  counts: Exchange[];
  readable: Exchange[];
}

let report: Report;

beforeAll(async () => {
  const { paths } = notebookSetup();
  const output = join(mkdtempSync(join(tmpdir(), 'rnnlab-kernel-')), 'report.json');
  await runPython('kernel_protocol.py', [output], { cwd: paths.notebooksDir, timeoutMs: 120_000 });
  report = JSON.parse(readFileSync(output, 'utf8')) as Report;
}, SETUP_TIMEOUT_MS);

const streamText = (x: Exchange) => x.iopub.filter((m) => m.msg_type === 'stream').map((m) => m.content.text).join('');
const inputCount = (x: Exchange) => x.iopub.find((m) => m.msg_type === 'execute_input')?.content.execution_count;

describe('tslab kernel (patched)', () => {
  it('answers a failed cell with ename, evalue and a traceback that starts with the message, in the reply and as an error message', () => {
    const [failed] = report.pipelined_stop_on_error;
    expect(failed.reply).toMatchObject({ status: 'error', ename: 'Error', evalue: 'first fails' });
    const traceback = failed.reply!.traceback as string[];
    expect(traceback[0]).toContain('Error');
    expect(traceback[0]).toContain('first fails');
    expect(traceback.join('\n')).not.toMatch(/tslab\/dist|node:vm/);
    const error = failed.iopub.find((m) => m.msg_type === 'error');
    expect(error?.content).toEqual({ ename: 'Error', evalue: 'first fails', traceback });
    expect(streamText(failed)).toBe('');
  });

  it('reports a TypeScript error as a CompileError naming the line and the message', () => {
    const compile = report.counts[3];
    expect(compile.reply).toMatchObject({ status: 'error', ename: 'CompileError' });
    expect(compile.reply!.evalue).toBe("1:5 - Type 'string' is not assignable to type 'number'.");
  });

  it('with stop_on_error, aborts the requests sent before the failure and runs the one sent after its reply', () => {
    const [, queued1, queued2, after] = report.pipelined_stop_on_error;
    expect(queued1.reply).toEqual({ status: 'aborted' });
    expect(queued2.reply).toEqual({ status: 'aborted' });
    expect(queued1.iopub).toEqual([]);
    expect(after.reply).toMatchObject({ status: 'ok' });
    expect(streamText(after)).toBe('sent after the reply\n');
  });

  it('with stop_on_error=False (nbclient with allow_errors), runs every following cell', () => {
    const [failed, next1, next2] = report.pipelined_allow_errors;
    expect(failed.reply).toMatchObject({ status: 'error' });
    expect(next1.reply).toMatchObject({ status: 'ok' });
    expect(streamText(next1)).toBe('next 1\n');
    expect(next2.reply).toMatchObject({ status: 'ok' });
    expect(streamText(next2)).toBe('next 2\n');
  });

  it('runs a request sent the moment a failure is answered (1.0.22 aborted everything for 200 ms)', () => {
    // The scenario's premise (the request followed the reply at once), not a speed of the kernel.
    expect(report.right_after_error_gap_ms).toBeLessThan(50);
    const [failed, right] = report.right_after_error;
    expect(failed.reply).toMatchObject({ status: 'error' });
    expect(right.reply).toMatchObject({ status: 'ok' });
    expect(streamText(right)).toBe('right after\n');
  });

  it('shows a ShapeError from @rnnlab/core message first, with a few frames pointing at TypeScript sources', () => {
    const [, shapeError] = report.readable;
    expect(shapeError.reply).toMatchObject({ status: 'error', ename: 'ShapeError' });
    const traceback = shapeError.reply!.traceback as string[];
    expect(traceback[0]).toBe(`\x1b[0;31mShapeError\x1b[0m: ${shapeError.reply!.evalue as string}`);
    expect(shapeError.reply!.evalue).toMatch(/^matmul: /);
    expect(traceback.length).toBeLessThanOrEqual(8);
    expect(traceback.slice(1).some((frame) => /packages\/core\/src\/.*\.ts:\d+:\d+/.test(frame))).toBe(true);
    expect(traceback.some((frame) => frame.includes('this cell'))).toBe(true);
  });

  it('shows a cell\'s Tensor value as a short table with its shape, not every element', () => {
    const [, , big] = report.readable;
    const text = streamText(big);
    expect(text.startsWith('Tensor [300, 400]\n[[ 1.7641,')).toBe(true);
    expect(text.length).toBeLessThan(1000);
  });

  it('gives every executed cell the next execution count, in execute_input and in the reply; a silent one none of its own', () => {
    const executed = [...report.pipelined_stop_on_error, ...report.pipelined_allow_errors, ...report.right_after_error]
      .filter((x) => x.reply?.status !== 'aborted');
    const counts = executed.map((x) => x.reply!.execution_count as number);
    expect(executed.map(inputCount)).toEqual(counts);
    counts.forEach((count, i) => i > 0 && expect(count).toBe(counts[i - 1] + 1));

    const [plain, silent, next, failed] = report.counts;
    const n = plain.reply!.execution_count as number;
    expect(inputCount(plain)).toBe(n);
    expect(silent.reply).toMatchObject({ status: 'ok', execution_count: n });
    expect(inputCount(silent)).toBeUndefined();
    expect(next.reply).toMatchObject({ status: 'ok', execution_count: n + 1 });
    expect(inputCount(next)).toBe(n + 1);
    expect(failed.reply).toMatchObject({ status: 'error', execution_count: n + 2 });
    expect(inputCount(failed)).toBe(n + 2);
  });
});
