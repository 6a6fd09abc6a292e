import { createHash } from 'node:crypto';
import type { Question } from '../corpus/types';

/** JSON with object keys sorted, so that two equal records always serialise to the same string. */
function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * Content fingerprint of a question, ignoring where it was read from (`source`). The Assemblée's chamber is left
 * out so that fingerprints stored before the Sénat arrived stay equal (an unchanged question stays unchanged).
 */
export function questionHash(q: Question): string {
  const { source: _source, chamber, ...rest } = q;
  const content = chamber === 'senat' ? { ...rest, chamber } : rest;
  return createHash('sha1').update(stableStringify(content)).digest('hex');
}

export function contentHash(value: unknown): string {
  return createHash('sha1').update(stableStringify(value)).digest('hex');
}
