/**
 * `tsx scripts/bench/relevance.ts [--misses] [--json]` (run by `npm run bench -- --only relevance`)
 *
 * Relevance on real French texts (tests/support/relevanceSet.ts): the real QOSD texts of the 15th legislature, the
 * seeds and the deputies' records, ingested by the production ingest; 356 queries written from the texts. Prints
 * hits@1, hits@5 and MRR, overall and per tag, for:
 *  - the project's engine as the bot runs it;
 *  - the same engine with terms of more than 5 % of the documents turned into frequent terms (how a 100,000-question
 *    index plans its queries; the fixture alone is below the production floor of 2,000 documents per shard);
 *  - plain minisearch with its default options on the same texts.
 * Writes bench-results/relevance.json. `--misses` lists the queries whose first result is not relevant.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toIndexDoc } from '../../src/search/indexDoc';
import { SearchService } from '../../src/search/SearchService';
import { SearchShard } from '../../src/search/shard/SearchShard';
import { LocalShardClient } from '../../src/search/shardClients';
import {
  engineRanker,
  formatScores,
  measureRelevance,
  plainMinisearchRanker,
  projectEngine,
  relevanceQueries,
  relevanceStore,
  repoRoot,
  type RelevanceReport,
} from '../../tests/support/relevanceSet';

const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false }, count: { type: 'string' } } });

const started = performance.now();
const store = await relevanceStore();
const queries = relevanceQueries();
console.log(
  `bench relevance : ${queries.length} requêtes sur ${store.count()} questions réelles (QOSD de la 15e législature et pages d'exemple)`,
);

const handle = await projectEngine(store);
const project = await measureRelevance(engineRanker(handle.engine), queries);
await handle.close();

const shard = new SearchShard({ frequentMinDocs: 100, frequentRatio: 0.05 });
shard.add([...store.iterateQuestions()].map(toIndexDoc));
const frequentEngine = new SearchService([new LocalShardClient(shard)], { getTexts: (uids) => store.getTexts(uids) });
await frequentEngine.markReady();
const frequent = await measureRelevance(engineRanker(frequentEngine), queries);
await frequentEngine.close();

const plain = await measureRelevance(plainMinisearchRanker(store.iterateQuestions()), queries);
store.close();

const show = (label: string, r: RelevanceReport) => {
  console.log(`  ${label} : ${formatScores(r)}`);
  for (const [tag, s] of Object.entries(r.byTag)) console.log(`      ${tag.padEnd(11)} ${formatScores(s)}`);
};
show('projet', project);
show('projet, termes fréquents à 5 %', frequent);
show('minisearch par défaut', plain);
if (values.misses) {
  for (const [label, r] of [
    ['projet', project],
    ['termes fréquents', frequent],
  ] as const) {
    console.log(`  requêtes dont le 1er résultat n'est pas pertinent (${label}) :`);
    for (const m of r.misses) console.log(`    rang ${m.rank || '>10'}  « ${m.q} »  -> ${m.top.join(', ')}`);
  }
}
mkdirSync(path.join(repoRoot, 'bench-results'), { recursive: true });
const out = path.join(repoRoot, 'bench-results', 'relevance.json');
writeFileSync(
  out,
  JSON.stringify(
    {
      queries: queries.length,
      machine: { cpus: os.cpus().length, node: process.version },
      date: new Date().toISOString(),
      project,
      frequentTerms: frequent,
      plainMinisearch: plain,
    },
    null,
    2,
  ),
);
console.log(`  résultats : ${path.relative(repoRoot, out)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
