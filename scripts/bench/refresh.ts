/**
 * `npm run bench -- --only refresh` (or `tsx scripts/bench/refresh.ts --count 20000 [--initial]`)
 *
 * The bot's event loop while the daily refresh runs (issue 9, item 2). A generated live-legislature archive of
 * --count questions (per-file layout, like the 17th's) is served by a loopback mirror of the official layout; the
 * bot (scripts/bench/support/loopMonitoredBot.ts: main() plus monitorEventLoopDelay in the bot's own process) runs
 * against the Discord fake. Two phases with the same steady stream of interactions (--rate per second, one user
 * each: searches, questions, stats, autocompletes):
 *   idle     the bot serving, nothing else;
 *   refresh  the same while `scheduler.refreshNow()` downloads, parses and writes the archive (in its child
 *            process) and the search index then adds what changed.
 * Daily case (default): the database already holds day 1 of the archive; the mirror serves day 2 (every question
 * parsed and compared, a few dozen changed). --initial: the database lacks the legislature (every question new).
 * Reports event-loop delay p50/p99/max and acknowledgement p50/p99/max per phase; writes bench-results/refresh.json.
 * Targets: loop delay p99 < 50 ms and max < 200 ms, acknowledgement p99 < 100 ms during the refresh.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingest } from '../../src/corpus/ingest';
import { questionArchiveUrl } from '../../src/corpus/official/addresses';
import { openStore } from '../../src/store/openStore';
import { planEvolution, writeArchive } from '../../tools/generator';
import { REPO, SEEDS_DIR, tempDir } from '../../tests/support/botCorpus';
import {
  FAKE_TOKEN,
  startDiscordFake,
  type DiscordFake,
  type InteractionResult,
} from '../../tests/support/discordFake';
import { percentile } from '../../tests/support/loadScenario';
import { startOfficialMirror } from '../../tests/support/officialMirror';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '5' },
    'idle-seconds': { type: 'string', default: '15' },
    initial: { type: 'boolean', default: false },
    /** 'all' (default) or 'search' (searches and questions only: no corpus-wide SQL of /stats or autocompletes). */
    mix: { type: 'string', default: 'all' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const rate = Number(values.rate);
const idleSeconds = Number(values['idle-seconds']);
const log = (s: string): void => void process.stdout.write(`${s}\n`);
const tmp = tempDir('bench-refresh-');
const LIVE = 17;
const SEED = 5;

// ---- archives and database -------------------------------------------------------------------------------------
let t = performance.now();
const day1 = path.join(tmp.dir, 'day1.zip');
const day2 = path.join(tmp.dir, 'day2.zip');
const plan = planEvolution(
  { count, seed: SEED, legislature: LIVE },
  { newQuestions: 40, newAnswers: 25, transfers: 10, withdrawals: 5 },
);
await writeArchive({ count, seed: SEED, legislature: LIVE, out: day1, layout: 'per-file' });
await writeArchive({
  count,
  seed: SEED,
  legislature: LIVE,
  out: day2,
  layout: 'per-file',
  questions: plan.day2Questions,
});
const dbPath = path.join(tmp.dir, 'questions.db');
const store = openStore(dbPath);
await ingest([SEEDS_DIR, ...(values.initial ? [] : [day1])], { store, now: new Date() });
const stored = store.count();
store.close();
log(
  `corpus : ${stored.toLocaleString('fr-FR')} questions en base, archive du jour ${(readFileSync(day2).length / 1048576).toFixed(1)} Mo (${((performance.now() - t) / 1000).toFixed(1)} s)`,
);

const mirror = await startOfficialMirror();
mirror.put(questionArchiveUrl('', LIVE).replace(/^\//, ''), { fromDisk: values.initial ? day1 : day2 });
const fake = await startDiscordFake();

// ---- the bot -----------------------------------------------------------------------------------------------------
type ChildMsg = { type: string; [k: string]: unknown };
const bot = fork(path.join(REPO, 'scripts/bench/support/loopMonitoredBot.ts'), [], {
  cwd: REPO,
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    NODE_OPTIONS: '',
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DATABASE_PATH: dbPath,
    INDEX_DIR: path.join(tmp.dir, 'index'),
    OPENDATA_URL: mirror.base,
    LOG_LEVEL: 'warn',
    FLOOD_MAX: '1000',
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const waiters: Array<{ type: string; resolve: (m: ChildMsg) => void }> = [];
bot.on('message', (m: ChildMsg) => {
  if (m.type === 'error') log(`bot : ${String(m.message)}`);
  const i = waiters.findIndex((w) => w.type === m.type);
  if (i >= 0) waiters.splice(i, 1)[0]!.resolve(m);
});
const next = (type: string): Promise<ChildMsg> => new Promise((resolve) => waiters.push({ type, resolve }));
const ask = (cmd: string, reply: string): Promise<ChildMsg> => {
  const p = next(reply);
  bot.send({ cmd });
  return p;
};

// ---- a steady stream of interactions ---------------------------------------------------------------------------
const WORDS = ['retraite', 'hôpitaux', 'agriculteurs', 'logement', 'justice', 'énergie', 'éducation', 'transports'];
let userSeq = 800_000_000_000_000_000n;
function one(i: number, f: DiscordFake): Promise<InteractionResult> {
  const userId = String(userSeq++);
  const word = WORDS[i % WORDS.length]!;
  const opts = { userId, timeoutMs: 60_000 };
  switch (values.mix === 'search' ? i % 3 : i % 5) {
    case 0:
    case 1:
      return f.command('recherche', { texte: word }, opts).done;
    case 2:
      return f.command('question', { numero: 1 + (i % 500), legislature: LIVE }, opts).done;
    case 3:
      return f.autocomplete('depute', { nom: word.slice(0, 3) }, 'nom', opts).done;
    default:
      return f.command('stats', {}, opts).done;
  }
}
async function stream(
  until: () => boolean,
  minSeconds: number,
): Promise<{ acks: number[]; replies: number[]; errors: number }> {
  const acks: number[] = [];
  const replies: number[] = [];
  let errors = 0;
  const pending: Array<Promise<void>> = [];
  const started = Date.now();
  let i = 0;
  while (!until() || Date.now() - started < minSeconds * 1000) {
    pending.push(
      one(i++, fake).then(
        (r) => {
          acks.push(r.ackMs);
          replies.push(r.replyMs);
        },
        () => {
          errors++;
        },
      ),
    );
    await new Promise((r) => setTimeout(r, 1000 / rate));
  }
  await Promise.all(pending);
  return { acks, replies, errors };
}
const sum = (xs: number[]) => ({
  n: xs.length,
  p50: percentile(xs, 50),
  p99: percentile(xs, 99),
  max: xs.length ? Math.max(...xs) : 0,
});

let exitCode = 0;
try {
  t = performance.now();
  await fake.waitForReady(120_000);
  const ready = await next('ready');
  log(
    `bot prêt en ${((performance.now() - t) / 1000).toFixed(1)} s : ${String(ready.questions)} questions, index ${String(ready.indexSize)}, ${String(ready.rssMb)} Mo`,
  );
  await new Promise((r) => setTimeout(r, 2000));

  bot.send({ cmd: 'reset' });
  const idle = await stream(() => true, idleSeconds);
  const idleLoop = await ask('loop', 'loop');
  log(
    `repos : accusé p50 ${percentile(idle.acks, 50)} / p99 ${percentile(idle.acks, 99)} ms ; boucle p99 ${String(idleLoop.p99)} / max ${String(idleLoop.max)} ms`,
  );

  bot.send({ cmd: 'reset' });
  let refreshed: ChildMsg | null = null;
  const refreshStarted = performance.now();
  void ask('refresh', 'refreshed').then((m) => (refreshed = m));
  const during = await stream(() => refreshed !== null, 1);
  const refreshWallMs = Math.round(performance.now() - refreshStarted);
  const refreshLoop = await ask('loop', 'loop');
  const outcome = (refreshed as ChildMsg | null)?.outcome as Record<string, unknown> | null;
  log(
    `rafraîchissement (${values.initial ? 'initial' : 'quotidien'}) : ${String(outcome?.message)} en ${String(outcome?.durationMs)} ms (processus ${String(outcome?.ingestPid)}, bot ${String(outcome?.botPid)}) ; ` +
      `accusé p50 ${percentile(during.acks, 50)} / p99 ${percentile(during.acks, 99)} / max ${Math.max(...during.acks)} ms sur ${during.acks.length} ; ` +
      `boucle p99 ${String(refreshLoop.p99)} / max ${String(refreshLoop.max)} ms`,
  );
  const result = {
    bench: 'refresh',
    case: values.initial ? 'initial' : 'daily',
    count,
    ratePerSecond: rate,
    idle: { ack: sum(idle.acks), reply: sum(idle.replies), errors: idle.errors, loopMs: idleLoop },
    refresh: {
      wallMs: refreshWallMs,
      outcome,
      ack: sum(during.acks),
      reply: sum(during.replies),
      errors: during.errors,
      loopMs: refreshLoop,
    },
    targets: { loopP99Ms: 50, loopMaxMs: 200, ackP99Ms: 100 },
    pass:
      Number(refreshLoop.p99) < 50 &&
      Number(refreshLoop.max) < 200 &&
      percentile(during.acks, 99) < 100 &&
      outcome?.ok === true,
    violations: fake.violations.slice(0, 10),
    machine: { node: process.version, cpus: os.cpus().length, loadavg: os.loadavg() },
    at: new Date().toISOString(),
  };
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  const out = path.join(REPO, 'bench-results', `refresh-${result.case}-${count}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`résultats : ${path.relative(REPO, out)} — objectifs ${result.pass ? 'atteints' : 'MANQUÉS'}`);
  if (!result.pass) exitCode = 1;
} catch (e) {
  log(`ÉCHEC : ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  bot.send({ cmd: 'stop' });
  await new Promise((r) => bot.once('exit', r));
  await fake.close();
  await mirror.close();
  if (!values.keep) tmp.cleanup();
}
process.exit(exitCode);
