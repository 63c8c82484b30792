import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { tensor } from '../tensor/tensor';
import { Adam, powInteger } from './adam';
import fixtureFile from './fixtures/optim_fixtures.json';

// pow: [beta, t, beta ** t] from Python (C pow), written by fixtures/make_optim_fixtures.py. Adam's update itself is
// checked against numpy and torch.optim.Adam in optimizer.test.ts.
const powTable = (fixtureFile as unknown as { pow: [number, number, number][] }).pow;

describe('Adam bias correction', () => {
  it(`powInteger(beta, t) equals numpy's beta ** t bit for bit on ${powTable.length} cases`, () => {
    const mismatches = powTable.filter(([b, t, expected]) => powInteger(b, t) !== expected);
    expect(mismatches).toEqual([]);
  });

  it("powInteger is needed: V8's ** is not correctly rounded (0.9 ** 4)", () => {
    expect(powInteger(0.9, 4)).toBe(0.6561);
    expect(powTable.some(([b, t, expected]) => b ** t !== expected)).toBe(true);
  });

  it('powInteger handles n = 0 and rejects a negative or fractional exponent', () => {
    expect(powInteger(0.9, 0)).toBe(1);
    expect(() => powInteger(0.9, -1)).toThrow(new ValueError('powInteger: n is -1, expected an integer >= 0'));
    expect(() => powInteger(0.9, 1.5)).toThrow(ValueError);
  });

  it('the first Adam step moves each parameter by lr·g / (|g| + eps): about lr against the gradient sign', () => {
    const adam = new Adam({ learningRate: 0.01 });
    const params = { W: tensor([1, 1, 1]) };
    adam.step(params, { W: tensor([0.5, -2, 0]) });
    expect(Array.from(params.W.data)).toEqual([1 - (0.01 * 0.5) / (0.5 + 1e-8), 1 + (0.01 * 2) / (2 + 1e-8), 1]);
    expect([adam.beta1, adam.beta2, adam.epsilon]).toEqual([0.9, 0.999, 1e-8]);
  });
});
