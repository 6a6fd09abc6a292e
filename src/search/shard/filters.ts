/**
 * Filters (deputy, group, ministry, rubrique, legislature, status, dates, delays): how names are compared, the
 * predicate a filter set compiles to, and the per-slot masks a shard caches for the filter sets it is asked.
 */
import {
  foldName,
  labelKey,
  MINISTRY_OPTIONAL,
  nameFilterMatches,
  parseNameQuery,
  personKey,
} from '../../insights/names';
import { isoToDay } from '../indexDoc';
import type { SearchFilters } from '../types';
import type { DocMeta } from './docMeta';

/** Equal, or the filter appears in the value as whole words ("tardy" in "m lionel tardy"). */
function nameMatches(filterNorm: string, value: string | null): boolean {
  if (!value || !filterNorm) return false;
  const v = foldName(value);
  return v === filterNorm || ` ${v} `.includes(` ${filterNorm} `);
}

/** Compiles filters into a predicate over DocMeta, or null when no filter is set. Name matching is memoised. */
function compileFilters(f: SearchFilters, nowDay: number): ((m: DocMeta) => boolean) | null {
  const tests: Array<(m: DocMeta) => boolean> = [];
  const memo = (fn: (value: string | null) => boolean) => {
    const cache = new Map<string | null, boolean>();
    return (value: string | null) => {
      let r = cache.get(value);
      if (r === undefined) {
        r = fn(value);
        cache.set(value, r);
      }
      return r;
    };
  };
  if (f.chamber !== undefined) tests.push((m) => m.chamber === f.chamber);
  if (f.legislature !== undefined) tests.push((m) => m.legislature === f.legislature);
  if (f.status) tests.push((m) => m.status === f.status);
  if (f.deputy?.trim()) {
    // The one name matcher of /depute and the digests (insights/names.ts): whole words in any order.
    const raw = f.deputy.trim();
    const byRef = /^PA\d+$/i.test(raw);
    const q = parseNameQuery(raw);
    const nameOk = memo((v) => v !== null && nameFilterMatches(q, personKey({ name: v })));
    tests.push((m) => (byRef ? m.authorRef?.toUpperCase() === raw.toUpperCase() : nameOk(m.authorName)));
  }
  if (f.group?.trim()) {
    const norm = foldName(f.group);
    const ok = memo((v) => nameMatches(norm, v));
    tests.push((m) => ok(m.group) || (m.groupAbbrev !== null && foldName(m.groupAbbrev) === norm));
  }
  if (f.department?.trim()) {
    const norm = foldName(f.department);
    const ok = memo((v) => !!v && foldName(v) === norm);
    tests.push((m) => ok(m.department));
  }
  if (f.ministry?.trim()) {
    // Words in any order, « ministère de » and the like optional (insights/names.ts).
    const q = parseNameQuery(f.ministry, MINISTRY_OPTIONAL);
    const ok = memo((v) => v !== null && nameFilterMatches(q, labelKey(v)));
    const role = f.ministryRole ?? 'any';
    tests.push((m) => {
      const asked = ok(m.ministryAsked) || ok(m.ministryAskedFull);
      const assigned = ok(m.ministryAssigned) || ok(m.ministryAssignedFull);
      return role === 'asked' ? asked : role === 'assigned' ? assigned : asked || assigned;
    });
  }
  if (f.rubrique?.trim()) {
    const norm = foldName(f.rubrique);
    const ok = memo((v) => nameMatches(norm, v));
    tests.push((m) => ok(m.rubrique));
  }
  if (f.from) {
    const d = isoToDay(f.from);
    tests.push((m) => m.qDay >= 0 && m.qDay >= d);
  }
  if (f.to) {
    const d = isoToDay(f.to);
    tests.push((m) => m.qDay >= 0 && m.qDay <= d);
  }
  if (f.answeredWithinDays !== undefined) {
    const n = f.answeredWithinDays;
    tests.push((m) => m.status === 'answered' && m.qDay >= 0 && m.aDay >= 0 && m.aDay - m.qDay <= n);
  }
  if (f.pendingForMoreThanDays !== undefined) {
    const n = f.pendingForMoreThanDays;
    tests.push((m) => m.status === 'pending' && m.qDay >= 0 && nowDay - m.qDay >= n);
  }
  if (!tests.length) return null;
  return (m) => {
    for (const t of tests) if (!t(m)) return false;
    return true;
  };
}

/** Per-slot pass/fail masks of the last filter sets asked, until the documents change. */
export class FilterMasks {
  private cache = new Map<string, Uint8Array>();

  /** The mask of `filters` over `metas` (1 = passes), or null when no filter is set. */
  of(filters: SearchFilters, nowDay: number, metas: ReadonlyArray<DocMeta | undefined>): Uint8Array | null {
    const pred = compileFilters(filters, nowDay);
    if (!pred) return null;
    const key = `${JSON.stringify(filters)}|${nowDay}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const mask = new Uint8Array(metas.length);
    for (const m of metas) if (m && pred(m)) mask[m.slot] = 1;
    if (this.cache.size >= 32) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, mask);
    return mask;
  }

  /** To call whenever documents are added or removed. */
  clear(): void {
    this.cache.clear();
  }
}
