/**
 * minisearch under guard: the shard reads and writes minisearch's private fields (miniAdapter.ts), so these tests
 * compare what it builds and reloads with minisearch's own `add` and `toJSON()`, on real texts. A minisearch
 * upgrade that changes its internals fails here instead of corrupting search.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MiniSearch, { type AsPlainObject } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOpenDataQuestion } from '../../../src/corpus/parse/parseOpenDataQuestion';
import { toIndexDoc, type IndexDoc } from '../../../src/search/indexDoc';
import { parseQuery, type ShardQuery } from '../../../src/search/query';
import {
  analyzeDoc,
  FIELD_BOOSTS,
  INDEX_OPTIONS,
  type IndexedFields,
  type ShardTuning,
} from '../../../src/search/shard/indexOptions';
import { MINISEARCH_VERSION, MiniIndex } from '../../../src/search/shard/miniAdapter';
import { loadShard, saveShard } from '../../../src/search/shard/persistShard';
import { SearchShard } from '../../../src/search/shard/SearchShard';
import { allQuestions, repoRoot } from '../helpers';

/** Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The 629 real oral questions of tests/fixtures/relevance/qosd15.csv, as index documents. */
function oralQuestionDocs(): IndexDoc[] {
  const [, ...rows] = readCsv(readFileSync(path.join(repoRoot, 'tests/fixtures/relevance/qosd15.csv'), 'utf8'));
  return rows.map(([, index, deputy, ministry, date, text]) => {
    const [d, m, y] = date!.split('/');
    return {
      uid: `QANR5L15QOSD${index}`,
      chamber: 'an',
      legislature: 15,
      number: Number(index),
      type: 'QOSD',
      status: 'pending',
      questionDate: `${y}-${m}-${d}`,
      answerDate: null,
      authorName: deputy!,
      authorRef: null,
      group: null,
      groupAbbrev: null,
      department: null,
      ministryAsked: ministry!,
      ministryAskedFull: null,
      ministryAssigned: null,
      ministryAssignedFull: null,
      rubrique: null,
      teteAnalyse: null,
      analyses: [],
      url: '',
      questionText: text!,
      answerText: null,
    };
  });
}

/** Seeds, open-data fixtures and the hand-written extras, the real published sample, and the real oral questions. */
function realisticDocs(): IndexDoc[] {
  const sample = parseOpenDataQuestion(
    JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/samples/QANR5L17QG1.json'), 'utf8')),
    'QANR5L17QG1.json',
  );
  if (!sample.ok) throw new Error(sample.reason);
  return [...allQuestions(), sample.value].map(toIndexDoc).concat(oralQuestionDocs());
}

/**
 * The first place where two JSON values differ (path and both values, shortened), or null when they are equal.
 * Indexes hold thousands of terms: a readable one-line failure instead of a diff of megabytes.
 */
function firstDifference(actual: unknown, expected: unknown, at = '$'): string | null {
  if (Object.is(actual, expected)) return null;
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 200);
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null)
    return `${at}: ${show(actual)} instead of ${show(expected)}`;
  if (Array.isArray(actual) !== Array.isArray(expected)) return `${at}: ${show(actual)} instead of ${show(expected)}`;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = Object.keys(e);
  if (Object.keys(a).length !== keys.length) return `${at}: keys ${show(Object.keys(a))} instead of ${show(keys)}`;
  for (const k of keys) {
    if (!(k in a)) return `${at}.${k}: missing`;
    const d = firstDifference(a[k], e[k], `${at}.${k}`);
    if (d) return d;
  }
  return null;
}

