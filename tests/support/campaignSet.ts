/**
 * The labelled set of campaign pairs (tests/fixtures/campaigns/pairs.json): real QOSD texts of the 15th legislature
 * (tests/fixtures/relevance/qosd15.csv), real reposts, variants derived from them (opening, local detail, words,
 * paragraph added, all of these) and lookalikes that are not campaigns (same subject, different text), each pair with
 * the reason of its label. Measures « same campaign » through the production detection (normalisation, shingles,
 * MinHash, LSH bands, Jaccard check, union-find), pair by pair.
 * Used by `tests/campaigns/labelledSet.test.ts` and `npm run bench -- --only campaigns`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupCampaigns } from '../../src/campaigns/detect';
import { campaignWords } from '../../src/campaigns/normalize';
import { jaccard, shingles } from '../../src/campaigns/signature';

const here = path.dirname(fileURLToPath(import.meta.url));

interface PairText {
  text: string;
  author: string | null;
  department: string | null;
  ref: string;
}

export interface LabelledPair {
  id: number;
  kind: string;
  same: boolean;
  a: PairText;
  b: PairText;
  reason: string;
}

export function labelledPairs(): LabelledPair[] {
  const file = path.resolve(here, '../fixtures/campaigns/pairs.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { pairs: LabelledPair[] }).pairs;
}

const setOf = (t: PairText) =>
  shingles(campaignWords({ text: t.text, authorName: t.author, department: t.department }));

export interface CampaignScores {
  pairs: number;
  precision: number;
  recall: number;
  /** Per kind: pairs, how many were judged « same », and the Jaccard range. */
  byKind: Record<string, { pairs: number; judgedSame: number; minJaccard: number; maxJaccard: number }>;
  /** Pairs judged wrongly. */
  errors: LabelledPair[];
}

export function measureCampaigns(pairs: readonly LabelledPair[]): CampaignScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byKind: CampaignScores['byKind'] = {};
  const errors: LabelledPair[] = [];
  for (const p of pairs) {
    const a = setOf(p.a);
    const b = setOf(p.b);
    const { root } = groupCampaigns([a, b]);
    const judged = root[0] !== -1 && root[0] === root[1];
    if (judged && p.same) tp++;
    else if (judged) fp++;
    else if (p.same) fn++;
    if (judged !== p.same) errors.push(p);
    const j = jaccard(a, b);
    const k = (byKind[p.kind] ??= { pairs: 0, judgedSame: 0, minJaccard: 1, maxJaccard: 0 });
    k.pairs++;
    if (judged) k.judgedSame++;
    k.minJaccard = Math.min(k.minJaccard, j);
    k.maxJaccard = Math.max(k.maxJaccard, j);
  }
  return {
    pairs: pairs.length,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    byKind,
    errors,
  };
}
