import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeDays,
  isDue,
  nextRun,
  parseDays,
  parseTime,
  refreshRetryDelayMs,
  wallTimeAt,
  zonedTimeToInstant,
} from '../../src/digest/schedule';

const PARIS = 'Europe/Paris';
const every = (time: string) => ({ time, days: null, timeZone: PARIS });

describe('nextRun', () => {
  it('runs at 08:00 Paris = 07:00 UTC in winter and 06:00 UTC in summer', () => {
    expect(nextRun(every('08:00'), new Date('2025-01-15T05:00:00Z')).toISOString()).toBe('2025-01-15T07:00:00.000Z');
    expect(nextRun(every('08:00'), new Date('2025-07-15T05:00:00Z')).toISOString()).toBe('2025-07-15T06:00:00.000Z');
  });

  it('moves to the next day once today’s slot has passed (strictly after now)', () => {
    expect(nextRun(every('08:00'), new Date('2025-01-15T07:00:00Z')).toISOString()).toBe('2025-01-16T07:00:00.000Z');
    expect(nextRun(every('08:00'), new Date('2025-01-15T06:59:59Z')).toISOString()).toBe('2025-01-15T07:00:00.000Z');
  });

  it('follows the spring-forward change: the day before at +1, the day of at +2', () => {
    // DST in Paris starts on 2025-03-30 at 02:00 -> 03:00.
    expect(nextRun(every('08:00'), new Date('2025-03-29T12:00:00Z')).toISOString()).toBe('2025-03-30T06:00:00.000Z');
    expect(nextRun(every('08:00'), new Date('2025-03-28T12:00:00Z')).toISOString()).toBe('2025-03-29T07:00:00.000Z');
  });

  it('runs a time inside the spring-forward gap at the first instant after it', () => {
    const slot = nextRun(every('02:30'), new Date('2025-03-29T12:00:00Z'));
    expect(slot.toISOString()).toBe('2025-03-30T01:30:00.000Z'); // 03:30 CEST
    expect(wallTimeAt(slot, PARIS)).toMatchObject({ day: 30, hour: 3, minute: 30 });
  });

  it('runs a time repeated by the autumn change once, at its first occurrence', () => {
    // DST ends on 2025-10-26 at 03:00 -> 02:00: 02:30 happens twice.
    const first = nextRun(every('02:30'), new Date('2025-10-25T12:00:00Z'));
    expect(first.toISOString()).toBe('2025-10-26T00:30:00.000Z');
    const after = nextRun(every('02:30'), first);
    expect(after.toISOString()).toBe('2025-10-27T01:30:00.000Z');
  });

  it('waits for the chosen weekday: « mardi » runs on Tuesdays only', () => {
    const days = parseDays('mardi');
    expect(days).toEqual({ ok: true, days: [2] });
    if (!days.ok) return;
    const spec = { time: '09:15', days: days.days, timeZone: PARIS };
    // 2025-03-05 is a Wednesday.
    const slot = nextRun(spec, new Date('2025-03-05T10:00:00Z'));
    expect(slot.toISOString()).toBe('2025-03-11T08:15:00.000Z');
    expect(wallTimeAt(slot, PARIS)).toMatchObject({ weekday: 2, hour: 9, minute: 15 });
    // On a Tuesday before the hour: the same day.
    expect(nextRun(spec, new Date('2025-03-11T07:00:00Z')).toISOString()).toBe('2025-03-11T08:15:00.000Z');
  });

  it('always lands on an allowed weekday at the requested local time, strictly after now (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        (now, hour, minute, days) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const slot = nextRun({ time, days, timeZone: PARIS }, now);
          expect(slot.getTime()).toBeGreaterThan(now.getTime());
          expect(slot.getTime() - now.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
          const w = wallTimeAt(slot, PARIS);
          expect(days).toContain(w.weekday);
          // Only the spring-forward gap (02:xx) may shift the hour, by one.
          if (!(hour === 2 && w.hour === 3)) expect(w.hour).toBe(hour);
          expect(w.minute).toBe(minute);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isDue', () => {
  it('is due once the stored next run has passed, not before', () => {
    expect(isDue('2025-03-04T07:00:00.000Z', new Date('2025-03-04T06:59:59Z'))).toBe(false);
    expect(isDue('2025-03-04T07:00:00.000Z', new Date('2025-03-04T07:00:00Z'))).toBe(true);
    expect(isDue(new Date('2025-03-04T07:00:00Z'), new Date('2025-03-05T10:00:00Z'))).toBe(true);
  });
});

describe('parsing times and days', () => {
  it('reads French ways of writing an hour', () => {
    expect(parseTime('8h')).toBe('08:00');
    expect(parseTime('8h30')).toBe('08:30');
    expect(parseTime('08:05')).toBe('08:05');
    expect(parseTime('20 h')).toBe('20:00');
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('8h61')).toBeNull();
    expect(parseTime('midi')).toBeNull();
  });

  it('reads day choices, lists, ranges and "semaine"', () => {
    expect(parseDays('lundi, jeudi')).toEqual({ ok: true, days: [1, 4] });
    expect(parseDays('Mardi et Vendredi')).toEqual({ ok: true, days: [2, 5] });
    expect(parseDays('lun-ven')).toEqual({ ok: true, days: [1, 2, 3, 4, 5] });
    expect(parseDays('semaine')).toEqual({ ok: true, days: [1, 2, 3, 4, 5] });
    expect(parseDays('tous')).toEqual({ ok: true, days: null });
    expect(parseDays('')).toEqual({ ok: true, days: null });
    expect(parseDays('samedi-lundi')).toEqual({ ok: true, days: [1, 6, 7] });
    const bad = parseDays('mardy');
    expect(bad.ok).toBe(false);
  });

  it('describes days in French', () => {
    expect(describeDays(null)).toBe('tous les jours');
    expect(describeDays([2])).toBe('le mardi');
    expect(describeDays([1, 4])).toBe('le lundi et le jeudi');
    expect(describeDays([1, 2, 3, 4, 5])).toBe('du lundi au vendredi');
  });

  it('converts a Paris wall time to the right instant on both sides of a DST change', () => {
    expect(zonedTimeToInstant(2025, 1, 1, 0, 0, PARIS).toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(zonedTimeToInstant(2025, 8, 1, 0, 0, PARIS).toISOString()).toBe('2025-07-31T22:00:00.000Z');
  });
});

describe('refresh backoff', () => {
  it('waits longer after each failure, up to a cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 10].map(refreshRetryDelayMs);
    for (let i = 1; i < 5; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
    expect(delays[6]).toBe(delays[5]);
  });
});
