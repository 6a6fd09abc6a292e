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

let nextEvalId = 1_000;

/** Evaluates `expression` in the thread and resolves with its value (null when the thread ended without a reply). */
function valueIn(session: Session, sessionId: string, expression: string): Promise<unknown> {
  const id = nextEvalId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), 2_000);
    const onMessage = (m: { params: { sessionId: string; message: string } }) => {
      if (m.params.sessionId !== sessionId) return;
      const msg = JSON.parse(m.params.message) as { id?: number; result?: { result?: { value?: unknown } } };
      if (msg.id === id) done(msg.result?.result?.value ?? null);
    };
    const done = (value: unknown) => {
      clearTimeout(timer);
      session.off('NodeWorker.receivedMessageFromWorker', onMessage);
      resolve(value);
    };
    session.on('NodeWorker.receivedMessageFromWorker', onMessage);
    void session
      .post('NodeWorker.sendMessageToWorker', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
      })
      .catch(() => done(null));
  });
}

/** Crashes the thread, asking again while it is still bootstrapping (never exiting in the middle of its loading). */
async function crashIn(session: Session, sessionId: string): Promise<void> {
  for (let i = 0; i < 5_000; i++) {
    if ((await valueIn(session, sessionId, EXIT_ONCE_LOADED)) !== 'bootstrapping') return;
    await new Promise((r) => setTimeout(r, 2));
  }
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
    if (expression === EXIT_ONCE_LOADED) await crashIn(session, sessionId);
    else if ((await valueIn(session, sessionId, expression)) !== 'armed')
      throw new Error(`worker ${threadId}: not armed`);
  } finally {
    session.disconnect();
  }
}

/**
 * The thread stops answering for good (an endless loop) from the next message it receives (a request or its
 * supervisor's ping), before any reply to it; `terminate()` by its owner still ends it. The loop starts from the
 * thread's event loop, as a handler stuck in a bug would: evaluated directly, it would run inside whatever the
 * thread is doing when the inspector interrupts it, possibly inside a native file call of a save, and terminating a
 * thread stuck there aborts the whole process in Node 20 (« Assertion failed: (argc) == (7) » in fs WriteBuffer: the
 * call's promise cannot be made under termination). Seen in CI on 7 Dec.; reproduced with a worker writing in a loop.
 */
export function hangWorker(threadId: number): Promise<void> {
  return evaluateInThread(threadId, HANG_AT_NEXT_MESSAGE);
}

/** A listener after the program's own: replies go out in a microtask, after every listener has run, so none does. */
const HANG_AT_NEXT_MESSAGE = `(function hangAtNextMessage() {
  const threads = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:worker_threads') : null;
  if (!threads || !threads.parentPort) throw new Error('not a worker thread');
  threads.parentPort.on('message', () => { for (;;) {} });
  return 'armed';
})()`;

/**
 * Exits the thread with code 1: at once when its program already listens to its owner, else when the first message
 * reaches it (a worker starting: it dies at its first request, its build). A thread made to exit while it is still
 * loading its modules can bring the whole process down (Node 20 aborts with « FATAL ERROR: v8::ToLocalChecked Empty
 * MaybeLocal » when an exit lands inside a builtin's loading), so a crash never lands before the program is loaded.
 */
export const EXIT_ONCE_LOADED = `(function exitOnceLoaded() {
  const threads = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:worker_threads') : null;
  const port = threads ? threads.parentPort : null;
  if (!port) return 'bootstrapping';
  if (port.listenerCount('message') > 0) {
    setImmediate(() => process.exit(1));
    return 'exiting';
  }
  const on = port.on;
  port.on = function (event, listener) {
    return on.call(this, event, event === 'message' ? () => process.exit(1) : listener);
  };
  return 'armed';
})()`;

/** The thread exits with code 1 (never while it loads its modules), a crash as far as its owner knows. */
export function crashWorker(threadId: number): Promise<void> {
  return evaluateInThread(threadId, EXIT_ONCE_LOADED);
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
    if (id !== null && pick(id)) void crashIn(session, m.params.sessionId).catch(() => undefined);
  });
  await session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  return { stop: () => session.disconnect() };
}
