/**
 * `node --expose-gc --import tsx scripts/bench/shardMemory.ts [--count 25000] [--seed 7]`
 *
 * What ONE shard retains (V8 heap + array buffers, after full garbage collections), built in this process from
 * generated questions (legislatures 14-17), then saved and reloaded: the index's own bytes per question, apart from
 * the process, the worker threads and the garbage a loaded machine leaves uncollected (what RSS mixes in); then 400
 * queries of 1 to 3 words from the questions' texts on the reloaded shard, in this thread (`find`: no worker round
 * trip, no excerpts). Run it from another checkout, one right after the other, to compare two versions of the index
 * on the same questions and queries under the same load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseOpenDataQuestion } from '../../src/corpus/parse/parseOpenDataQuestion';
import { toIndexDoc, type IndexDoc } from '../../src/search/indexDoc';
import { parseQuery } from '../../src/search/query';
import { loadShard, saveShard } from '../../src/search/shard/persistShard';
import { SearchShard } from '../../src/search/shard/SearchShard';
import { generateQuestions } from '../../tools/generator';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '25000' }, seed: { type: 'string', default: '7' } },
});
const count = Number(values.count);
const gc = globalThis.gc;
if (!gc) throw new Error('shardMemory: run with node --expose-gc');
const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
const retained = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const docs: IndexDoc[] = [];
for (const raw of generateQuestions({ count, seed: Number(values.seed), legislatures: [14, 15, 16, 17] })) {
  const r = parseOpenDataQuestion(raw, 'bench');
  if (r.ok) docs.push(toIndexDoc(r.value));
}
// Queries: 1 to 3 consecutive words of 4 letters or more from every 50th question, some cut (a prefix).
const texts: string[] = [];
for (let i = 0; i < docs.length && texts.length < 400; i += 50) {
  const words = (docs[i]!.questionText ?? '').match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 6) continue;
  const at = (i * 7) % (words.length - 3);
  const ws = words.slice(at, at + 1 + (i % 3));
  if (i % 4 === 0) ws[ws.length - 1] = ws[ws.length - 1]!.slice(0, 4);
  texts.push(ws.join(' '));
}
const base = retained();
let shard: SearchShard | null = new SearchShard();
const buildStarted = performance.now();
for (let i = 0; i < docs.length; i += 500) shard.add(docs.slice(i, i + 500));
const buildMs = performance.now() - buildStarted;
const built = retained() - base;
const dir = mkdtempSync(path.join(os.tmpdir(), 'shard-memory-'));
try {
  await saveShard(shard, path.join(dir, 's'));
  shard = null;
  docs.length = 0;
  const base2 = retained();
  const loadStarted = performance.now();
  const loaded = await loadShard(path.join(dir, 's'));
  const loadMs = performance.now() - loadStarted;
  const reloaded = retained() - base2;
  const times: number[] = [];
  for (const [i, text] of texts.entries()) {
    const started = performance.now();
    loaded.find({ query: parseQuery(text), filters: {}, nowDay: 20_000, sort: 'relevance', top: 5 });
    if (i >= 20) times.push(performance.now() - started); // the first ones warm the JIT up
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 100) / 100;
  console.log(
    JSON.stringify({
      count: loaded.size,
      builtMb: mb(built),
      reloadedMb: mb(reloaded),
      reloadedBytesPerQuestion: Math.round(reloaded / loaded.size),
      buildSeconds: Math.round(buildMs / 100) / 10,
      reloadSeconds: Math.round(loadMs / 100) / 10,
      queries: { n: times.length, p50: at(0.5), p90: at(0.9), p99: at(0.99) },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