/** minisearch's serialisation with its terms in alphabetical order (the tree's order depends on its history). */
function byTerm(json: AsPlainObject): AsPlainObject {
  return { ...json, index: [...json.index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

const docs = realisticDocs();
const NO_PROMOTION: Partial<ShardTuning> = {}; // production floor: 2,000 documents, far above this corpus
const PROMOTING: Partial<ShardTuning> = { frequentMinDocs: 30, frequentRatio: 0.05 };
const MERGING: Partial<ShardTuning> = { mergePostings: 500 };

/** minisearch with the shard's options, fed by its own `add`. */
function plainIndex(): MiniSearch<IndexedFields> {
  return new MiniSearch<IndexedFields>(INDEX_OPTIONS);
}

/** The same documents through `shard.add` (in batches) and through `MiniSearch.add`, slot for slot. */
function buildBoth(
  tuning: Partial<ShardTuning>,
  list: IndexDoc[],
): { shard: SearchShard; plain: MiniSearch<IndexedFields> } {
  const shard = new SearchShard(tuning);
  const plain = plainIndex();
  for (let i = 0; i < list.length; i += 97) shard.add(list.slice(i, i + 97));
  list.forEach((doc, slot) => {
    plain.add(analyzeDoc(doc, slot));
  });
  expect(shard.size).toBe(list.length);
  return { shard, plain };
}

/** Shared by the tests that only read them (a build of the 660 documents takes seconds). */
const builds = new Map<Partial<ShardTuning>, ReturnType<typeof buildBoth>>();
function built(tuning: Partial<ShardTuning>): ReturnType<typeof buildBoth> {
  let b = builds.get(tuning);
  if (!b) builds.set(tuning, (b = buildBoth(tuning, docs)));
  return b;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('minisearch pinned', () => {
  it('is installed at exactly the version package.json and the lockfile name, and that version is the adapter’s', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
    };
    expect(pkg.dependencies.minisearch).toBe(MINISEARCH_VERSION);
    expect(lock.packages['']!.dependencies!.minisearch).toBe(MINISEARCH_VERSION);
    expect(lock.packages['node_modules/minisearch']!.version).toBe(MINISEARCH_VERSION);
  });

  it('refuses a term dictionary whose methods are not the ones it reads', () => {
    const changed = new SearchableMap<number>();
    (changed as unknown as Record<string, unknown>).fuzzyGet = undefined;
    expect(() => new MiniIndex(undefined, changed)).toThrow(/internals/);
    expect(() => new MiniIndex(undefined, new SearchableMap<number>())).not.toThrow();
  });
});

describe('the fast add', () => {
  it('builds exactly the index MiniSearch.add builds (same toJSON), on real texts', () => {
    expect(docs.length).toBeGreaterThan(600);
    const { shard, plain } = built(NO_PROMOTION);
    expect(shard.frequentTerms().size).toBe(0);
    const fast = shard.contents().index.toJSON();
    expect(fast.index.length).toBeGreaterThan(5000);
    expect(firstDifference(fast, plain.toJSON())).toBeNull();
  });

  it('stays identical to MiniSearch.add through updates and removals', () => {
    const { shard, plain } = buildBoth(NO_PROMOTION, docs);
    const updated = docs
      .slice(10, 40)
      .map((d) => ({ ...d, questionText: `${d.questionText ?? ''} Les trottinettes électriques.` }));
    const oldSlots = updated.map((d) => shard.slotOf(d.uid)!);
    shard.add(updated);
    // In the shard's order (each update discards then adds): averages are running sums of floats.
    updated.forEach((d, k) => {
      plain.discard(oldSlots[k]!);
      plain.add(analyzeDoc(d, shard.slotOf(d.uid)!));
    });
    const removed = docs.slice(100, 120).map((d) => d.uid);
    for (const uid of removed) plain.discard(shard.slotOf(uid)!);
    expect(shard.remove(removed)).toBe(removed.length);
    expect(firstDifference(shard.contents().index.toJSON(), plain.toJSON())).toBeNull();
  });

  it('builds and updates exactly what MiniSearch.add builds when its postings are merged into arenas along the way', () => {
    // A merge every few hundred postings: most terms end up split between an arena segment and a tail, merged again.
    const { shard, plain } = buildBoth(MERGING, docs);
    expect(firstDifference(shard.contents().index.toJSON(), plain.toJSON())).toBeNull();
    const updated = docs
      .slice(200, 260)
      .map((d) => ({ ...d, answerText: `${d.answerText ?? ''} Les haies bocagères.` }));
    const oldSlots = updated.map((d) => shard.slotOf(d.uid)!);
    shard.add(updated);
    updated.forEach((d, k) => {
      plain.discard(oldSlots[k]!);
      plain.add(analyzeDoc(d, shard.slotOf(d.uid)!));
    });
    expect(firstDifference(shard.contents().index.toJSON(), plain.toJSON())).toBeNull();
    // And it answers as the same shard without merges.
    const unmerged = new SearchShard(NO_PROMOTION);
    for (let i = 0; i < docs.length; i += 97) unmerged.add(docs.slice(i, i + 97));
    unmerged.add(updated);
    for (const text of ['haies bocagères', 'cybercriminalité données', 'minis', 'hopitaux outre-mer', 'éolienes']) {
      const q: ShardQuery = { query: parseQuery(text), filters: {}, nowDay: 0, sort: 'relevance', top: 10 };
      expect(shard.find(q)).toEqual(unmerged.find(q));
    }
  });

  it('keeps every posting when minisearch vacuums in the middle of an adding batch', () => {
    // 2,000 discards start minisearch's automatic vacuum synchronously, inside `add`: a term left without live
    // documents is dropped from its tree, and must not be written to afterwards through a stale reference.
    const tiny = (uid: string, text: string): IndexDoc => ({
      ...docs[0]!,
      uid,
      number: 1,
      analyses: [],
      rubrique: null,
      teteAnalyse: null,
      questionText: text,
      answerText: null,
    });
    const shard = new SearchShard({ frequentMinDocs: 1_000_000 }); // no frequent-term checkpoint in the batch
    const base = Array.from({ length: 2100 }, (_, i) => tiny(`base-${i}`, 'commune rurale'));
    shard.add(base);
    shard.add([
      ...base.slice(0, 1999).map((d) => ({ ...d, questionText: 'commune urbaine' })), // 1,999 discards
      tiny('moving', 'zygomorphes'),
      tiny('moving', 'commune'), // the 2,000th discard: the vacuum drops « zygomorphes », now without documents
      tiny('late', 'zygomorphes'),
    ]);
    expect(shard.contents().index.header().dirtCount, 'the vacuum ran').toBe(0);
    const found = shard.find({ query: parseQuery('zygomorphes'), filters: {}, nowDay: 0, sort: 'relevance', top: 5 });
    expect(found.hits.map((h) => h.uid)).toEqual(['late']);
  });
});

describe('similar questions', () => {
  it('scores an OR of terms exactly as MiniSearch.search does, in its order, a document boost of 0 leaving one out', () => {
    const { shard, plain } = built(NO_PROMOTION);
    const self = docs.findIndex((d) => (shard.sourceTerms(d.uid)?.length ?? 0) >= 8);
    const terms = shard.sourceTerms(docs[self]!.uid)!.slice(0, 25);
    const boostDocument = (id: number) => (id === self ? 0 : id % 7 === 0 ? 0.5 : 1);
    const expected = plain
      .search(
        { combineWith: 'OR', queries: terms },
        {
          tokenize: (s) => [s],
          processTerm: (t) => t,
          boost: FIELD_BOOSTS,
          boostDocument: (id) => boostDocument(id as number),
        },
      )
      .map((r) => ({ id: r.id as number, score: r.score, terms: r.terms }));
    expect(expected.length).toBeGreaterThan(50);
    expect(shard.contents().index.searchAny(terms, FIELD_BOOSTS, boostDocument)).toEqual(expected);
  });
});

describe('frequent terms taken out of minisearch', () => {
  it('moves the whole postings of each promoted term to its slot lists and leaves every other posting as MiniSearch.add makes it', () => {
    const { shard, plain } = built(PROMOTING);
    const frequent = shard.frequentTerms();
    expect(frequent.size).toBeGreaterThan(20);
    const expected = byTerm(plain.toJSON());
    const slotOf = (shortId: string) => expected.documentIds[shortId] as number;
    const idxField = String(expected.fieldIds.idx);
    // Deleting terms reshapes the radix tree, so its order of terms differs: compared in alphabetical order.
    const kept = { ...expected, index: expected.index.filter(([term]) => !frequent.has(term)) };
    expect(firstDifference(byTerm(shard.contents().index.toJSON()), kept)).toBeNull();
    for (const [term, fields] of expected.index) {
      const f = frequent.get(term);
      if (!f) continue;
      const all = new Set<number>();
      for (const posting of Object.values(fields)) for (const shortId of Object.keys(posting)) all.add(slotOf(shortId));
      const idx = Object.keys(fields[idxField] ?? {}).map(slotOf);
      expect({ term, all: [...f.all.view()], idx: [...f.idx.view()] }).toEqual({
        term,
        all: [...all].sort((a, b) => a - b),
        idx: idx.sort((a, b) => a - b),
      });
    }
  });
});

describe('a saved then reloaded shard', () => {
  const queries = (): ShardQuery[] => {
    const texts = [
      'retraite',
      'cybercriminalité données',
      'minis',
      'hopitaux outre-mer',
      'colis postaux',
      'europol -justice',
      'santé ministre',
      'éolienes',
      '50862',
    ];
    const sorts = ['relevance', 'newest', 'oldest'] as const;
    return texts.flatMap((t, i) => [
      { query: parseQuery(t), filters: {}, nowDay: 20_000, sort: sorts[i % 3]!, top: 20 },
      { query: parseQuery(t), filters: { legislature: 15 }, nowDay: 20_000, sort: 'relevance' as const, top: 20 },
    ]);
  };

  for (const [name, tuning] of [
    ['without', NO_PROMOTION],
    ['with', PROMOTING],
  ] as const) {
    it(`has the same toJSON() and answers the same, ${name} frequent terms`, async () => {
      const { shard } = built(tuning);
      const dir = mkdtempSync(path.join(tmpdir(), 'mini-'));
      dirs.push(dir);
      await saveShard(shard, path.join(dir, 's'));
      const loaded = await loadShard(path.join(dir, 's'));
      // Same content; the radix tree, rebuilt term by term, may list its terms in another order.
      const before = byTerm(shard.contents().index.toJSON());
      expect(firstDifference(byTerm(loaded.contents().index.toJSON()), before)).toBeNull();
      expect(loaded.size).toBe(shard.size);
      expect(loaded.facets()).toEqual(shard.facets());
      // The matched terms come in the tree's order: compared as sets.
      const answer = (s: SearchShard, q: ShardQuery) => {
        const r = s.find(q);
        return { ...r, hits: r.hits.map((h) => ({ ...h, terms: [...h.terms].sort() })) };
      };
      for (const q of queries()) expect(answer(loaded, q)).toEqual(answer(shard, q));
      const similar = {
        uid: docs[3]!.uid,
        terms: shard.sourceTerms(docs[3]!.uid)!.map((t): [string, number] => [t, 1]),
      };
      const sq: ShardQuery = { query: null, filters: {}, nowDay: 20_000, sort: 'relevance', top: 10, similar };
      expect(answer(loaded, sq)).toEqual(answer(shard, sq));
    });
  }
});
