/**
 * A search worker replaced, held in the middle, from outside the product: through the inspector protocol of this
 * process (NodeWorker domain), one running search worker thread is made to exit (a crash, as far as its supervisor
 * knows), and the worker that replaces it is held at its first line (waitForDebuggerOnStart) until `release()`.
 * Meanwhile the shard is down for as long as the test needs, without timers. Nothing in the product knows about it.
 */
import { Session } from 'node:inspector/promises';
import { EXIT_ONCE_LOADED } from './hangWorker';

interface Attached {
  sessionId: string;
  waitingForDebugger: boolean;
}

export interface HeldReplacement {
  /**
   * Lets the held worker(s) start, and every thread started from now on (the replacement starts a module-loader
   * thread of its own): the supervisor then fills the shard as after any crash.
   */
  release(): Promise<void>;
  /** Ends the inspector session: call it once the bot is stopped (no thread starting any more). */
  close(): void;
}

export async function crashSearchWorkerAndHoldReplacement(timeoutMs = 10_000): Promise<HeldReplacement> {
  const session = new Session();
  session.connect();
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  const send = (sessionId: string, method: string, params: object = {}): Promise<unknown> => {
    const id = nextId++;
    const reply = new Promise<unknown>((resolve) => replies.set(id, resolve));
    void session.post('NodeWorker.sendMessageToWorker', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return reply;
  };
  session.on('NodeWorker.receivedMessageFromWorker', (m: { params: { message: string } }) => {
    const msg = JSON.parse(m.params.message) as { id?: number; result?: unknown };
    if (msg.id !== undefined) replies.get(msg.id)?.(msg.result);
  });

  const held: string[] = [];
  let released = false;
  let crashed = false;
  const run = (sessionId: string) =>
    session.post('NodeWorker.sendMessageToWorker', {
      sessionId,
      message: JSON.stringify({ id: nextId++, method: 'Runtime.runIfWaitingForDebugger' }),
    });
  let onReplacement: () => void = () => undefined;
  const replacement = new Promise<void>((resolve, reject) => {
    onReplacement = resolve;
    setTimeout(() => reject(new Error('no search worker was crashed and replaced')), timeoutMs).unref();
  });
  session.on('NodeWorker.attachedToWorker', (m: { params: Attached }) => {
    const { sessionId, waitingForDebugger } = m.params;
    if (waitingForDebugger) {
      // Started after the crash (the replacement, or any other new thread): held until release().
      if (released) return void run(sessionId);
      held.push(sessionId);
      if (crashed) onReplacement();
      return;
    }
    void (async () => {
      const r = (await send(sessionId, 'Runtime.evaluate', {
        expression: "String(require('node:worker_threads').workerData?.entry ?? '')",
        includeCommandLineAPI: true,
        returnByValue: true,
      })) as { result?: { value?: string } };
      if (crashed || !r.result?.value?.includes('searchWorker')) return;
      crashed = true;
      // The thread ends (once loaded: see hangWorker.ts): no reply to wait for.
      void send(sessionId, 'Runtime.evaluate', { expression: EXIT_ONCE_LOADED });
    })();
  });
  await session.post('NodeWorker.enable', { waitForDebuggerOnStart: true });
  try {
    await replacement;
  } catch (e) {
    session.disconnect();
    throw e;
  }
  return {
    async release() {
      released = true;
      for (const sessionId of held.splice(0)) await run(sessionId);
    },
    close() {
      session.disconnect();
    },
  };
}
