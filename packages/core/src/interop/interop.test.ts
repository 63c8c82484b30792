import { describe, expect, it } from 'vitest';
import { CharVocab } from '../data/vocab';
import { ValueError } from '../errors';
import { recurrentLMParamShapes } from '../lm/recurrent-lm';
import type { CellType, RecurrentLMConfig } from '../lm/recurrent-lm';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import { fromTorch, toTorch } from './torch-weights';

const vocab = CharVocab.fromText('abcdefg');
const config = (cell: CellType, embeddingSize: number | null = null): RecurrentLMConfig => ({ vocabSize: 7, cell, layers: 2, hiddenSize: 3, embeddingSize, dropout: 0, forgetBias: 0 });
function randomParams(c: RecurrentLMConfig): Record<string, Tensor> {
  const rng = new RandomState(1);
  return Object.fromEntries(Object.entries(recurrentLMParamShapes(c)).map(([n, shape]) => [n, rng.randn(...shape) as Tensor]));
}

describe('safetensors', () => {
  it('round-trips tensors bit for bit and the metadata, with the header padded to 8 bytes', () => {
    const tensors = { a: new Tensor(Float64Array.from([1 / 3, -0, 5e-324, 1e308]), [2, 2]), b: new Tensor(Float64Array.from([7]), [1]) };
    const bytes = encodeSafetensors({ tensors, metadata: { vocab: '{"x": "é"}' } });
    expect(Number(bytes.readBigUInt64LE(0)) % 8).toBe(0);
    const back = decodeSafetensors(bytes, 'f.safetensors');
    expect(back.metadata).toEqual({ vocab: '{"x": "é"}' });
    expect(back.tensors.a.shape).toEqual([2, 2]);
    back.tensors.a.data.forEach((v, i) => expect(Object.is(v, tensors.a.data[i])).toBe(true));
  });

  it('reads F32 tensors as float64', () => {
    const header = Buffer.from(JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }));
    const data = Buffer.alloc(8);
    data.writeFloatLE(0.5, 0);
    data.writeFloatLE(-2, 4);
    const size = Buffer.alloc(8);
    size.writeBigUInt64LE(BigInt(header.length));
    expect(Array.from(decodeSafetensors(Buffer.concat([size, header, data]), 'f').tensors.w.data)).toEqual([0.5, -2]);
  });

  it.each([
    ['too short', Buffer.from([1, 2]), 'f: is 2 bytes long, too short'],
    ['a header longer than the file', Buffer.from([255, 0, 0, 0, 0, 0, 0, 0, 123]), 'f: says its header has 255 bytes'],
    ['a header that is not JSON', Buffer.concat([Buffer.from([3, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{x}')]), 'has a header that is not UTF-8 JSON'],
  ])('refuses %s, naming the file', (_what, bytes, message) => {
    expect(() => decodeSafetensors(bytes, 'f')).toThrow(ValueError);
    expect(() => decodeSafetensors(bytes, 'f')).toThrow(message);
  });

  it.each([
    ['a dtype other than F64/F32', { w: { dtype: 'BF16', shape: [1], data_offsets: [0, 2] } }, 2, 'tensor w has dtype BF16'],
    ['a size that does not match the shape', { w: { dtype: 'F64', shape: [2], data_offsets: [0, 8] } }, 8, 'tensor w spans 8 bytes, expected 16'],
    ['a gap between tensors', { w: { dtype: 'F64', shape: [1], data_offsets: [8, 16] } }, 16, 'tensor w starts at byte 8 of the data, expected 0'],
    ['trailing data', { w: { dtype: 'F64', shape: [1], data_offsets: [0, 8] } }, 16, 'holds 16 bytes of tensor data, expected 8'],
  ])('refuses %s', (_what, header, dataBytes, message) => {
    const text = Buffer.from(JSON.stringify(header));
    const size = Buffer.alloc(8);
    size.writeBigUInt64LE(BigInt(text.length));
    expect(() => decodeSafetensors(Buffer.concat([size, text, Buffer.alloc(dataBytes)]), 'f')).toThrow(message);
  });
});

describe('torch.nn names and layouts', () => {
  it.each([['lstm'], ['gru'], ['rnn']] as const)('%s: to torch and back gives the same parameters, bit for bit', (cell) => {
    for (const embed of [null, 4]) {
      const c = config(cell, embed);
      const params = randomParams(c);
      const back = fromTorch(toTorch({ model: c, vocab, params }), 'f');
      expect(back.model).toEqual({ ...c, forgetBias: 0 });
      for (const [name, t] of Object.entries(params)) expect(Array.from(back.params[name].data)).toEqual(Array.from(t.data));
    }
  });

  it('puts the LSTM gate blocks in torch\'s order i, f, g, o (ours: i, f, o, g), transposed', () => {
    const c = config('lstm');
    const params = randomParams(c);
    const torch = toTorch({ model: c, vocab, params }).tensors;
    const H = 3;
    const Wx = params['cell0.Wx']; // [V, 4H], columns i f o g
    const weightIh = torch['rnn.weight_ih_l0']; // [4H, V], rows i f g o
    const col = (gate: number, unit: number) => gate * H + unit;
    for (const [ours, theirs] of [[0, 0], [1, 1], [2, 3], [3, 2]]) {
      for (let u = 0; u < H; u++) for (let d = 0; d < 7; d++) expect(weightIh.data[col(theirs, u) * 7 + d]).toBe(Wx.data[d * 4 * H + col(ours, u)]);
    }
    expect(Array.from(torch['rnn.bias_hh_l0'].data)).toEqual(new Array(4 * H).fill(0));
    expect(torch['out.weight'].shape).toEqual([7, H]);
  });

  it('refuses an echo state network, and files that are not an rnnlab export, naming them', () => {
    const esn = config('esn');
    expect(() => toTorch({ model: esn, vocab, params: randomParams(esn) })).toThrow('has no torch.nn counterpart');
    const lstm = toTorch({ model: config('lstm'), vocab, params: randomParams(config('lstm')) });
    expect(() => fromTorch({ ...lstm, metadata: { ...lstm.metadata, format: 'other' } }, 'x.safetensors')).toThrow("x.safetensors: metadata format is \"other\", expected 'rnnlab-torch'");
    const { 'rnn.weight_hh_l1': _dropped, ...fewer } = lstm.tensors;
    expect(() => fromTorch({ ...lstm, tensors: fewer }, 'x')).toThrow('x: has no tensor rnn.weight_hh_l1, expected one of shape [12, 3]');
    const nan = { ...lstm.tensors, 'out.bias': new Tensor(new Float64Array(7).fill(NaN), [7]) };
    expect(() => fromTorch({ ...lstm, tensors: nan }, 'x')).toThrow('x: tensor out.bias holds NaN at flat index 0, expected finite numbers');
  });
});
