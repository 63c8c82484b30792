import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { Tensor, tensor } from '../tensor/tensor';
import fixtureFile from './fixtures/random_fixtures.json';
import { MT19937 } from './mt19937';
import { RandomState, RandomStateSnapshot } from './random-state';

// Golden values from numpy 1.24.2's legacy RandomState, made with
//   cd packages/core/src/random/fixtures && /usr/bin/python3 make_random_fixtures.py > random_fixtures.json
// Each scenario is one RandomState(seed) and its calls in order. toEqual compares numbers with Object.is, so every
// double must match to the bit (and 0 vs -0 would count).

type TensorJSON = { shape: number[]; data: number[] };
interface Call {
  op: string;
  out: number | number[] | TensorJSON | RandomStateSnapshot;
  dims?: number[];
  low?: number;
  high?: number | null;
  size?: number | number[] | null;
  n?: number;
  p?: string | null;
  input?: number[];
}
interface Scenario {
  name: string;
  seed: number;
  calls: Call[];
}
const fixtures = fixtureFile as unknown as { probabilities: Record<string, number[]>; scenarios: Scenario[] };

/** Performs one fixture call and returns its result in the fixture's JSON form. */
function run(rs: RandomState, call: Call): unknown {
  const result = ((): unknown => {
    switch (call.op) {
      case 'randomUint32': return rs.randomUint32();
      case 'random': return rs.random();
      case 'rand': return rs.rand(...call.dims!);
      case 'randn': return rs.randn(...call.dims!);
      case 'randint': return rs.randint(call.low!, call.high ?? undefined, call.size ?? undefined);
      case 'choice': return rs.choice(call.n!, call.p ? fixtures.probabilities[call.p] : undefined);
      case 'uniform': return rs.uniform(call.low, call.high ?? undefined, call.size ?? undefined);
      case 'permutation': return rs.permutation(call.n!);
      case 'shuffle': {
        const x = [...call.input!];
        rs.shuffle(x);
        return x;
      }
      case 'getState': return rs.getState();
      default: throw new Error(`unknown fixture op ${call.op}`);
    }
  })();
  return result instanceof Tensor ? { shape: [...result.shape], data: Array.from(result.data) } : result;
}

function replay(rs: RandomState, calls: Call[]): void {
  calls.forEach((call, i) => {
    expect(run(rs, call), `call ${i}: ${call.op}`).toEqual(call.out);
  });
}

describe('RandomState matches numpy.random.RandomState bit for bit', () => {
  for (const scenario of fixtures.scenarios) {
    it(`${scenario.name}`, () => {
      replay(new RandomState(scenario.seed), scenario.calls);
    });

    it(`${scenario.name}: resumes from every saved state (after a JSON round trip)`, () => {
      scenario.calls.forEach((call, k) => {
        if (call.op !== 'getState') return;
        const saved = JSON.parse(JSON.stringify(call.out)) as RandomStateSnapshot;
        replay(RandomState.fromState(saved), scenario.calls.slice(k + 1));
        const rs = new RandomState(12345);
        rs.setState(saved);
        replay(rs, scenario.calls.slice(k + 1));
      });
    });
  }

  it('covers every method, the gauss cache and the 64-bit integer path in the fixtures', () => {
    const ops = new Set(fixtures.scenarios.flatMap((s) => s.calls.map((c) => c.op)));
    expect([...ops].sort()).toEqual(
      ['choice', 'getState', 'permutation', 'rand', 'randint', 'randn', 'random', 'randomUint32', 'shuffle', 'uniform'],
    );
    const states = fixtures.scenarios.flatMap((s) => s.calls.filter((c) => c.op === 'getState'));
    expect(states.some((c) => (c.out as RandomStateSnapshot).hasGauss)).toBe(true);
  });
});

