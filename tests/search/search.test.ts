import { RERANK_DEPTH } from '../../src/search/rerank';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../src/corpus/types';
import { createSearchService, type SearchServiceHandle } from '../../src/search/createSearchService';
import { SearchNotReadyError } from '../../src/search/SearchService';
import { allQuestions, memoryStore } from './helpers';

const uid = (legislature: number, number: number) => `QANR5L${legislature}QE${number}`;

describe('search', () => {
  const questions = allQuestions();
  const store = memoryStore(questions);
  let h: SearchServiceHandle;
  beforeAll(async () => {
    h = createSearchService({ store, indexDir: null, workers: 0 });
    await h.whenReady;
  });
  afterAll(() => h.close());
  const search = (text: string, more: Parameters<SearchServiceHandle['engine']['search']>[0] = {}) =>
    h.engine.search({ text, limit: 20, ...more });
  const uids = async (text: string, more = {}) => (await search(text, more)).hits.map((x) => x.uid);

  it('finds « données personnelles » typed without accents, and not the question about organ donation', async () => {
    const found = await uids('donnees personnelles');
    expect(found[0]).toBe(uid(16, 3201));
    expect(found).not.toContain(uid(16, 3202));
  });

  it('does not confuse « retrait de points » with pensions (« retraites »)', async () => {
    const r = await search('retrait de points');
    expect(r.hits[0]!.uid).toBe(uid(15, 2102));
    expect(r.allTotal).toBe(1); // what follows has only some of the words
    expect(await uids('retraites agricoles')).not.toContain(uid(15, 2102));
  });

  it('finds texts written without accents (10th legislature) from an accented query', async () => {
    const r = await search('réversion veuves');
    expect(r.hits[0]!.uid).toBe(uid(10, 5501));
    expect(r.allTotal).toBe(1);
  });

  it('ranks a match in the indexing terms above the same word in an answer', async () => {
    // « assainissement » is the tête d'analyse of 15-2104; nothing else mentions it.
    const r = await search('hôpitaux');
    expect(r.hits[0]!.uid).toBe(uid(15, 2103)); // tête d'analyse "hôpitaux"
    expect(r.hits.map((x) => x.uid)).toContain(uid(16, 3201)); // only in its question text
  });

  it('puts the question whose number is typed alone first', async () => {
    const r = await search('81473');
    expect(r.hits[0]!.uid).toBe(uid(14, 81473));
    expect(r.hits[0]!.number).toBe(81473);
  });

  it('puts every word first, then the questions with most of the words when fewer than three have them all (mode mixed) or none (mode any)', async () => {
    const all = await search('entraide pénale');
    expect(all.mode).toBe('all');
    expect(all.allTotal).toBe(all.total);
    const mixed = await search('cybercriminalité europol');
    expect(mixed.mode).toBe('mixed');
    expect(mixed.allTotal).toBe(1);
    expect(mixed.hits[0]!.uid).toBe(uid(13, 78603));
    expect(mixed.hits.length).toBeGreaterThan(1);
    const any = await search('europol éoliennes');
    expect(any.mode).toBe('any');
    expect(any.hits.map((x) => x.uid).sort()).toEqual([uid(13, 78603), uid(14, 6603)].sort());
  });

  it('honours "exact phrases": « "données stockées" » matches 81473 only, not texts with both words apart', async () => {
    const r = await search('"données stockées"');
    expect(r.hits.map((x) => x.uid)).toEqual([uid(14, 81473)]);
    expect(r.total).toBe(1);
    const apart = await search('"stockées données"');
    expect(apart.total).toBe(0);
  });

  it('excludes -words', async () => {
    const withAll = await uids('cybercriminalité');
    expect(withAll).toContain(uid(14, 64109));
    const without = await uids('cybercriminalité -budapest');
    expect(without).not.toContain(uid(14, 64109)); // its answer names the Budapest convention
    expect(without).not.toContain(uid(14, 81473));
    expect(without).toContain(uid(14, 50862));
  });

  it('tolerates a typo scaled to word length, and completes the last word as a prefix', async () => {
    expect(await uids('cybercriminalitée')).toContain(uid(14, 50862));
    expect(await uids('eoliene')).toContain(uid(14, 6603));
    expect(await uids('juridictionn')).toContain(uid(15, 2105));
    expect(await uids('juridictionn', { prefix: false, fuzzy: false })).toEqual([]);
  });

  it('filters by legislature, deputy (name or acteurRef), group (name or abbreviation) and department', async () => {
    expect(await uids('cybercriminalité', { filters: { legislature: 13 } })).toEqual([uid(13, 78603)]);
    expect((await uids('', { filters: { deputy: 'tardy' } })).sort()).toEqual([uid(14, 50862), uid(17, 4302)].sort());
    expect(await uids('', { filters: { deputy: 'PA900008' } })).toEqual([uid(17, 4302)]);
    expect(await uids('', { filters: { deputy: 'M. Lionel Tardy', legislature: 14 } })).toEqual([uid(14, 50862)]);
    // The name matcher of /depute: any order, no accents or civility; whole words (a prefix filters nothing).
    expect((await uids('', { filters: { deputy: 'Tardy Lionel' } })).sort()).toEqual(
      [uid(14, 50862), uid(17, 4302)].sort(),
    );
    expect((await uids('', { filters: { deputy: 'lazaro thierry' } })).sort()).toEqual(
      [uid(14, 60080), uid(14, 64109)].sort(),
    );
    expect(await uids('', { filters: { deputy: 'Tard' } })).toEqual([]);
    const lr = await uids('', { filters: { group: 'LR' } });
    const republicains = await uids('', { filters: { group: 'les républicains' } });
    expect(lr.length).toBeGreaterThan(0);
    expect(lr.sort()).toEqual(republicains.filter((u) => lr.includes(u)).sort());
    expect(await uids('', { filters: { department: 'haute-garonne' } })).toEqual([uid(17, 4304), uid(17, 4301)]);
  });

  it('filters by ministry asked or assigned, by rubrique and by status', async () => {
    // 81473 was asked to « Numérique » and assigned to « Justice ».
    expect(await uids('cloud', { filters: { ministry: 'justice' } })).toEqual([uid(14, 81473)]);
    expect(await uids('cloud', { filters: { ministry: 'justice', ministryRole: 'asked' } })).toEqual([]);
    expect(await uids('cloud', { filters: { ministry: 'numérique', ministryRole: 'asked' } })).toEqual([
      uid(14, 81473),
    ]);
    expect(await uids('', { filters: { rubrique: 'telecommunications' } })).toHaveLength(3);
    const pending = await search('', { filters: { status: 'pending' } });
    expect(pending.hits.every((x) => x.status === 'pending')).toBe(true);
    expect(pending.total).toBe(questions.filter((q) => q.status === 'pending').length);
  });

  it('filters on the question date range, answer delay and pending age (relative to now)', async () => {
    const in2014 = await search('', { filters: { from: '2014-01-01', to: '2014-12-31' } });
    expect(in2014.hits.map((x) => x.uid).sort()).toEqual([uid(14, 50862), uid(14, 60080), uid(14, 64109)].sort());
    // 60080: asked 2014-07-08, answered 2014-09-16 (70 days).
    const quick = await uids('cybercriminalité', { filters: { answeredWithinDays: 70 } });
    expect(quick).toEqual([uid(14, 60080)]);
    const now = new Date('2025-06-01T00:00:00Z');
    const old = await uids('', { filters: { pendingForMoreThanDays: 365 }, now });
    const expected = questions
      .filter((q) => q.status === 'pending' && Date.parse(q.question!.joDate!) <= now.getTime() - 365 * 86_400_000)
      .map((q) => q.uid);
    expect(old.sort()).toEqual(expected.sort());
    expect(old).not.toContain(uid(17, 4301)); // pending since 2024-11-05 only
  });

  it('lists a filter alone newest first (mode filters-only), or oldest first', async () => {
    const r = await search('', { filters: { legislature: 14 } });
    expect(r.mode).toBe('filters-only');
    const dates = r.hits.map((x) => x.questionDate!);
    expect(dates).toEqual([...dates].sort().reverse());
    const oldest = await search('', { filters: { legislature: 14 }, sort: 'oldest' });
    expect(oldest.hits[0]!.uid).toBe(r.hits[r.hits.length - 1]!.uid);
  });

  it('sorts text results by date when asked, and pages with offset/limit', async () => {
    const newest = await search('cybercriminalité', { sort: 'newest' });
    const days = newest.hits.map((x) => x.questionDate!);
    expect(days).toEqual([...days].sort().reverse());
    const page1 = await h.engine.search({ text: 'cybercriminalité', limit: 2 });
    const page2 = await h.engine.search({ text: 'cybercriminalité', limit: 2, offset: 2 });
    expect(page1.total).toBe(page2.total);
    expect(page1.hits.map((x) => x.uid)).not.toEqual(expect.arrayContaining(page2.hits.map((x) => x.uid)));
  });

  it('reads texts once per search, for the re-ranked first results only', async () => {
    store.textCalls.length = 0;
    await h.engine.search({ text: 'justice', limit: 3 });
    expect(store.textCalls).toHaveLength(1);
    expect(store.textCalls[0]!.length).toBeLessThanOrEqual(RERANK_DEPTH);
    store.textCalls.length = 0;
    await h.engine.search({ text: 'justice', limit: 3, sort: 'newest' });
    expect(store.textCalls).toEqual([expect.any(Array)]);
    expect(store.textCalls[0]!.length).toBeLessThanOrEqual(3);
  });

  it('returns hit metadata for display', async () => {
    const [hit] = (await search('mutual legal assistance treaty')).hits;
    expect(hit).toMatchObject({
      uid: uid(14, 50862),
      legislature: 14,
      number: 50862,
      type: 'QE',
      author: 'M. Lionel Tardy',
      ministry: 'Justice',
      questionDate: '2014-02-25',
      answerDate: '2014-07-01',
      status: 'answered',
      url: 'https://www.assemblee-nationale.fr/dyn/14/questions/QANR5L14QE50862',
    });
    expect(hit!.title).toContain('Télécommunications');
    expect(hit!.excerpt!.parts.some((p) => p.match)).toBe(true);
  });

  it('finds similar questions, itself excluded', async () => {
    const r = await h.engine.similar(uid(14, 60080), 3);
    const found = r.hits.map((x) => x.uid);
    expect(found).not.toContain(uid(14, 60080));
    expect(found.length).toBe(3);
    for (const u of found) expect(CYBER_UIDS).toContain(u);
  });
});

