import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from '../../../src/insights/names';

describe('boundedEditDistance', () => {
  const levenshtein = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length]![b.length]!;
  };
  it('equals the Levenshtein distance up to the bound, and says "over" beyond it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-d]{0,8}$/),
        fc.stringMatching(/^[a-d]{0,8}$/),
        fc.integer({ min: 0, max: 3 }),
        (a, b, max) => {
          const exact = levenshtein(a, b);
          expect(boundedEditDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
        },
      ),
    );
  });
});
