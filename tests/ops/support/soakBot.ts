/**
 * The bot for the soak test: the real `main()` (Discord client against the fake, search workers, digests) in a
 * child process of its own, so that its memory is measured apart from the fake's; its clock is the test's,
 * moved over IPC. Test harness only: the production code has no clock switch.
 *
 * Messages (parent -> child, each answered once with { id, ...result }):
 *   { op: 'refresh', at }            clock := at; scheduler.refreshNow(); search.catchUp()
 *   { op: 'ticks', from, minutes }   one scheduler tick per simulated minute from `from`
 *   { op: 'clock', at }              clock := at
 *   { op: 'sample' }                 after a full GC: RSS, heap, active resources, caches and table sizes
 *   { op: 'stop' }                   app.stop(), then exit 0
 */
import { createLogger } from '../../../src/logger';
import { main } from '../../../src/main';
import { liveOwnerCount } from '../../../src/digest/deliver';

interface Request {
  id: number;
  op: 'refresh' | 'ticks' | 'clock' | 'sample' | 'stop';
  at?: string;
  from?: string;
  minutes?: number;
}

let clock = new Date(process.env.SOAK_START ?? '2025-03-03T06:00:00Z');
// SOAK_SEARCH_WORKERS=0 runs the search in this thread (its memory then shows in the heap figures: diagnosis).
const workers = process.env.SOAK_SEARCH_WORKERS;
const app = await main({
  env: process.env,
  clock: () => clock,
  logger: createLogger({ level: 'warn' }),
  ...(workers !== undefined ? { searchWorkers: Number(workers) } : {}),
});
await app.search.whenReady;
const digest = app.deps.digest;
if (!digest?.scheduler) throw new Error('soak: no digest scheduler');
const scheduler = digest.scheduler;

const count = (table: string): number =>
  (app.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function handle(req: Request): Promise<Record<string, unknown>> {
  switch (req.op) {
    case 'clock':
      clock = new Date(req.at!);
      return {};
    case 'refresh': {
      clock = new Date(req.at!);
      const outcome = await scheduler.refreshNow();
      const added = await app.search.catchUp();
      return { ok: outcome?.ok ?? false, message: outcome?.message ?? null, added, indexSize: app.search.engine.size };
    }
    case 'ticks': {
      const from = Date.parse(req.from!);
      let sent = 0;
      let built = 0;
      for (let i = 0; i < req.minutes!; i++) {
        clock = new Date(from + i * 60_000);
        const report = await scheduler.tickNow();
        sent += report?.delivery.sent ?? 0;
        built += report?.digestsBuilt ?? 0;
      }
      return { sent, built };
    }
    case 'sample': {
      for (let i = 0; i < 3; i++) {
        globalThis.gc?.();
        await new Promise((r) => setImmediate(r));
      }
      const mem = process.memoryUsage();
      const resources = process.getActiveResourcesInfo();
      const byType: Record<string, number> = {};
      for (const r of resources) byType[r] = (byType[r] ?? 0) + 1;
      const client = app.client;
      return {
        rssMb: mem.rss / 1_048_576,
        heapUsedMb: mem.heapUsed / 1_048_576,
        externalMb: mem.external / 1_048_576,
        heapTotalMb: mem.heapTotal / 1_048_576,
        restHandlers: client?.rest.handlers.size ?? 0,
        resources: resources.length,
        resourcesByType: byType,
        users: client?.users.cache.size ?? 0,
        members: client ? client.guilds.cache.reduce((n, g) => n + g.members.cache.size, 0) : 0,
        channelsMessages: client
          ? client.channels.cache.reduce((n, c) => n + ('messages' in c ? c.messages.cache.size : 0), 0)
          : 0,
        owners: liveOwnerCount(),
        rows: {
          pageStates: count('bot_page_state'),
          deliveries: count('digest_deliveries'),
          deliveriesDone: (
            app.store.db.prepare(`SELECT count(*) AS n FROM digest_deliveries WHERE status != 'pending'`).get() as {
              n: number;
            }
          ).n,
          follows: count('question_follows'),
          events: count('events'),
          questions: count('questions'),
        },
        indexSize: app.search.engine.size,
        health: app.health().status,
        healthUrl: app.healthUrl,
      };
    }
    case 'stop':
      await app.stop();
      return {};
  }
}

process.on('message', (req: Request) => {
  handle(req).then(
    (result) => {
      process.send?.({ id: req.id, ...result });
      if (req.op === 'stop') process.disconnect();
    },
    (err: unknown) => process.send?.({ id: req.id, error: err instanceof Error ? err.stack : String(err) }),
  );
});
process.send?.({ id: 0, ready: true });
