/**
 * Hangs a real worker thread from outside, as a bug or a stuck native call would: through the inspector protocol
 * of this process (NodeWorker domain), the worker is made to evaluate an endless loop. Nothing in the product
 * knows about it; the worker simply stops answering, and `terminate()` still ends it.
 */
import { Session } from 'node:inspector/promises';
import type { Worker } from 'node:worker_threads';

interface AttachedWorker {
  sessionId: string;
  /** The title names the thread: "[worker <threadId>] ..." (workerId is the inspector's own numbering). */
  workerInfo: { workerId: string; title: string };
}

export async function hangWorker(worker: Worker): Promise<void> {
  const session = new Session();
  session.connect();
  const found = new Promise<string>((resolve) => {
    session.on('NodeWorker.attachedToWorker', (m: { params: AttachedWorker }) => {
      if (m.params.workerInfo.title.includes(`[worker ${worker.threadId}]`)) resolve(m.params.sessionId);
    });
  });
  try {
    await session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    const sessionId = await Promise.race([
      found,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`worker ${worker.threadId} not found by the inspector`)), 10_000),
      ),
    ]);
    await session.post('NodeWorker.sendMessageToWorker', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression: 'for (;;) {}' } }),
    });
  } finally {
    session.disconnect();
  }
}