describe('RandomState behaviour', () => {
  const seed0 = fixtures.scenarios.find((s) => s.seed === 0)!;
  const p65 = fixtures.probabilities.p65;

  it('starts from init_genrand: key[0] = seed, pos = 624, no cached gaussian', () => {
    const state = new RandomState(42).getState();
    expect(state.key.length).toBe(624);
    expect(state.key[0]).toBe(42);
    expect(state.key[1]).toBe((Math.imul(1812433253, 42 ^ (42 >>> 30)) + 1) >>> 0);
    expect(state).toMatchObject({ bitGenerator: 'MT19937', pos: 624, hasGauss: false, cachedGaussian: 0 });
  });

  it('gives the 10000th output 4123659995 for seed 5489, as the C++ standard requires of std::mt19937', () => {
    const mt = new MT19937(5489);
    for (let i = 1; i < 10000; i++) mt.nextUint32();
    expect(mt.nextUint32()).toBe(4123659995);
  });

  it('accepts p as number[], Float64Array or a 1-D Tensor with the same draws', () => {
    const first = seed0.calls.findIndex((c) => c.op === 'choice');
    const expected = seed0.calls.slice(first, first + 20).map((c) => c.out);
    for (const p of [p65, Float64Array.from(p65), tensor(p65)]) {
      const rs = new RandomState(0);
      replay(rs, seed0.calls.slice(0, first));
      expect(expected.map(() => rs.choice(65, p))).toEqual(expected);
    }
  });

  it('shuffles typed arrays exactly as plain arrays', () => {
    const a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const b = Float64Array.from(a);
    new RandomState(7).shuffle(a);
    new RandomState(7).shuffle(b);
    expect(Array.from(b)).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('returns numbers without dims or size, Tensors with them', () => {
    const rs = new RandomState(3);
    expect(typeof rs.rand()).toBe('number');
    expect(typeof rs.randn()).toBe('number');
    expect(typeof rs.randint(10)).toBe('number');
    expect(typeof rs.uniform()).toBe('number');
    expect(rs.rand(2, 3).shape).toEqual([2, 3]);
    expect(rs.randint(0, 10, 4).shape).toEqual([4]);
    expect(rs.uniform(0, 1, [2, 1]).shape).toEqual([2, 1]);
  });

  it('keeps state in the instance: two generators with one seed agree, whatever other generators do', () => {
    const a = new RandomState(99);
    const b = new RandomState(99);
    new RandomState(99).randn(5);
    expect(a.randn(5).data).toEqual(b.randn(5).data);
  });
});

describe('RandomState errors', () => {
  it.each([-1, 1.5, 2 ** 32, NaN, Infinity, '42', undefined, null, 42n])('rejects seed %s', (seed) => {
    expect(() => new RandomState(seed as number)).toThrow(ValueError);
    expect(() => new RandomState(seed as number)).toThrow('RandomState: seed must be an integer in [0, 2**32 - 1]');
  });

  it('accepts the extreme seeds 0 and 2**32 - 1', () => {
    expect(new RandomState(0).getState().key[0]).toBe(0);
    expect(new RandomState(2 ** 32 - 1).getState().key[0]).toBe(2 ** 32 - 1);
  });

  it('rejects bad dims for rand and randn', () => {
    const rs = new RandomState(0);
    expect(() => rs.rand(-1)).toThrow(ValueError);
    expect(() => rs.rand(-1)).toThrow('RandomState.rand: dims [-1] has dimension -1, expected non-negative integers');
    expect(() => rs.rand(2.5)).toThrow('RandomState.rand: dims [2.5] has dimension 2.5');
    expect(() => rs.randn(2, -3)).toThrow('RandomState.randn: dims [2, -3] has dimension -3');
  });

  it('rejects empty or non-integer ranges for randint, as numpy: low >= high', () => {
    const rs = new RandomState(0);
    expect(() => rs.randint(5, 5)).toThrow(ValueError);
    expect(() => rs.randint(5, 5)).toThrow('RandomState.randint: low >= high (low = 5, high = 5)');
    expect(() => rs.randint(5, 2)).toThrow('low >= high');
    expect(() => rs.randint(0)).toThrow('RandomState.randint: low >= high (low = 0, high = 0)');
    expect(() => rs.randint(1.5, 3)).toThrow('RandomState.randint: low is 1.5, expected an integer');
    expect(() => rs.randint(0, NaN)).toThrow('RandomState.randint: high is NaN, expected an integer');
    expect(() => rs.randint(0, 2 ** 53 + 2)).toThrow('RandomState.randint: high is 9007199254740994');
    expect(() => rs.randint(0, 10, -1)).toThrow('RandomState.randint: size [-1] has dimension -1');
  });

  it('rejects randint ranges wider than 2**53 and accepts exactly 2**53', () => {
    const rs = new RandomState(0);
    expect(() => rs.randint(-(2 ** 52), 2 ** 52 + 1)).toThrow(ValueError);
    expect(() => rs.randint(-(2 ** 52), 2 ** 52 + 1)).toThrow('high - low is 9007199254740993, expected at most 2**53');
    expect(Number.isSafeInteger(rs.randint(-(2 ** 52), 2 ** 52))).toBe(true);
    expect(rs.randint(2 ** 53 - 1, 2 ** 53)).toBe(2 ** 53 - 1);
    expect(Number.isSafeInteger(rs.randint(0, 2 ** 53))).toBe(true);
  });

  it('rejects a bad n or p for choice, checking p in numpy order', () => {
    const rs = new RandomState(0);
    expect(() => rs.choice(0)).toThrow(ValueError);
    expect(() => rs.choice(0)).toThrow('RandomState.choice: n is 0, expected a positive integer');
    expect(() => rs.choice(2.5)).toThrow('RandomState.choice: n is 2.5');
    expect(() => rs.choice(3, [0.5, 0.5])).toThrow(ShapeError);
    expect(() => rs.choice(3, [0.5, 0.5])).toThrow('RandomState.choice: p has 2 entries, expected n = 3');
    expect(() => rs.choice(2, tensor([[0.5, 0.5]]))).toThrow('RandomState.choice: p has shape [1, 2], expected [n] = [2]');
    expect(() => rs.choice(2, [NaN, 1])).toThrow(ValueError);
    expect(() => rs.choice(2, [NaN, 1])).toThrow('RandomState.choice: p contains NaN');
    expect(() => rs.choice(2, [Infinity, -Infinity])).toThrow('p contains NaN');
    expect(() => rs.choice(2, [1.5, -0.5])).toThrow('RandomState.choice: p[1] is -0.5, expected non-negative');
    expect(() => rs.choice(2, [0.5, 0.4])).toThrow('RandomState.choice: probabilities do not sum to 1: sum(p) = 0.9');
    expect(() => rs.choice(2, [Infinity, 0])).toThrow('probabilities do not sum to 1');
    expect(() => rs.choice(2, [0.5, 0.5 + 1e-7])).toThrow('probabilities do not sum to 1');
    expect(rs.choice(2, [0.5, 0.5 + 1e-9])).toBeLessThan(2); // within numpy's sqrt(eps) tolerance
  });

  it('rejects non-finite bounds for uniform', () => {
    const rs = new RandomState(0);
    expect(() => rs.uniform(0, Infinity)).toThrow(ValueError);
    expect(() => rs.uniform(0, Infinity)).toThrow('RandomState.uniform: low = 0, high = Infinity, expected finite');
    expect(() => rs.uniform(NaN)).toThrow('RandomState.uniform: low = NaN');
    expect(() => rs.uniform(-1.7e308, 1.7e308)).toThrow('with a finite high - low');
  });

  it('rejects a bad n for permutation and a non-array for shuffle', () => {
    const rs = new RandomState(0);
    expect(() => rs.permutation(-1)).toThrow(ValueError);
    expect(() => rs.permutation(-1)).toThrow('RandomState.permutation: n is -1, expected a non-negative integer');
    expect(() => rs.permutation(1.5)).toThrow('RandomState.permutation: n is 1.5');
    expect(() => rs.shuffle(42 as unknown as number[])).toThrow('RandomState.shuffle: x has length undefined');
    expect(() => rs.shuffle(null as unknown as number[])).toThrow(ValueError);
  });

  it('rejects a malformed state and leaves the generator unchanged', () => {
    const rs = new RandomState(5);
    rs.randn();
    const before = rs.getState();
    const good = new RandomState(6).getState();
    const bad: [unknown, string][] = [
      [null, 'RandomState.setState: state is null, expected an object'],
      [{ ...good, bitGenerator: 'PCG64' }, "state.bitGenerator is PCG64, expected 'MT19937'"],
      [{ ...good, key: good.key.slice(1) }, 'state.key has 623 entries, expected an array of 624 integers'],
      [{ ...good, key: 'abc' }, 'state.key has string'],
      [{ ...good, key: [...good.key.slice(0, 623), 2 ** 32] }, 'state.key[623] is 4294967296, expected an integer in'],
      [{ ...good, key: [-1, ...good.key.slice(1)] }, 'state.key[0] is -1'],
      [{ ...good, key: new Array(624).fill(0) }, 'state.key is all zeros'],
      [{ ...good, pos: 625 }, 'state.pos is 625, expected an integer in [0, 624]'],
      [{ ...good, pos: -1 }, 'state.pos is -1'],
      [{ ...good, pos: 1.5 }, 'state.pos is 1.5'],
      [{ ...good, hasGauss: 1 }, 'state.hasGauss is 1, expected true or false'],
      [{ ...good, cachedGaussian: NaN }, 'state.cachedGaussian is NaN, expected a finite number'],
    ];
    for (const [state, message] of bad) {
      expect(() => rs.setState(state as RandomStateSnapshot)).toThrow(ValueError);
      expect(() => rs.setState(state as RandomStateSnapshot)).toThrow(message);
      expect(rs.getState()).toEqual(before);
    }
    expect(() => RandomState.fromState({ ...good, pos: 700 })).toThrow('RandomState.fromState: state.pos is 700');
  });

  it('rejects a bad bound for MT19937.nextBounded', () => {
    expect(() => new MT19937(0).nextBounded(-1)).toThrow('MT19937.nextBounded: max is -1, expected an integer');
    expect(() => new MT19937(0).nextBounded(2 ** 53)).toThrow(ValueError);
  });
});
