/**
 * Scheduling maths: pure functions of the clock. A digest runs at a local wall-clock time ("08:00") in an
 * IANA time zone (Europe/Paris, with its DST changes), on every day or on chosen ISO weekdays
 * (1 = lundi ... 7 = dimanche).
 *
 * DST contract: a wall time that does not exist (02:30 on the spring-forward night) runs at the first
 * instant after the gap (03:30 local); a wall time that occurs twice (autumn) runs at the first occurrence.
 */
import { foldKey } from '../text/fold';

export interface ScheduleSpec {
  /** "HH:MM", 24 h. */
  time: string;
  /** ISO weekdays (1 = Monday ... 7 = Sunday); null = every day. */
  days: number[] | null;
  timeZone: string;
}

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

const FRENCH_DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS_EN: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock reading of `instant` in `timeZone`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: WEEKDAYS_EN[get('weekday')] ?? 1,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in ms (Paris: +1 h in winter, +2 h in summer). */
function offsetAt(instantMs: number, timeZone: string): number {
  const w = wallTimeAt(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant at which `timeZone`'s clocks read the given wall time (see the DST contract above). */
export function zonedTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, 0);
  const before = offsetAt(wallMs - 12 * 3600_000, timeZone);
  const after = offsetAt(wallMs + 12 * 3600_000, timeZone);
  const candidates = [wallMs - before, wallMs - after].filter((t) => {
    const w = wallTimeAt(new Date(t), timeZone);
    return w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
  });
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a spring-forward gap: keep the pre-transition offset, which lands just after the gap.
  return new Date(wallMs - before);
}

/** "8h", "8h30", "08:00", "8:30", "20 h" -> "HH:MM"; null when not a valid time. */
export function parseTime(input: string): string | null {
  const m = /^\s*(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?\s*$/i.exec(input);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * French day choices: "mardi", "lundi, jeudi", "lun-ven", "semaine" (Monday-Friday), "tous" / "" (every day).
 * Returns the sorted ISO weekdays, null for every day, or an error message in French.
 */
export function parseDays(
  input: string | null | undefined,
): { ok: true; days: number[] | null } | { ok: false; error: string } {
  const text = foldKey(input ?? '');
  if (text === '' || text === 'tous' || text === 'tous les jours' || text === 'quotidien' || text === 'chaque jour') {
    return { ok: true, days: null };
  }
  if (text === 'semaine' || text === 'en semaine' || text === 'jours ouvres')
    return { ok: true, days: [1, 2, 3, 4, 5] };
  const dayIndex = (token: string): number | null => {
    const t = token.trim();
    if (t.length < 2) return null;
    const i = FRENCH_DAYS.findIndex((d) => d === t || (t.length >= 3 && d.startsWith(t)));
    return i < 0 ? null : i + 1;
  };
  const days = new Set<number>();
  for (const piece of text.split(/[,;/]|\s+et\s+|\s+/).filter((p) => p.trim() !== '')) {
    const range = /^([a-z]+)\s*-\s*([a-z]+)$/.exec(piece.trim());
    if (range) {
      const a = dayIndex(range[1] ?? '');
      const b = dayIndex(range[2] ?? '');
      if (a === null || b === null) return { ok: false, error: `Jour inconnu dans « ${input} ».` };
      for (let d = a; ; d = (d % 7) + 1) {
        days.add(d);
        if (d === b) break;
      }
      continue;
    }
    const d = dayIndex(piece);
    if (d === null) {
      return {
        ok: false,
        error: `Jour inconnu : « ${piece.trim()} » (exemples : « mardi », « lundi, jeudi », « semaine », « tous »).`,
      };
    }
    days.add(d);
  }
  if (days.size === 0 || days.size === 7) return { ok: true, days: null };
  return { ok: true, days: [...days].sort((a, b) => a - b) };
}

/** "tous les jours", "le mardi", "le lundi et le jeudi". */
export function describeDays(days: number[] | null): string {
  if (days === null || days.length === 7) return 'tous les jours';
  if (days.length === 5 && days.every((d, i) => d === i + 1)) return 'du lundi au vendredi';
  const names = days.map((d) => `le ${FRENCH_DAYS[d - 1] ?? '?'}`);
  const last = names.pop() ?? '';
  return names.length === 0 ? last : `${names.join(', ')} et ${last}`;
}

export function serializeDays(days: number[] | null): string | null {
  return days === null ? null : days.join(',');
}

export function deserializeDays(value: string | null): number[] | null {
  if (value === null || value.trim() === '') return null;
  return value
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7);
}

/** The first scheduled instant strictly after `now`. */
export function nextRun(spec: ScheduleSpec, now: Date): Date {
  const hm = /^(\d{1,2}):(\d{2})$/.exec(spec.time);
  if (!hm) throw new Error(`schedule: invalid time "${spec.time}"`);
  const hour = Number(hm[1]);
  const minute = Number(hm[2]);
  const today = wallTimeAt(now, spec.timeZone);
  // Calendar arithmetic on the local date, done in UTC to avoid the host's own zone.
  for (let offset = 0; offset <= 8; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (spec.days !== null && !spec.days.includes(isoWeekday)) continue;
    const slot = zonedTimeToInstant(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      hour,
      minute,
      spec.timeZone,
    );
    if (slot.getTime() > now.getTime()) return slot;
  }
  throw new Error('schedule: no slot within 8 days (empty day list?)');
}

/** A subscription is due once its stored next run has passed. */
export function isDue(nextRunAt: Date | string, now: Date): boolean {
  const t = typeof nextRunAt === 'string' ? Date.parse(nextRunAt) : nextRunAt.getTime();
  return Number.isFinite(t) && t <= now.getTime();
}

/** Backoff of the daily refresh after `failures` consecutive failed downloads: 5, 15, 30, 60, 120 min (cap). */
export function refreshRetryDelayMs(failures: number): number {
  const steps = [5, 15, 30, 60, 120];
  const i = Math.min(Math.max(failures, 1), steps.length) - 1;
  return (steps[i] ?? 120) * 60_000;
}

/** Backoff before re-trying one failed message post (transient errors): 1, 2, 4, ... min, capped at 60. */
export function deliveryRetryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}
