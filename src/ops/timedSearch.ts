/**
 * The search engine as the commands get it, timed: a decorator over the engine's public contract (BotSearch),
 * so the search internals know nothing of metrics. Results and errors pass through unchanged.
 */
import type { BotSearch } from '../present/deps';
import type { SearchOperation, SearchResult } from './metrics';

export type SearchTimer = (operation: SearchOperation, seconds: number, result: SearchResult) => void;

function resultOf(err: unknown): SearchResult {
  return err instanceof Error && err.name === 'SearchNotReadyError' ? 'not_ready' : 'error';
}

function timed<T>(operation: SearchOperation, observe: SearchTimer, call: () => T | Promise<T>): T | Promise<T> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  let out: T | Promise<T>;
  try {
    out = call();
  } catch (err) {
    observe(operation, seconds(), resultOf(err));
    throw err;
  }
  if (!(out instanceof Promise)) {
    observe(operation, seconds(), 'ok');
    return out;
  }
  return out.then(
    (value) => {
      observe(operation, seconds(), 'ok');
      return value;
    },
    (err: unknown) => {
      observe(operation, seconds(), resultOf(err));
      throw err;
    },
  );
}

export function timedSearch(engine: BotSearch, observe: SearchTimer): BotSearch {
  return {
    get ready() {
      return engine.ready;
    },
    search: (req) => timed('search', observe, () => engine.search(req)),
    similar: (uid, limit) => timed('similar', observe, () => engine.similar(uid, limit)),
    suggest: (kind, input, limit) => timed('suggest', observe, () => engine.suggest(kind, input, limit)),
  };
}
