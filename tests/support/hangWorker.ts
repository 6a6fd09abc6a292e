/**
 * Real worker threads of this process crashed or hung from outside, as a bug, a stuck native call or a crash
 * would: through the inspector protocol (NodeWorker domain), the thread named by its id (as a supervisor's
 * `status().threadId` reports it) is made to evaluate `process.exit(1)` or an endless loop. Nothing in the product
 * knows about it; the supervisor sees a thread that exited, or one that stopped answering.
 */
import { Session } from 'node:inspector/promises';

interface AttachedWorker {
  sessionId: string;
  /** The title names the thread: "[worker <threadId>] ..." (workerId is the inspector's own numbering). */
  workerInfo: { workerId: string; title: string };
}

function threadIdOf(m: AttachedWorker): number | null {
  const match = /\[worker (\d+)\]/.exec(m.workerInfo.title);
  return match ? Number(match[1]) : null;
}

function evaluateIn(session: Session, sessionId: string, expression: string): Promise<unknown> {
  return session.post('NodeWorker.sendMessageToWorker', {
    sessionId,
    message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression } }),
  });
}

async function evaluateInThread(threadId: number, expression: string): Promise<void> {
  const session = new Session();
  session.connect();
  const found = new Promise<string>((resolve) => {
    session.on('NodeWorker.attachedToWorker', (m: { params: AttachedWorker }) => {
      if (threadIdOf(m.params) === threadId) resolve(m.params.sessionId);
    });
  });
  try {
    await session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    const sessionId = await Promise.race([
      found,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`worker ${threadId} not found by the inspector`)), 10_000),
      ),
    ]);
    await evaluateIn(session, sessionId, expression);
  } finally {
    session.disconnect();
  }
}

/** The thread stops answering for good (an endless loop); `terminate()` by its owner still ends it. */
export function hangWorker(threadId: number): Promise<void> {
  return evaluateInThread(threadId, 'for (;;) {}');
}

/** The thread exits with code 1 at once, a crash as far as its owner knows. */
export function crashWorker(threadId: number): Promise<void> {
  return evaluateInThread(threadId, 'process.exit(1)');
}

/**
 * Crashes every thread, running now or started later, that `pick` chooses (asked when the inspector sees the
 * thread), until `stop()`.
 */
export async function crashEveryWorker(pick: (threadId: number) => boolean): Promise<{ stop(): void }> {
  const session = new Session();
  session.connect();
  session.on('NodeWorker.attachedToWorker', (m: { params: AttachedWorker }) => {
    const id = threadIdOf(m.params);
    if (id !== null && pick(id)) void evaluateIn(session, m.params.sessionId, 'process.exit(1)').catch(() => undefined);
  });
  await session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  return { stop: () => session.disconnect() };
}
