/**
 * Entry of the ingest child process (see ingestInChildProcess.ts): receives one job over IPC, runs the ingest on
 * its own connection to the database, reports log lines, the uids written after each committed batch, and the
 * summary with the store revisions before and after. Exits when done.
 */
import { updateCampaigns } from '../../campaigns/updateCampaigns';
import { openStore } from '../../store/openStore';
import { ingest } from './ingest';
import type { ChildMessage, IngestJob } from './ingestInChildProcess';

function send(msg: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });
}

process.once('message', (job: IngestJob) => {
  void (async () => {
    let store;
    try {
      store = openStore(job.dbPath);
      const revisionBefore = store.revision();
      const summary = await ingest(job.inputs, {
        store,
        now: new Date(job.now),
        ...(job.cacheDir ? { cacheDir: job.cacheDir } : {}),
        ...(job.batchSize ? { batchSize: job.batchSize } : {}),
        ...(job.senatLegislatures ? { senatLegislatures: job.senatLegislatures } : {}),
        log: (line) => void send({ type: 'log', line }),
        opsLog: (line) => void send({ type: 'log', line }),
        onWritten: (uids) => void send({ type: 'written', uids }),
      });
      updateCampaigns(store, (line) => void send({ type: 'log', line }));
      await send({ type: 'done', summary, revisionBefore, revisionAfter: store.revision(), pid: process.pid });
    } catch (err) {
      await send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    } finally {
      store?.close();
      process.disconnect?.();
    }
  })();
});
