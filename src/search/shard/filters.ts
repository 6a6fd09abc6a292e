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
import type { DocTable, StringColumn } from './docMeta';

/** Equal, or the filter appears in the value as whole words ("tardy" in "m lionel tardy"). */
function nameMatches(filterNorm: string, value: string | null): boolean {
  if (!value || !filterNorm) return false;
  const v = foldName(value);
  return v === filterNorm || ` ${v} `.includes(` ${filterNorm} `);
}

/** Compiles filters into a predicate over a table's slots, or null when no filter is set. Name matching is memoised per string id. */
function compileFilters(f: SearchFilters, nowDay: number, docs: DocTable): ((slot: number) => boolean) | null {
  const tests: Array<(slot: number) => boolean> = [];
  /** A test of a string, memoised by its id in the shard's string table (0 = null). */
  const memo = (fn: (value: string | null) => boolean) => {
    const cache = new Uint8Array(docs.stringIdCount); // 0 unknown, 1 no, 2 yes
    return (id: number) => {
      let r = cache[id]!;
      if (r === 0) cache[id] = r = fn(docs.stringAt(id)) ? 2 : 1;
      return r === 2;
    };
  };
  const str = (column: StringColumn) => (slot: number) => docs.stringId(slot, column);
  if (f.chamber !== undefined) tests.push((s) => docs.code(s, 'chamber') === f.chamber);
  if (f.legislature !== undefined) tests.push((s) => docs.legislature(s) === f.legislature);
  if (f.status) tests.push((s) => docs.code(s, 'status') === f.status);
  if (f.deputy?.trim()) {
    // The one name matcher of /depute and the digests (insights/names.ts): whole words in any order.
    const raw = f.deputy.trim();
    const byRef = /^PA\d+$/i.test(raw);
    const q = parseNameQuery(raw);
    const ok = byRef
      ? memo((v) => v?.toUpperCase() === raw.toUpperCase())
      : memo((v) => v !== null && nameFilterMatches(q, personKey({ name: v })));
    const column = str(byRef ? 'authorRef' : 'authorName');
    tests.push((s) => ok(column(s)));
  }
  if (f.group?.trim()) {
    const norm = foldName(f.group);
    const ok = memo((v) => nameMatches(norm, v));
    const abbrevOk = memo((v) => v !== null && foldName(v) === norm);
    const group = str('group');
    const abbrev = str('groupAbbrev');
    tests.push((s) => ok(group(s)) || abbrevOk(abbrev(s)));
  }
  if (f.department?.trim()) {
    const norm = foldName(f.department);
    const ok = memo((v) => !!v && foldName(v) === norm);
    const department = str('department');
    tests.push((s) => ok(department(s)));
  }
  if (f.ministry?.trim()) {
    // Words in any order, « ministère de » and the like optional (insights/names.ts).
    const q = parseNameQuery(f.ministry, MINISTRY_OPTIONAL);
    const ok = memo((v) => v !== null && nameFilterMatches(q, labelKey(v)));
    const role = f.ministryRole ?? 'any';
    const [askedShort, askedFull] = [str('ministryAsked'), str('ministryAskedFull')];
    const [assignedShort, assignedFull] = [str('ministryAssigned'), str('ministryAssignedFull')];
    const asked = (s: number) => ok(askedShort(s)) || ok(askedFull(s));
    const assigned = (s: number) => ok(assignedShort(s)) || ok(assignedFull(s));
    tests.push(role === 'asked' ? asked : role === 'assigned' ? assigned : (s) => asked(s) || assigned(s));
  }
  if (f.rubrique?.trim()) {
    const norm = foldName(f.rubrique);
    const ok = memo((v) => nameMatches(norm, v));
    const rubrique = str('rubrique');
    tests.push((s) => ok(rubrique(s)));
  }
  if (f.from) {
    const d = isoToDay(f.from);
    tests.push((s) => docs.qDay(s) >= 0 && docs.qDay(s) >= d);
  }
  if (f.to) {
    const d = isoToDay(f.to);
    tests.push((s) => docs.qDay(s) >= 0 && docs.qDay(s) <= d);
  }
  if (f.answeredWithinDays !== undefined) {
    const n = f.answeredWithinDays;
    tests.push((s) => {
      const q = docs.qDay(s);
      const a = docs.aDay(s);
      return docs.code(s, 'status') === 'answered' && q >= 0 && a >= 0 && a - q <= n;
    });
  }
  if (f.pendingForMoreThanDays !== undefined) {
    const n = f.pendingForMoreThanDays;
    tests.push((s) => docs.code(s, 'status') === 'pending' && docs.qDay(s) >= 0 && nowDay - docs.qDay(s) >= n);
  }
  if (!tests.length) return null;
  return (slot) => {
    for (const t of tests) if (!t(slot)) return false;
    return true;
  };
}

/** Per-slot pass/fail masks of the last filter sets asked, until the documents change. */
export class FilterMasks {
  private cache = new Map<string, Uint8Array>();

  /** The mask of `filters` over the documents of `docs` (1 = passes), or null when no filter is set. */
  of(filters: SearchFilters, nowDay: number, docs: DocTable): Uint8Array | null {
    const key = `${JSON.stringify(filters)}|${nowDay}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const pred = compileFilters(filters, nowDay, docs);
    if (!pred) return null;
    const mask = new Uint8Array(docs.slots);
    for (let slot = 0; slot < docs.slots; slot++) if (docs.has(slot) && pred(slot)) mask[slot] = 1;
    if (this.cache.size >= 32) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, mask);
    return mask;
  }

  /** To call whenever documents are added or removed. */
  clear(): void {
    this.cache.clear();
  }
}
