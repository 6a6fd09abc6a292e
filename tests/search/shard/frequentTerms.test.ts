import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toIndexDoc } from '../../../src/search/indexDoc';
import { SearchService } from '../../../src/search/SearchService';
import type { ShardTuning } from '../../../src/search/shard/indexOptions';
import { loadShard, saveShard } from '../../../src/search/shard/persistShard';
import { SearchShard } from '../../../src/search/shard/SearchShard';
import { LocalShardClient } from '../../../src/search/shardClients';
import type { SearchRequest } from '../../../src/search/types';
import { allQuestions, memoryStore } from '../helpers';

/**
 * The relevance corpus is far below the production `frequentMinDocs`, so frequent terms are forced here with a
 * low floor: terms in more than a quarter of the questions leave minisearch for slot lists.
 */
const FORCED: Partial<ShardTuning> = { frequentMinDocs: 30, frequentRatio: 0.25 };

const questions = allQuestions();
const store = memoryStore(questions);

async function engineWith(tuning: Partial<ShardTuning>) {
  const shard = new SearchShard(tuning);
  shard.add(questions.map(toIndexDoc));
  const engine = new SearchService([new LocalShardClient(shard)], { getTexts: (uids) => store.getTexts(uids) });
  await engine.markReady();
  return { shard, engine };
}

const QUERIES: SearchRequest[] = [
  { text: 'ministre' },
  { text: 'attention ministre justice' },
  { text: 'ministre europol' },
  { text: 'interroge -justice' },
  { text: 'demande cybercriminalité' },
  { text: 'attention', filters: { legislature: 14 } },
  { text: 'attention', sort: 'newest' },
  { text: 'attention', sort: 'oldest' },
  { text: 'ministr europol éoliennes' },
  { text: 'ministre éoliennes' },
  { text: 'minis' },
  { text: 'attnetion europol' },
  { text: '"entraide pénale" ministre' },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('frequent terms kept as slot lists', () => {
  it('moves the terms of more than a quarter of the questions out of minisearch, and only those', async () => {
    const { shard } = await engineWith(FORCED);
    const frequent = shard.frequentTerms();
    expect(frequent.has('ministr')).toBe(true);
    for (const f of frequent.values()) expect(f.all.length).toBeGreaterThan(0.25 * 30);
    expect(frequent.has('europol')).toBe(false);
    const { shard: plain } = await engineWith({});
    expect(plain.frequentTerms().size).toBe(0);
  });

  it('matches exactly the same questions as scoring every term (words, filters, exclusions, phrases, fallback)', async () => {
    const [plain, forced] = await Promise.all([engineWith({}), engineWith(FORCED)]);
    for (const q of QUERIES) {
      const req = { ...q, limit: 50, now: new Date('2025-06-01') };
      const [a, b] = await Promise.all([plain.engine.search(req), forced.engine.search(req)]);
      expect({ q: q.text, total: b.total, mode: b.mode }).toEqual({ q: q.text, total: a.total, mode: a.mode });
      expect(b.hits.map((h) => h.uid).sort()).toEqual(a.hits.map((h) => h.uid).sort());
      if (q.sort && q.sort !== 'relevance') expect(b.hits.map((h) => h.uid)).toEqual(a.hits.map((h) => h.uid));
    }
  });

  it('ranks a question whose indexing terms hold a frequent word above one that only mentions it', async () => {
    const { shard, engine } = await engineWith({ frequentMinDocs: 30, frequentRatio: 0.1 });
    const justice = shard.frequentTerms().get('justic');
    expect(justice, 'justic should be frequent at 10 %').toBeDefined();
    const inIdx = new Set(justice!.idx.view());
    const r = await engine.search({ text: 'justice', limit: 50 });
    const firstOutside = r.hits.findIndex((h) => !inIdx.has(shard.slotOf(h.uid)!));
    const lastInside = r.hits.map((h) => inIdx.has(shard.slotOf(h.uid)!)).lastIndexOf(true);
    expect(lastInside).toBeGreaterThanOrEqual(0);
    expect(firstOutside === -1 || lastInside < firstOutside).toBe(true);
  });

  it('saves and reloads the slot lists, and later additions reach them', async () => {
    const { shard } = await engineWith(FORCED);
    const dir = mkdtempSync(path.join(tmpdir(), 'frequent-'));
    dirs.push(dir);
    await saveShard(shard, path.join(dir, 's'));
    const loaded = await loadShard(path.join(dir, 's'));
    const before = [...shard.frequentTerms()].map(([t, f]) => [t, [...f.all.view()], [...f.idx.view()]]);
    expect([...loaded.frequentTerms()].map(([t, f]) => [t, [...f.all.view()], [...f.idx.view()]])).toEqual(before);
    const base = questions[0]!;
    loaded.add([toIndexDoc({ ...base, uid: 'QANR5L14QE99998', number: 99998 })]);
    const slot = loaded.slotOf('QANR5L14QE99998')!;
    expect([...loaded.frequentTerms().get('ministr')!.all.view()]).toContain(slot);
  });
});
