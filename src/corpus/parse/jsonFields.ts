/**
 * Narrowing helpers for the official JSON (converted from XML: a single child is an object, several
 * are an array; an empty element is null or `{"@xsi:nil": "true"}`; text with attributes is `{"#text": ...}`).
 * None of them throws, whatever the input.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows a path of keys through records; undefined as soon as a step is not a record. */
export function at(v: unknown, ...path: string[]): unknown {
  let cur: unknown = v;
  for (const key of path) {
    if (!isRecord(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** A non-empty trimmed string; numbers are accepted as their decimal form; `{"#text": ...}` is unwrapped. */
export function str(v: unknown): string | null {
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (isRecord(v) && typeof v['#text'] === 'string') return str(v['#text']);
  return null;
}

/** A string kept with its inner whitespace (HTML texts); null when empty or not a string. */
export function rawStr(v: unknown): string | null {
  if (isRecord(v) && typeof v['#text'] === 'string') return rawStr(v['#text']);
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/** A non-negative integer written as digits ("17") or as a JSON integer. */
export function int(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  const s = str(v);
  if (s === null || !/^\d{1,9}$/.test(s)) return null;
  return Number(s);
}

/** XML repeated element: absent/null -> [], one object -> [it], array -> its items (null items dropped). */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== undefined && x !== null);
  return [v];
}
