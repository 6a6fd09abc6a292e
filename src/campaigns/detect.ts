/**
 * Campaigns: questions whose normalised texts are near-identical (Jaccard of their word 3-shingles at least
 * `SAME_TEXT_JACCARD`), grouped by union-find over the candidate pairs the LSH bands give. Pure.
 * Also the common answers: one answer text published for several questions (same normalised text).
 */
import { createHash } from 'node:crypto';
import { foldName } from '../insights/names';
import { bandKeys, estimate, jaccard, minhash } from './signature';

/** Threshold of « same text », chosen on the labelled set (tests/fixtures/campaigns, see the README's figures). */
const SAME_TEXT_JACCARD = 0.3;
/** Fewer shingles than this (a one-line question, « sur la situation des hôpitaux ») cannot tell a campaign. */
const MIN_SHINGLES = 12;
/** A band's bucket is compared with at most its last members of other campaigns (boilerplate-proof). */
export const BUCKET_SCAN = 8;
/** Candidates whose signatures agree on fewer bins than this share are not checked (far below the threshold). */
const MIN_ESTIMATE = 0.2;
/** An answer shorter than this (« Voir la réponse à la question n° … ») is not a common answer. */
const MIN_ANSWER_CHARS = 200;

/** Whether two signatures may be the same text (a cheap filter before `sameText`). */
export function maybeSame(a: Uint32Array, b: Uint32Array): boolean {
  return estimate(a, b) >= MIN_ESTIMATE;
}

/** Whether a question's shingle set is long enough to be in a campaign. */
export function eligible(set: Uint32Array): boolean {
  return set.length >= MIN_SHINGLES;
}

/** Whether two shingle sets are the same text (both long enough). */
export function sameText(a: Uint32Array, b: Uint32Array): boolean {
  return eligible(a) && eligible(b) && jaccard(a, b) >= SAME_TEXT_JACCARD;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  /** Joins the two sets; the smaller index stays the root (a campaign is named after its first member). */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

/** What a full pass finds: per document, its campaign's root (the first member's index), or -1 when alone. */
export interface CampaignGrouping {
  root: Int32Array;
  /** The band keys of each eligible document (empty for the others), for storage. */
  keys: number[][];
  /** The signature of each eligible document (null for the others), for storage. */
  sigs: Array<Uint32Array | null>;
  /** Candidate pairs checked by their exact Jaccard. */
  checked: number;
}

/** Groups documents (their shingle sets, in the order that names campaigns) into campaigns. */
export function groupCampaigns(sets: readonly Uint32Array[]): CampaignGrouping {
  const uf = new UnionFind(sets.length);
  // One map per band, keyed by the band's hash folded to a small integer (V8's fast keys; a collision only adds a
  // candidate, which is checked).
  const buckets: Array<Map<number, number[]>> = [];
  const keys: number[][] = [];
  const sigs: Array<Uint32Array | null> = [];
  let checked = 0;
  // The document that last looked at each one: a candidate met in several bands is looked at once.
  const seenBy = new Int32Array(sets.length).fill(-1);
  for (let i = 0; i < sets.length; i++) {
    const set = sets[i]!;
    if (!eligible(set)) {
      keys.push([]);
      sigs.push(null);
      continue;
    }
    const sig = minhash(set);
    sigs.push(sig);
    const own = bandKeys(sig);
    keys.push(own);
    for (const key of own) {
      const band = Math.floor(key / 0x1_0000_0000);
      const small = (key % 0x1_0000_0000) & 0x3fffffff;
      const map = (buckets[band] ??= new Map());
      let bucket = map.get(small);
      if (!bucket) {
        bucket = [];
        map.set(small, bucket);
      }
      for (let k = bucket.length - 1, scanned = 0; k >= 0 && scanned < BUCKET_SCAN; k--, scanned++) {
        const j = bucket[k]!;
        if (seenBy[j] === i) continue;
        seenBy[j] = i;
        if (uf.find(j) === uf.find(i) || !maybeSame(sig, sigs[j]!)) continue;
        checked++;
        if (sameText(set, sets[j]!)) uf.union(i, j);
      }
      bucket.push(i);
    }
  }
  const root = new Int32Array(sets.length).fill(-1);
  const size = new Int32Array(sets.length);
  for (let i = 0; i < sets.length; i++) size[uf.find(i)]!++;
  for (let i = 0; i < sets.length; i++) {
    const r = uf.find(i);
    if (size[r]! > 1) root[i] = r;
  }
  return { root, keys, sigs, checked };
}

/** The key of a common answer: a hash of the answer's folded words, null when too short to tell. */
export function answerKey(answer: string | null): string | null {
  if (!answer || answer.length < MIN_ANSWER_CHARS) return null;
  return createHash('sha1').update(foldName(answer)).digest('hex').slice(0, 20);
}
