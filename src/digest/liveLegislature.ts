/**
 * The live legislature, discovered rather than fixed: before each refresh, one HEAD asks whether the next
 * legislature's archive exists under the open-data base (after an election or a dissolution it appears there).
 * When it answers, the refresh moves to it, says so in the logs and in /stats, and its first run also reads the
 * deputies' history published with the new legislature. The move is kept in the database (meta), so a restart
 * stays on it. With REFRESH_URL set, the refresh reads that address only and nothing is discovered.
 */
import { deputiesArchiveUrl, LATEST_KNOWN_LEGISLATURE, questionArchiveUrl } from '../corpus/official/addresses';
import type { QuestionStore } from '../store/QuestionStore';
import type { DigestLogger } from './deliver';

const LEGISLATURE_KEY = 'digest.live_legislature';
const DEPUTIES_PENDING_KEY = 'digest.live_deputies_pending';
const MOVED_KEY = 'digest.live_legislature_moved';

export interface LiveLegislatureOptions {
  store: Pick<QuestionStore, 'getMeta' | 'setMeta'>;
  openDataUrl: string;
  /** REFRESH_URL: the one archive read, nothing discovered. Null: follow the live legislature. */
  fixedUrl: string | null;
  log: DigestLogger;
  now?: () => Date;
  fetch?: (url: string, init: { method: 'HEAD'; signal: AbortSignal }) => Promise<Response>;
  probeTimeoutMs?: number;
}

export interface LiveLegislature {
  /** The legislature the refresh reads. */
  current(): number;
  /** When and from which legislature the refresh last moved (null: never). */
  moved(): { from: number; at: string } | null;
  /** What the next refresh ingests, in order: the new legislature's deputies (once, after a move), then its questions. */
  inputs(): { questions: string; before: string[] };
  /** One HEAD on the next legislature's archive; moves to it when it exists. True when it moved. */
  discover(): Promise<boolean>;
  /** A refresh succeeded: the deputies of a move are read. */
  refreshed(): void;
}

/** The legislature in an archive address (".../repository/17/..." or ".../17/questions/..."), else the newest known. */
function legislatureOfUrl(url: string): number {
  const m = /\/repository\/(\d{1,2})\//.exec(url) ?? /\/(\d{1,2})\/questions\//.exec(url);
  return m ? Number(m[1]) : LATEST_KNOWN_LEGISLATURE;
}

export function createLiveLegislature(opts: LiveLegislatureOptions): LiveLegislature {
  const now = opts.now ?? (() => new Date());
  const probe = opts.fetch ?? ((url, init) => fetch(url, init));
  const fixed = opts.fixedUrl;
  const stored = Number(opts.store.getMeta(LEGISLATURE_KEY));
  let legislature =
    fixed !== null
      ? legislatureOfUrl(fixed)
      : Number.isInteger(stored) && stored > LATEST_KNOWN_LEGISLATURE
        ? stored
        : LATEST_KNOWN_LEGISLATURE;
  const movedRaw = opts.store.getMeta(MOVED_KEY);
  let moved: { from: number; at: string } | null = movedRaw
    ? (JSON.parse(movedRaw) as { from: number; at: string })
    : null;
  return {
    current: () => legislature,
    moved: () => (fixed === null ? moved : null),
    inputs() {
      if (fixed !== null) return { questions: fixed, before: [] };
      const pending = opts.store.getMeta(DEPUTIES_PENDING_KEY) === String(legislature);
      return {
        questions: questionArchiveUrl(opts.openDataUrl, legislature),
        before: pending ? [deputiesArchiveUrl(opts.openDataUrl, legislature)] : [],
      };
    },
    async discover() {
      if (fixed !== null) return false;
      const next = legislature + 1;
      const url = questionArchiveUrl(opts.openDataUrl, next);
      try {
        const res = await probe(url, { method: 'HEAD', signal: AbortSignal.timeout(opts.probeTimeoutMs ?? 10_000) });
        await res.body?.cancel().catch(() => {});
        if (!res.ok) return false;
      } catch {
        return false; // no network: the refresh itself reports the source unreachable
      }
      moved = { from: legislature, at: now().toISOString() };
      legislature = next;
      opts.store.setMeta(LEGISLATURE_KEY, String(legislature));
      opts.store.setMeta(DEPUTIES_PENDING_KEY, String(legislature));
      opts.store.setMeta(MOVED_KEY, JSON.stringify(moved));
      opts.log.info(
        { from: moved.from, to: legislature, url },
        'live legislature moved: the refresh follows the new one',
      );
      return true;
    },
    refreshed() {
      if (opts.store.getMeta(DEPUTIES_PENDING_KEY) === String(legislature))
        opts.store.setMeta(DEPUTIES_PENDING_KEY, '');
    },
  };
}
