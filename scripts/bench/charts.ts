/**
 * `npm run bench -- --only charts --sizes 10000,100000` (or `tsx scripts/bench/charts.ts --count 100000`)
 *
 * On a generated corpus of --count questions: the time to gather the figures of a trend (every match of a query,
 * through the search workers' collect, then the aggregation), of the palmarès (SQL) and of a deputy's profile;
 * the time to render each chart in the chart worker (first render, then from the cache); the time to write a
 * 5,000-row CSV export. Writes bench-results/charts-<count>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus, REPO, tempDir } from '../../tests/support/botCorpus';
import { createChartDeps } from '../../src/charts/chartDeps';
import { palmaresSpec, profileSpec, trendSpec } from '../../src/charts/specs';
import { createSearchService } from '../../src/search';
import { createSqlInsights } from '../../src/insights/sqlInsights';
import { aggregateTrend, delayDistribution, profileTrendFact } from '../../src/insights/trend';
import { MAX_EXPORT_ROWS, questionsCsv } from '../../src/export/questionsCsv';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' } } });
const count = Number(values.count);
const log = (s: string): void => void process.stdout.write(`${s}\n`);
const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;
const now = new Date('2025-06-01T08:00:00Z');

const tmp = tempDir('bench-charts-');
let t = performance.now();
const store = await buildCorpus({ dbPath: path.join(tmp.dir, 'q.db'), generated: count });
log(`corpus : ${store.count().toLocaleString('fr-FR')} questions en ${(ms(t) / 1000).toFixed(1)} s`);
t = performance.now();
const search = createSearchService({ store, indexDir: null });
await search.whenReady;
log(`index : ${(ms(t) / 1000).toFixed(1)} s`);
const charts = createChartDeps({
  store,
  collect: (req, limit) => search.engine.collect(req, limit),
  collectFacts: (req) => search.engine.collectFacts(req),
});

const result: Record<string, unknown> = {
  bench: 'charts',
  count: store.count(),
  node: process.version,
  at: new Date().toISOString(),
};
try {
  // Trends: a frequent word, a rarer one, filters only.
  const trends: Record<string, unknown> = {};
  for (const [label, q] of [
    ['mot fréquent « ministre »', { text: 'ministre', filters: {} }],
    ['mot plus rare « cybercriminalité »', { text: 'cybercriminalité', filters: {} }],
    ['filtres seuls (16e législature)', { text: '', filters: { legislature: 16 } }],
  ] as const) {
    let s = performance.now();
    const { trend } = await charts.trend({ text: q.text, filters: { ...q.filters } }, now);
    const figuresMs = ms(s);
    s = performance.now();
    await charts.trend({ text: q.text, filters: { ...q.filters } }, now);
    const figuresCachedMs = ms(s);
    const spec = trendSpec(trend, `Questions ${label}`);
    s = performance.now();
    const first = await charts.service.render(spec);
    const renderMs = ms(s);
    s = performance.now();
    const again = await charts.service.render(spec);
    const cachedMs = ms(s);
    trends[label] = {
      matches: trend.total,
      periods: trend.periods.length,
      figuresMs,
      figuresCachedMs,
      renderMs,
      renderInWorkerMs: Math.round(first.ms),
      cachedRenderMs: cachedMs,
      cached: again.cached,
      pngBytes: first.png.length,
      size: [first.width, first.height],
    };
    log(
      `tendance ${label} : ${trend.total.toLocaleString('fr-FR')} questions, chiffres ${figuresMs} ms (cache ${figuresCachedMs} ms), rendu ${renderMs} ms (dans le worker ${Math.round(first.ms)} ms), depuis le cache ${cachedMs} ms, ${first.width}×${first.height}, ${Math.round(first.png.length / 1024)} Ko`,
    );
  }
  result.trend = trends;

  let s = performance.now();
  const p = charts.corpus.palmares(16, '2025-06-01');
  const palmaresSqlMs = ms(s);
  s = performance.now();
  const pr = await charts.service.render(palmaresSpec(p, 'Palmarès'));
  const palmaresRenderMs = ms(s);
  result.palmares = {
    ministries: p.ranks.length,
    sqlMs: palmaresSqlMs,
    renderMs: palmaresRenderMs,
    size: [pr.width, pr.height],
  };
  log(`palmarès : ${p.ranks.length} ministères, SQL ${palmaresSqlMs} ms, rendu ${palmaresRenderMs} ms`);

  const insights = createSqlInsights(store.db, () => store.revision());
  const deputy = insights.findDeputies('', 1)[0]!;
  s = performance.now();
  const facts = insights.deputyFacts(deputy);
  const trend = aggregateTrend(facts.map(profileTrendFact));
  const profileFiguresMs = ms(s);
  s = performance.now();
  await charts.service.render(profileSpec(trend, delayDistribution(facts), deputy.name));
  const profileRenderMs = ms(s);
  result.profile = {
    deputy: deputy.name,
    questions: facts.length,
    figuresMs: profileFiguresMs,
    renderMs: profileRenderMs,
  };
  log(
    `profil (${deputy.name}, ${facts.length} questions) : chiffres ${profileFiguresMs} ms, rendu ${profileRenderMs} ms`,
  );

  s = performance.now();
  const { uids } = await charts.uids({ text: 'ministre', filters: {} }, MAX_EXPORT_ROWS, now);
  const rows = charts.corpus.exportRows(uids);
  const csv = questionsCsv(rows);
  const exportMs = ms(s);
  result.export = { rows: rows.length, bytes: csv.length, ms: exportMs };
  log(`export CSV : ${rows.length} lignes, ${Math.round(csv.length / 1024)} Ko en ${exportMs} ms`);
  result.rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
} finally {
  await charts.service.close();
  await search.close();
  store.close();
  tmp.cleanup();
}
mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
const out = path.join(REPO, 'bench-results', `charts-${count}.json`);
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
log(`résultats : ${path.relative(REPO, out)}`);
