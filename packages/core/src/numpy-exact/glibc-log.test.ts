import { describe, expect, it } from 'vitest';
import fixtureFile from '../random/fixtures/random_fixtures.json';
import { fma } from './fma';
import { glibcLog } from './glibc-log';

// Golden values from fixtures/make_random_fixtures.py: 'glibcLog' is Python's math.log (glibc 2.36's FMA build on
// x86-64, the log numpy's randn calls), 'fma' is a * b + c computed exactly with fractions.Fraction, rounded once.
const fixtures = fixtureFile as unknown as { glibcLog: [number, number][]; fma: [number, number, number, number][] };

describe('fma', () => {
  it('rounds a * b + c once, including exact ties and total cancellation', () => {
    for (const [a, b, c, expected] of fixtures.fma) {
      expect(fma(a, b, c), `fma(${a}, ${b}, ${c})`).toBe(expected);
    }
  });

  it('differs from a * b + c where the product must not be rounded first', () => {
    expect(0.1 * 10 - 1).toBe(0);
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
  });
});

describe('glibcLog', () => {
  it("returns glibc's log bit for bit across both code paths, subnormals and randn's inputs", () => {
    for (const [x, expected] of fixtures.glibcLog) {
      expect(glibcLog(x), `log(${x})`).toBe(expected);
    }
  });

  it('is needed: Math.log disagrees with glibc on some of the same inputs', () => {
    const differ = fixtures.glibcLog.filter(([x, expected]) => Math.log(x) !== expected);
    expect(differ.length).toBeGreaterThan(0);
  });

  it('handles the special values as C does', () => {
    expect(glibcLog(0)).toBe(-Infinity);
    expect(glibcLog(-0)).toBe(-Infinity);
    expect(glibcLog(1)).toBe(0);
    expect(glibcLog(Infinity)).toBe(Infinity);
    expect(glibcLog(-1)).toBeNaN();
    expect(glibcLog(-Infinity)).toBeNaN();
    expect(glibcLog(NaN)).toBeNaN();
  });
});
