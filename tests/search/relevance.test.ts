/**
 * Relevance set: what a user would type (inflections, missing accents, typos, cut words, names, numbers) over the
 * seeds, the open-data fixtures and the hand-written extras, each with the questions that must come first.
 * Precision at 5 is normalised by the number of relevant questions (a query with 2 relevant questions scores 1
 * when both are in the top 5). The thresholds are set just under the measured values (see the report).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchServiceHandle } from '../../src/search/createSearchService';
import { toIndexDoc } from '../../src/search/indexDoc';
import { SearchService } from '../../src/search/SearchService';
import { SearchShard } from '../../src/search/shard/SearchShard';
import { LocalShardClient } from '../../src/search/shardClients';
import type { SearchEngine } from '../../src/search/types';
import { allQuestions, memoryStore, startEngine } from './helpers';

const uid = (legislature: number, number: number) => `QANR5L${legislature}QE${number}`;
const CYBER = [uid(14, 60080), uid(14, 50862), uid(14, 64109), uid(13, 78603), uid(14, 81473)];

const RELEVANCE: Array<{ q: string; relevant: string[] }> = [
  { q: 'entraide pénale', relevant: [uid(14, 60080), uid(14, 50862), uid(14, 81473)] },
  { q: 'entraide penale internationale', relevant: [uid(14, 60080), uid(14, 50862)] },
  { q: 'donnees personnelles', relevant: [uid(16, 3201)] },
  { q: "don d'organes", relevant: [uid(16, 3202)] },
  { q: 'retraites agricoles', relevant: [uid(15, 2101)] },
  { q: 'retraite des agriculteurs', relevant: [uid(15, 2101)] },
  { q: 'retrait de points', relevant: [uid(15, 2102)] },
  { q: 'hopitaux urgences', relevant: [uid(15, 2103)] },
  { q: 'hôpital', relevant: [uid(15, 2103), uid(16, 3201)] },
  { q: 'cybersécurité', relevant: [uid(17, 4301), uid(16, 3203)] },
  { q: 'cyber-securite', relevant: [uid(16, 3203), uid(17, 4301)] },
  { q: 'cybercriminalite', relevant: CYBER },
  { q: 'cybercriminalté', relevant: CYBER },
  { q: 'cybercrim', relevant: CYBER },
  { q: 'tardy', relevant: [uid(14, 50862), uid(17, 4302)] },
  { q: 'Lazaro', relevant: [uid(14, 60080), uid(14, 64109)] },
  { q: '50862', relevant: [uid(14, 50862)] },
  { q: 'pension de reversion', relevant: [uid(16, 1234), uid(10, 5501)] },
  { q: 'pensions de réversion veuves', relevant: [uid(10, 5501)] },
  { q: 'prix du lait', relevant: [uid(16, 1236), uid(14, 6601)] },
  { q: 'producteurs laitiers', relevant: [uid(16, 1236), uid(14, 6601)] },
  { q: 'deserts medicaux', relevant: [uid(16, 1235), uid(17, 4304)] },
  { q: 'médecins zones rurales', relevant: [uid(16, 1235)] },
  { q: 'eau potable pesticides', relevant: [uid(17, 502)] },
  { q: 'assainissement', relevant: [uid(15, 2104)] },
  { q: 'logements sociaux', relevant: [uid(14, 100), uid(14, 6602)] },
  { q: 'loi SRU', relevant: [uid(14, 6602)] },
  { q: 'rythmes scolaires', relevant: [uid(14, 101)] },
  { q: 'fermeture de classes', relevant: [uid(10, 5502)] },
  { q: 'eoliennes', relevant: [uid(14, 6603)] },
  { q: 'collecte des déchets', relevant: [uid(14, 102)] },
  { q: 'ceinture autocars scolaires', relevant: [uid(15, 987)] },
  { q: 'greffiers délais de jugement', relevant: [uid(17, 4302)] },
  { q: 'aide juridictionnelle', relevant: [uid(15, 2105)] },
  { q: 'prix electricite boulangeries', relevant: [uid(16, 3204)] },
  { q: 'cloud computing', relevant: [uid(14, 81473)] },
  { q: 'europol', relevant: [uid(13, 78603)] },
  { q: 'GAFI groupe interétatique', relevant: [uid(14, 64109)] },
  { q: 'remplacement des enseignants', relevant: [uid(17, 4303)] },
  { q: 'RGPD CNIL', relevant: [uid(16, 3201)] },
  { q: 'juge d instruction', relevant: [uid(14, 81473)] },
  { q: 'coopération policière', relevant: [uid(13, 78603)] },
];

/**
 * Measured: P@5 = 1.000 and first hit relevant for 42/42, with and without forced frequent terms. The floors ARE the
 * measurement (the ranking is deterministic): a single query that regresses fails the test (a 90 % floor let four
 * of the 42 regress unseen).
 */
