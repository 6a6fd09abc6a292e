/**
 * The bot as `npm start` runs it (main(), Discord mode against the fake), plus what a benchmark needs to look
 * inside it over IPC: `perf_hooks.monitorEventLoopDelay` sampled in THIS process (the bot's own event loop), and a
 * way to start the daily refresh by hand. Bench code only: nothing of this is in the product.
 *   parent -> { cmd: 'reset' } | { cmd: 'loop' } | { cmd: 'refresh' } | { cmd: 'stop' }
 *   child  -> { type: 'ready', ... } | { type: 'loop', p50, p99, max, mean } | { type: 'refreshed', outcome } | { type: 'error', message }
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { main } from '../../../src/main';

const send = (m: unknown) => process.send?.(m);
const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

const app = await main({ env: process.env });
await app.search.whenReady;
send({
  type: 'ready',
  questions: app.store.count(),
  indexSize: app.search.engine.size,
  rssMb: Math.round(process.memoryUsage().rss / 1048576),
});

const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
process.on('message', (msg: { cmd: string }) => {
  void (async () => {
    try {
      if (msg.cmd === 'reset') histogram.reset();
      else if (msg.cmd === 'loop') {
        send({
          type: 'loop',
          p50: ms(histogram.percentile(50)),
          p99: ms(histogram.percentile(99)),
          max: ms(histogram.max),
          mean: ms(histogram.mean),
          count: histogram.count,
        });
      } else if (msg.cmd === 'refresh') {
        const o = await app.deps.digest!.scheduler!.refreshNow();
        // Wait for the index to hold what the refresh wrote (main.ts starts the catch-up when it ends).
        await app.search.catchUp();
        send({
          type: 'refreshed',
          outcome: o && {
            ok: o.ok,
            unchanged: o.unchanged,
            message: o.message,
            durationMs: o.durationMs,
            changed: o.changedUids.length,
            ingestPid: o.ingestPid,
            botPid: process.pid,
            questions: o.summary?.questions,
            events: o.summary?.events,
          },
        });
      } else if (msg.cmd === 'stop') {
        await app.stop();
        process.exit(0);
      }
    } catch (err) {
      send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  })();
});
