import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { RandomState } from '../random';
import { Tensor, tensor, zeros } from '../tensor/tensor';
import { decodeTensor, encodeParams, encodeTensor, loadCheckpoint, restoreParams, saveCheckpoint } from './checkpoint';

const dir = () => mkdtempSync(join(tmpdir(), 'rnnlab-checkpoint-'));

describe('tensor encoding', () => {
  it('round-trips every float64 bit pattern, including -0, NaN, ±Infinity and subnormals', () => {
    const values = [0, -0, NaN, Infinity, -Infinity, 5e-324, 1 / 3, -1.2345678901234567e300];
    const t = new Tensor(Float64Array.from(values), [2, 4]);
    const back = decodeTensor(JSON.parse(JSON.stringify(encodeTensor(t))), 't');
    expect(back.shape).toEqual([2, 4]);
    back.data.forEach((v, i) => expect(Object.is(v, values[i])).toBe(true));
  });

  it('rejects a malformed tensor, naming it', () => {
    expect(() => decodeTensor({ shape: [2] }, 'params.W')).toThrow('decodeTensor: params.W is not a stored tensor');
    expect(() => decodeTensor({ shape: [3], float64: encodeTensor(zeros([2])).float64 }, 'params.W')).toThrow(
      'decodeTensor: params.W holds 16 bytes, expected 24 (8 per value of shape [3])',
    );
    expect(() => decodeTensor({ shape: [-1], float64: '' }, 'b')).toThrow(ValueError);
  });
});

describe('restoreParams', () => {
  const target = () => ({ W: zeros([2, 3]), b: zeros([3]) });
  const stored = encodeParams({ W: new RandomState(0).randn(2, 3) as Tensor, b: tensor([1, 2, 3]) });

  it('copies stored values into the model’s tensors', () => {
    const t = target();
    restoreParams(stored, t);
    expect(Array.from(t.b.data)).toEqual([1, 2, 3]);
    expect(Array.from(t.W.data)).toEqual(Array.from((new RandomState(0).randn(2, 3) as Tensor).data));
  });

  it('rejects missing or extra names and wrong shapes', () => {
    expect(() => restoreParams({ W: stored.W }, target())).toThrow('restoreParams: params has [W], expected [W, b] (from the model config)');
    expect(() => restoreParams({ ...stored, b: encodeTensor(zeros([4])) }, target())).toThrow(ShapeError);
    expect(() => restoreParams(undefined, target())).toThrow('params is missing');
  });
});

describe('checkpoint files', () => {
  it('save then load gives back the body, and no temporary file is left', () => {
    const d = dir();
    const path = join(d, 'checkpoint.json');
    saveCheckpoint(path, 'test-kind', 7, { hello: [1, 2] });
    const c = loadCheckpoint(path);
    expect(c.kind).toBe('test-kind');
    expect(c.iteration).toBe(7);
    expect(c.body).toEqual({ hello: [1, 2] });
    expect(readdirSync(d)).toEqual(['checkpoint.json']);
  });

  it('a failed write leaves the previous checkpoint intact', () => {
    const d = dir();
    const path = join(d, 'checkpoint.json');
    saveCheckpoint(path, 'k', 1, { ok: true });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => saveCheckpoint(path, 'k', 2, circular)).toThrow(TypeError);
    expect(loadCheckpoint(path).iteration).toBe(1);
    expect(readdirSync(d)).toEqual(['checkpoint.json']);
  });

  it('loading names the path and the problem', () => {
    const d = dir();
    expect(() => loadCheckpoint(join(d, 'nope.json'))).toThrow(`loadCheckpoint: ${join(d, 'nope.json')} does not exist`);
    expect(() => loadCheckpoint(d)).toThrow('is a directory, expected a checkpoint file');
    writeFileSync(join(d, 'bad.json'), '{ not json');
    expect(() => loadCheckpoint(join(d, 'bad.json'))).toThrow('is not valid JSON');
    writeFileSync(join(d, 'other.json'), '{"format": "something-else"}');
    expect(() => loadCheckpoint(join(d, 'other.json'))).toThrow("is not an rnnlab checkpoint (format field is not 'rnnlab-checkpoint')");
    writeFileSync(join(d, 'future.json'), '{"format": "rnnlab-checkpoint", "version": 99}');
    expect(() => loadCheckpoint(join(d, 'future.json'))).toThrow('has version 99, expected 1');
    writeFileSync(join(d, 'partial.json'), '{"format": "rnnlab-checkpoint", "version": 1, "kind": "x"}');
    expect(() => loadCheckpoint(join(d, 'partial.json'))).toThrow('is missing kind, iteration or body');
    expect(existsSync(join(d, 'nope.json'))).toBe(false);
  });
});