const MIN_PRECISION_AT_5 = 1;
const MIN_FIRST_HIT_RELEVANT = 1;
const MIN_PRECISION_AT_5_FREQUENT = 1;
const MIN_FIRST_HIT_RELEVANT_FREQUENT = 1;

async function measure(engine: SearchEngine) {
  let sumP = 0;
  let firstOk = 0;
  const failures: string[] = [];
  for (const { q, relevant } of RELEVANCE) {
    const r = await engine.search({ text: q, limit: 5 });
    const top = r.hits.map((x) => x.uid);
    const found = top.filter((u) => relevant.includes(u)).length;
    const p = found / Math.min(5, relevant.length);
    sumP += p;
    if (top[0] && relevant.includes(top[0])) firstOk++;
    if (p < 1 || !relevant.includes(top[0] ?? '')) failures.push(`${q} -> ${top.join(', ')} (${r.mode})`);
  }
  return { precision: sumP / RELEVANCE.length, first: firstOk / RELEVANCE.length, firstOk, failures };
}

describe('relevance set', () => {
  let h: SearchServiceHandle;
  beforeAll(async () => {
    h = await startEngine(allQuestions());
  });
  afterAll(() => h.close());

  it(`has at least 30 queries`, () => {
    expect(RELEVANCE.length).toBeGreaterThanOrEqual(30);
  });

  it(`keeps precision at 5 >= ${MIN_PRECISION_AT_5} and the first hit relevant for >= ${MIN_FIRST_HIT_RELEVANT * 100} % of queries`, async () => {
    const { precision, first, firstOk, failures } = await measure(h.engine);
    console.log(`relevance: P@5 = ${precision.toFixed(3)}, first hit relevant ${firstOk}/${RELEVANCE.length}`);
    if (failures.length) console.log(`imperfect queries:\n${failures.join('\n')}`);
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION_AT_5);
    expect(first).toBeGreaterThanOrEqual(MIN_FIRST_HIT_RELEVANT);
  });

  it(`keeps precision at 5 >= ${MIN_PRECISION_AT_5} when every term of more than 10 % of the questions is a frequent term`, async () => {
    // The corpus is far below the production floor (frequentMinDocs), so the frequent-term path is forced here:
    // a much harsher setting than production (5 % of at least 2,000 questions per shard).
    const questions = allQuestions();
    const shard = new SearchShard({ frequentMinDocs: 30, frequentRatio: 0.1 });
    shard.add(questions.map(toIndexDoc));
    expect(shard.frequentTerms().size).toBeGreaterThan(50);
    const store = memoryStore(questions);
    const engine = new SearchService([new LocalShardClient(shard)], { getTexts: (uids) => store.getTexts(uids) });
    await engine.markReady();
    const { precision, first, firstOk, failures } = await measure(engine);
    console.log(
      `relevance with frequent terms: P@5 = ${precision.toFixed(3)}, first hit relevant ${firstOk}/${RELEVANCE.length}`,
    );
    if (failures.length) console.log(`imperfect queries:\n${failures.join('\n')}`);
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION_AT_5_FREQUENT);
    expect(first).toBeGreaterThanOrEqual(MIN_FIRST_HIT_RELEVANT_FREQUENT);
  });
});
