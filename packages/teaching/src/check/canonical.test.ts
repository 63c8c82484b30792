import { RandomState, tensor } from '@rnnlab/core';
import { describe, expect, it } from 'vitest';
import { recognise } from '../mistakes/signatures';
import type { SignatureFile } from '../mistakes/signatures';
import { hashJson, jsonClose, toJson } from './canonical';

describe('canonical JSON of graded values', () => {
  it('keeps shapes, tags NaN and infinities, and sorts object keys, so equal values hash equally', () => {
    expect(toJson({ b: tensor([[NaN, -Infinity]]), a: [1, 'x', new Map([[1, true]])] })).toEqual({
      a: [1, 'x', { $map: [[1, true]] }],
      b: { $tensor: [1, 2], data: [{ $number: 'NaN' }, { $number: '-Infinity' }] },
    });
    expect(hashJson(toJson({ x: 1, y: [2] }))).toBe(hashJson(toJson({ y: [2], x: 1 })));
    expect(hashJson(toJson([1, 2]))).not.toBe(hashJson(toJson([2, 1])));
    expect(toJson(new RandomState(0))).toMatchObject({ $randomState: { bitGenerator: 'MT19937' } });
  });

  it('compares numbers within a relative tolerance and everything else exactly', () => {
    expect(jsonClose(toJson(tensor([1, 2])), toJson(tensor([1 + 1e-9, 2])), 1e-6)).toBe(true);
    expect(jsonClose(toJson(tensor([1, 2])), toJson(tensor([1.1, 2])), 1e-6)).toBe(false);
    expect(jsonClose(toJson(tensor([1, 2])), toJson(tensor([[1, 2]])), 1e-6)).toBe(false);
    expect(jsonClose(toJson(NaN), toJson(NaN), 1e-6)).toBe(true);
    expect(jsonClose(toJson({ a: 1 }), toJson({ a: 1, b: 2 }), 1e-6)).toBe(false);
  });
});

describe('recognise', () => {
  const file: SignatureFile = {
    exercise: '09-demo',
    inputsHash: '',
    mistakes: [
      { id: 'sign', fn: 'f', message: 'sign flipped', checks: { 'checks.test.ts > c': { 'f:1': -1, 'f:2': -2 } } },
      { id: 'double', fn: 'f', message: 'doubled', checks: { 'checks.test.ts > c': { 'f:1': 2 } } },
      { id: 'elsewhere', fn: 'g', message: 'other check', checks: { 'checks.test.ts > d': { 'f:1': -1 } } },
    ],
  };
  const call = (key: string, outcome: number) => ({ fn: 'f', key, outcome });

  it('names the mistake whose recorded outcomes all match the student’s calls of that check', () => {
    expect(recognise(file, 'checks.test.ts > c', [call('f:1', -1), call('f:2', -2)]).map((m) => m.id)).toEqual(['sign']);
    expect(recognise(file, 'checks.test.ts > c', [call('f:1', 2 + 1e-9)]).map((m) => m.id)).toEqual(['double']);
  });

  it('names nothing when one recorded call differs, when no recorded call was made, or for another check', () => {
    expect(recognise(file, 'checks.test.ts > c', [call('f:1', -1), call('f:2', 5)])).toEqual([]);
    expect(recognise(file, 'checks.test.ts > c', [call('f:3', -1)])).toEqual([]);
    expect(recognise(file, 'checks.test.ts > e', [call('f:1', -1)])).toEqual([]);
  });
});