const CYBER_UIDS = ['QANR5L14QE50862', 'QANR5L14QE64109', 'QANR5L13QE78603', 'QANR5L14QE81473'];

describe('live index', () => {
  it('rejects searches until ready with « index en cours de chargement », then answers', async () => {
    const h = createSearchService({ store: memoryStore(allQuestions()), indexDir: null, workers: 0 });
    // Called in the same tick as the start: nothing is loaded yet.
    expect(h.engine.ready).toBe(false);
    const early = h.engine.search({ text: 'justice' });
    const earlySimilar = h.engine.similar('QANR5L14QE50862');
    const earlySuggest = h.engine.suggest('deputy', 'tardy');
    await expect(early).rejects.toBeInstanceOf(SearchNotReadyError);
    await expect(earlySimilar).rejects.toThrow('index en cours de chargement');
    expect(await earlySuggest).toEqual([]);
    await h.whenReady;
    expect(h.engine.ready).toBe(true);
    expect(h.engine.size).toBe(allQuestions().length);
    expect((await h.engine.search({ text: 'justice' })).total).toBeGreaterThan(0);
    await h.close();
  });

  it('adds new questions and replaces updated ones without a rebuild', async () => {
    const questions = allQuestions();
    const store = memoryStore(questions);
    const h = createSearchService({ store, indexDir: null, workers: 0 });
    await h.whenReady;
    const before = h.engine.size;
    expect((await h.engine.search({ text: 'trottinettes' })).total).toBe(0);
    const base = questions.find((q) => q.uid === uid(17, 4301))!;
    const added: Question = {
      ...base,
      uid: uid(17, 9999),
      number: 9999,
      question: {
        ...base.question!,
        text: 'La circulation des trottinettes électriques sur les trottoirs inquiète les piétons.',
      },
      url: 'https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE9999',
    };
    questions.push(added);
    await h.engine.add([added]);
    expect(h.engine.size).toBe(before + 1);
    expect((await h.engine.search({ text: 'trottinettes' })).hits.map((x) => x.uid)).toEqual([uid(17, 9999)]);
    // Update: the answer arrives; the old text no longer matches.
    const updated: Question = {
      ...added,
      question: { ...added.question!, text: 'Le stationnement des vélos en libre-service encombre les trottoirs.' },
      status: 'answered',
    };
    questions[questions.length - 1] = updated;
    await h.engine.add([updated]);
    expect(h.engine.size).toBe(before + 1);
    expect((await h.engine.search({ text: 'trottinettes' })).total).toBe(0);
    expect((await h.engine.search({ text: 'vélos libre-service' })).hits[0]!.uid).toBe(uid(17, 9999));
    expect(
      (await h.engine.search({ text: '', filters: { status: 'answered', legislature: 17 } })).hits.map((x) => x.uid),
    ).toContain(uid(17, 9999));
    await h.engine.remove([uid(17, 9999)]);
    expect(h.engine.size).toBe(before);
    expect((await h.engine.search({ text: 'vélos' })).total).toBe(0);
    await h.close();
  });
});
