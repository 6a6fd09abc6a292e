/**
 * `npm run bench -- --only recovery --sizes 10000,100000` (or `tsx scripts/bench/recovery.ts --count 100000`)
 *
 * A search worker killed, then another hung, mid-traffic, in the real bot (main(), in this process, 2 supervised
 * workers) against the Discord fake: a /recherche every 100 ms from a new user during the whole run. Both failures
 * come from outside through the inspector protocol (tests/support/hangWorker.ts): the kill makes the thread exit,
 * the hang arms an endless loop at the thread's next message. Reports, for each: time from the failure to full service (the replacement
 * filled and serving), to the first search answered with results again, the answers « momentanément
 * indisponible » meanwhile, and every acknowledgement's delay (max must stay under 3 s). Writes
 * bench-results/recovery-<count>.json; exit code 1 when a target is missed (service back within 30 s, no
 * acknowledgement over 3 s).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { main } from '../../src/main';
import { buildCorpus, REPO, tempDir } from '../../tests/support/botCorpus';
import { FAKE_TOKEN, startDiscordFake, type InteractionResult } from '../../tests/support/discordFake';
import { crashWorker, hangWorker } from '../../tests/support/hangWorker';
import { percentile } from '../../tests/support/loadScenario';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, keep: { type: 'boolean', default: false } },
});
const count = Number(values.count);
const log = (s: string): void => void process.stdout.write(`${s}\n`);
// Two words out of these (900 pairs): few repeats, so that the service's response cache does not answer for the shards.
const WORDS = [
  'ministre',
  'retraite',
  'hôpitaux',
  'sécurité',
  'éducation',
  'agriculteurs',
  'logement',
  'justice',
  'impôt',
  'transports',
  'santé',
  'emploi',
  'énergie',
  'collectivités',
  'police',
  'école',
  'handicap',
  'eau',
  'forêt',
  'chasse',
  'médecins',
  'pharmacie',
  'routes',
  'vignes',
  'pêche',
  'fiscalité',
  'communes',
  'prisons',
  'douanes',
  'armées',
];

const tmp = tempDir('bench-recovery-');
const dbPath = path.join(tmp.dir, 'questions.db');
let t = performance.now();
const store = await buildCorpus({ dbPath, generated: count });
const corpusSize = store.count();
store.close();
log(`corpus : ${corpusSize.toLocaleString('fr-FR')} questions en ${((performance.now() - t) / 1000).toFixed(1)} s`);

const fake = await startDiscordFake();
const app = await main({
  env: {
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DATABASE_PATH: dbPath,
    INDEX_DIR: path.join(tmp.dir, 'index'),
    LOG_LEVEL: 'warn',
    ...(process.env.SEARCH_WORKERS ? { SEARCH_WORKERS: process.env.SEARCH_WORKERS } : {}),
  },
  logger: pino({ level: 'info' }, pino.destination(path.join(tmp.dir, 'bot.log'))),
});
await fake.waitForReady(120_000);
t = performance.now();
await app.search.whenReady;
await app.search.save();
log(
  `index prêt et sauvegardé en ${((performance.now() - t) / 1000).toFixed(1)} s (${app.search.origin}), ${app.search.supervisors.length} workers`,
);

interface Sample {
  at: number;
  ackMs: number;
  replyMs: number;
  outcome: 'results' | 'unavailable' | 'other' | 'timeout';
}
const samples: Sample[] = [];
let user = 800_000_000_000_000_000n;
let running = true;
const inFlight: Array<Promise<void>> = [];
const traffic = (async () => {
  let i = 0;
  while (running) {
    const at = performance.now();
    user += 1n;
    const p = fake
      .command(
        'recherche',
        { texte: `${WORDS[i % WORDS.length]} ${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}` },
        { userId: String(user), timeoutMs: 60_000 },
      )
      .done.then(
        (r: InteractionResult) => {
          const content = typeof r.body.content === 'string' ? r.body.content : '';
          const outcome = /momentanément indisponible/.test(content)
            ? 'unavailable'
            : Array.isArray(r.body.embeds) && r.body.embeds.length
              ? 'results'
              : 'other';
          samples.push({ at, ackMs: r.ackMs, replyMs: r.replyMs, outcome });
        },
        () => void samples.push({ at, ackMs: Infinity, replyMs: Infinity, outcome: 'timeout' }),
      );
    inFlight.push(p);
    i++;
    await new Promise((r) => setTimeout(r, 100));
  }
})();

async function scenario(name: 'kill' | 'hang', shard: number) {
  await new Promise((r) => setTimeout(r, 3000)); // steady traffic first
  const sup = app.search.supervisors[shard]!;
  const worker = sup.status().threadId!;
  const t0 = performance.now();
  if (name === 'kill') await crashWorker(worker);
  else await hangWorker(worker);
  // Detected (killed: at once; hung: after the deadline), then filled and serving again.
  while (sup.status().threadId === worker || !app.search.health().workers[shard]!.alive) {
    if (performance.now() - t0 > 600_000) throw new Error(`${name}: shard ${shard} not back after 10 min`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const backMs = performance.now() - t0;
  // Traffic after the recovery, until a search sent after the failure came back with results (at most 60 s more).
  const until = performance.now() + 60_000;
  do await new Promise((r) => setTimeout(r, 500));
  while (!samples.some((x) => x.at >= t0 && x.outcome === 'results') && performance.now() < until);
  await new Promise((r) => setTimeout(r, 2000));
  const window = samples.filter((s) => s.at >= t0);
  // The first search sent after the failure that found results again (its answer time, from the failure).
  const firstResultsAfter = window.find((s) => s.outcome === 'results');
  const unavailable = window.filter((s) => s.outcome === 'unavailable');
  const r = {
    scenario: name,
    shard,
    fullServiceMs: Math.round(backMs),
    firstResultsAfterMs: firstResultsAfter ? Math.round(firstResultsAfter.at + firstResultsAfter.replyMs - t0) : null,
    unavailableAnswers: unavailable.length,
    unavailableReplyMs: {
      p50: percentile(
        unavailable.map((s) => s.replyMs),
        50,
      ),
      max: Math.max(0, ...unavailable.map((s) => s.replyMs)),
    },
    otherAnswers: window.filter((s) => s.outcome === 'other' || s.outcome === 'timeout').length,
    ackMs: {
      p50: percentile(
        window.map((s) => s.ackMs),
        50,
      ),
      p99: percentile(
        window.map((s) => s.ackMs),
        99,
      ),
      max: Math.max(0, ...window.map((s) => s.ackMs)),
    },
  };
  log(
    `${name} (shard ${shard}) : service complet après ${(r.fullServiceMs / 1000).toFixed(1)} s, première recherche avec résultats répondue à ${r.firstResultsAfterMs === null ? '—' : (r.firstResultsAfterMs / 1000).toFixed(1)} s ; ${r.unavailableAnswers} réponses « indisponible » (réponse p50 ${r.unavailableReplyMs.p50} ms, max ${r.unavailableReplyMs.max} ms) ; accusés p50 ${r.ackMs.p50} ms, p99 ${r.ackMs.p99} ms, max ${r.ackMs.max} ms`,
  );
  return r;
}

let exitCode = 0;
try {
  const kill = await scenario('kill', 0);
  const hang = await scenario('hang', app.search.supervisors.length > 1 ? 1 : 0);
  running = false;
  await traffic;
  await Promise.all(inFlight);
  const all = samples.map((s) => s.ackMs);
  const result = {
    bench: 'recovery',
    count: corpusSize,
    workers: app.search.supervisors.length,
    scenarios: [kill, hang],
    interactions: samples.length,
    ackMs: { p50: percentile(all, 50), p99: percentile(all, 99), max: Math.max(...all) },
    health: app.search.health(),
    violations: fake.violations.slice(0, 20),
    node: process.version,
    at: new Date().toISOString(),
  };
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  const out = path.join(REPO, 'bench-results', `recovery-${count}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(
    `accusés de réception (${samples.length} interactions) : p50 ${result.ackMs.p50} ms, p99 ${result.ackMs.p99} ms, max ${result.ackMs.max} ms ; résultats : ${path.relative(REPO, out)}`,
  );
  const missed = [kill, hang]
    .filter((s) => s.fullServiceMs > 30_000)
    .map((s) => `${s.scenario} : service revenu après ${s.fullServiceMs} ms`);
  if (result.ackMs.max >= 3000) missed.push(`accusé max ${result.ackMs.max} ms`);
  if (fake.violations.length) missed.push(`${fake.violations.length} violation(s) Discord`);
  if (missed.length) {
    log(`ÉCHEC : ${missed.join(' ; ')}`);
    exitCode = 1;
  }
} finally {
  running = false;
  await app.stop();
  await fake.close();
  if (!values.keep) tmp.cleanup();
  else if (existsSync(tmp.dir)) log(`dossier gardé : ${tmp.dir}`);
}
process.exit(exitCode);
