import { afterAll, describe, expect, it } from 'vitest';
import { normRelError, randomIds } from '../../test-support';
import { RandomState } from '../random';
import { DataParallelLM, splitRows } from './data-parallel';
import { RecurrentLM } from './recurrent-lm';
import type { RecurrentLMConfig } from './recurrent-lm';

const V = 9;
const base: RecurrentLMConfig = { vocabSize: V, cell: 'lstm', layers: 2, hiddenSize: 6, embeddingSize: null, dropout: 0, forgetBias: 1 };
const models: DataParallelLM[] = [];
afterAll(() => Promise.all(models.map((m) => m.close())));

describe('DataParallelLM', () => {
  it.each(['lstm', 'gru'] as const)('%s: two threads give one thread’s loss, gradients and carried state (to rounding)', async (cell) => {
    const config = { ...base, cell };
    const single = new RecurrentLM(config, new RandomState(1));
    const parallel = await DataParallelLM.create(config, new RandomState(1), { threads: 2 });
    models.push(parallel);
    const rng = new RandomState(2);
    let [s1, s2] = [undefined, undefined] as [ReturnType<RecurrentLM['finalState']> | undefined, ReturnType<RecurrentLM['finalState']> | undefined];
    for (let chunk = 0; chunk < 3; chunk++) {
      const [x, y] = [randomIds(rng, 5, 4, V), randomIds(rng, 5, 4, V)];
      const a = single.lossAndGrads(x, y, s1, { train: true });
      const b = parallel.lossAndGrads(x, y, s2, { train: true });
      expect(Math.abs(a.loss - b.loss) / a.loss).toBeLessThan(1e-12);
      for (const name of Object.keys(single.grads)) expect(normRelError(parallel.grads[name], single.grads[name]), name).toBeLessThan(1e-12);
      b.state.forEach((s, l) => expect(normRelError(s.h, a.state[l].h)).toBeLessThan(1e-12));
      [s1, s2] = [a.state, b.state];
      const v = [single.loss(x, y, s1).loss, parallel.loss(x, y, s2).loss];
      expect(Math.abs(v[0] - v[1]) / v[0]).toBeLessThan(1e-12);
    }
  });

  it('trains with dropout reproducibly for a seed and thread count', async () => {
    const run = async () => {
      const model = await DataParallelLM.create({ ...base, dropout: 0.3 }, new RandomState(3), { threads: 2 });
      models.push(model);
      const rng = new RandomState(4);
      const [x, y] = [randomIds(new RandomState(5), 4, 3, V), randomIds(new RandomState(6), 4, 3, V)];
      return [0, 1].map(() => model.lossAndGrads(x, y, undefined, { train: true, rng }).loss);
    };
    expect(await run()).toEqual(await run());
  });

  it('splits rows as evenly as it can, the main thread first', () => {
    expect(splitRows(5, 2)).toEqual([[0, 2], [2, 5]]);
    expect(splitRows(1, 3)).toEqual([[0, 0], [0, 0], [0, 1]]);
  });

  it('says to await ready() when a step comes before the workers have started', async () => {
    const model = new DataParallelLM(base, new RandomState(0), { threads: 2 });
    models.push(model);
    const x = randomIds(new RandomState(1), 2, 3, V);
    expect(() => model.lossAndGrads(x, x, undefined, { train: true })).toThrow(
      'DataParallelLM: the workers have not started yet; await model.ready()',
    );
    await model.ready();
    expect(Number.isFinite(model.lossAndGrads(x, x, undefined, { train: true }).loss)).toBe(true);
  });

  it('rejects a bad thread count, naming it', () => {
    expect(() => new DataParallelLM(base, new RandomState(0), { threads: 0 })).toThrow(
      'DataParallelLM: options.threads is 0, expected an integer in [1, 256]',
    );
  });
});
