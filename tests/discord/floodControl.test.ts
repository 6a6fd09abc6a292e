import { describe, expect, it } from 'vitest';
import { FloodGate } from '../../src/discord/floodControl';

describe('flood control', () => {
  it('allows max actions per window per user, then again after the window', () => {
    const gate = new FloodGate(3, 10_000);
    expect([0, 1, 2, 3].map((t) => gate.take('u', t))).toEqual([true, true, true, false]);
    expect(gate.take('other', 4)).toBe(true);
    expect(gate.retryAfterSeconds('u', 5)).toBe(10);
    expect(gate.take('u', 10_001)).toBe(true);
  });
});
