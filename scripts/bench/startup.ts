/**
 * `npm run bench -- --only startup` (or `tsx scripts/bench/startup.ts --count 10000 --runs 5`)
 *
 * The bot's start, compiled or not (issue 22 item 11): the time from the process's start to the gateway's READY
 * (seen by the Discord fake), to the search index ready (loaded from disk: a first start, not measured, builds
 * and saves it), and to the first search answered (a /recherche injected once the index is ready), then the
 * resident memory of the bot's processes (worker threads included: they live in the process) and the CPU time
 * they used until that answer. Three ways of starting it, in turn within each run so that the machine's load
 * weighs on each alike:
 *   tsxCli   — `tsx src/main.ts`, what `npm start` ran before: a tsx process and the bot in its child;
 *   tsx      — `node --import tsx src/main.ts` (one process, the former systemd unit; `npm run dev`'s way);
 *   compiled — `node dist/src/main.js`, what `npm start` runs now (built by `npm run build` first).
 * --count 0 is the shipped corpus (data/seeds); otherwise the seeds plus that many generated questions.
 * Reports medians over --runs starts; writes bench-results/startup-<count>.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus, REPO, tempDir } from '../../tests/support/botCorpus';
import { FAKE_TOKEN, startDiscordFake } from '../../tests/support/discordFake';
import { BOT_ARGS, spawnBot } from '../../tests/support/spawnBot';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
  },
});
const count = Number(values.count);
const runs = Number(values.runs);
const VARIANTS = ['tsxCli', 'tsx', 'compiled'] as const;
type Variant = (typeof VARIANTS)[number];
const log = (s: string): void => void process.stdout.write(`${s}\n`);

/** The process and its descendants, from /proc (the tsx command line runs the bot in a child). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked: not part of the tree any more.
    }
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux.

/** Resident memory (MB) and CPU time used so far (ms) of a process tree. */
function treeUsage(root: number): { rssMb: number; cpuMs: number } {
  let rssKb = 0;
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      rssKb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime (fields 14-17 of proc(5), here from the third field on).
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // Ended meanwhile.
    }
  }
  return { rssMb: Math.round(rssKb / 1024), cpuMs: Math.round(ticks * TICK_MS) };
}

interface Start {
  readyMs: number;
  indexReadyMs: number;
  firstSearchMs: number;
  rssMb: number;
  cpuMs: number;
  processes: number;
}

const tmp = tempDir('bench-startup-');
const dbPath = path.join(tmp.dir, 'questions.db');
const indexDir = path.join(tmp.dir, 'index');

async function startOnce(variant: Variant): Promise<Start> {
  const fake = await startDiscordFake();
  const started = performance.now();
  const bot = spawnBot(
    {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_PATH: dbPath,
      INDEX_DIR: indexDir,
      LOG_LEVEL: 'info',
      HEALTH_PORT: '0',
      // The bench runner's heap option is not the bot's.
      NODE_OPTIONS: '',
    },
    BOT_ARGS[variant],
  );
  try {
    await fake.waitForReady(300_000);
    const readyMs = performance.now() - started;
    await bot.waitForLog('index: ready', 600_000);
    const indexReadyMs = performance.now() - started;
    const answer = await fake.command('recherche', { texte: 'santé' }, { timeoutMs: 60_000 }).done;
    const firstSearchMs = performance.now() - started;
    if (!JSON.stringify(answer.body).includes('santé'))
      throw new Error(`unexpected answer: ${JSON.stringify(answer.body)}`);
    const usage = treeUsage(bot.child.pid!);
    return {
      readyMs: Math.round(readyMs),
      indexReadyMs: Math.round(indexReadyMs),
      firstSearchMs: Math.round(firstSearchMs),
      ...usage,
      processes: processTree(bot.child.pid!).length,
    };
  } catch (e) {
    throw new Error(
      `${variant}: ${e instanceof Error ? e.message : String(e)}; last logs: ${JSON.stringify(bot.logs.slice(-5))}`,
    );
  } finally {
    await bot.stop();
    await fake.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
};

let exitCode = 0;
try {
  let t = performance.now();
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  const buildMs = Math.round(performance.now() - t);
  log(`build : ${build.stdout.trim()} (${buildMs} ms with tsx's start)`);

  t = performance.now();
  const store = await buildCorpus({ dbPath, generated: count });
  const questions = store.count();
  store.close();
  log(`corpus : ${questions.toLocaleString('fr-FR')} questions en ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // A first start builds and saves the index; the measured starts load it, as every restart does.
  await startOnce('compiled');

  const results: Record<Variant, Start[]> = { tsxCli: [], tsx: [], compiled: [] };
  for (let run = 0; run < runs; run++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(run + k) % VARIANTS.length]!;
      const s = await startOnce(variant);
      results[variant].push(s);
      log(
        `run ${run + 1} ${variant.padEnd(8)} : READY ${s.readyMs} ms, index ${s.indexReadyMs} ms, première recherche ${s.firstSearchMs} ms, RSS ${s.rssMb} Mo (${s.processes} processus), CPU ${s.cpuMs} ms`,
      );
    }
  }
  const medians = Object.fromEntries(
    VARIANTS.map((v) => [
      v,
      {
        readyMs: median(results[v].map((s) => s.readyMs)),
        indexReadyMs: median(results[v].map((s) => s.indexReadyMs)),
        firstSearchMs: median(results[v].map((s) => s.firstSearchMs)),
        rssMb: median(results[v].map((s) => s.rssMb)),
        cpuMs: median(results[v].map((s) => s.cpuMs)),
      },
    ]),
  ) as Record<Variant, Omit<Start, 'processes'>>;
  for (const v of VARIANTS) {
    const m = medians[v];
    log(
      `médiane ${v.padEnd(8)} : READY ${m.readyMs} ms, index ${m.indexReadyMs} ms, première recherche ${m.firstSearchMs} ms, RSS ${m.rssMb} Mo, CPU ${m.cpuMs} ms`,
    );
  }
  const result = {
    bench: 'startup',
    count: questions,
    runs,
    buildMs,
    variants: {
      tsxCli: `node ${BOT_ARGS.tsxCli.join(' ')}`,
      tsx: `node ${BOT_ARGS.tsx.join(' ')}`,
      compiled: `node ${BOT_ARGS.compiled.join(' ')}`,
    },
    medians,
    all: results,
    loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
    node: process.version,
    at: new Date().toISOString(),
  };
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  const out = path.join(REPO, 'bench-results', `startup-${count}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`résultats : ${path.relative(REPO, out)}`);
} catch (e) {
  log(`ÉCHEC : ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  tmp.cleanup();
}
process.exit(exitCode);
