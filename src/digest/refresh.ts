/**
 * The daily refresh: download the live legislature's archive through the ingest (conditional GET, events
 * recorded) and, once the Sénat's questions are loaded, the Sénat's dump (the legislatures held, and the next
 * one); keep track of failures so the scheduler can retry with backoff. Never throws.
 */
import { ingest, type FetchLike, type IngestSummary } from '../corpus/ingest';
import { ingestInChildProcess } from '../corpus/ingest/ingestInChildProcess';
import { updateCampaigns } from '../campaigns/updateCampaigns';
import type { QuestionStore } from '../store/QuestionStore';
import type { InputReport } from '../corpus/ingest/types';
import { silentLogger, type DigestLogger } from './deliver';
import { refreshRetryDelayMs } from './schedule';

export interface RefreshOptions {
  store: QuestionStore;
  url: string;
  /** The Sénat's dump (SENAT_URL): read when the store holds Sénat questions (see senatRefreshLegislatures). */
  senatUrl?: string;
  /** Read before `url` in the same run (the deputies' history of a new legislature); a failure fails the refresh. */
  before?: string[];
  now: Date;
  cacheDir?: string;
  fetch?: FetchLike;
  log?: DigestLogger;
  /** The ingest's French progress lines (default: logged at info, the line in the `progress` field). */
  ingestLog?: (line: string) => void;
  /** Questions per ingest transaction (tests use small batches to crash between commits). */
  batchSize?: number;
  /**
   * Where the ingest runs: 'child' (the bot: a child process, so that nothing heavy runs on the thread that talks
   * to Discord; needs a database file) or 'in-process' (`npm run refresh`, already its own process). Default
   * 'in-process'.
   */
  runIn?: 'child' | 'in-process';
  /** Kills a child ingest (the bot stopping). */
  signal?: AbortSignal;
}

export interface RefreshOutcome {
  ok: boolean;
  /** 304 or identical content: nothing new. */
  unchanged: boolean;
  /** French, one line. */
  message: string;
  summary: IngestSummary | null;
  /** Consecutive failures including this one (0 after a success). */
  failures: number;
  /** When the caller should try again after a failure. */
  retryAt: Date | null;
  /** Wall time of the whole refresh (download, parsing, writes), ms. */
  durationMs: number;
  /** Store revisions around the ingest (equal when nothing was written): the search index catches up from them. */
  revisionBefore: string;
  revisionAfter: string;
  /** Questions inserted or changed by the refresh. */
  changedUids: string[];
  /** Process that ran the ingest (the child's pid for runIn 'child'). */
  ingestPid: number | null;
}

const FAILURES_KEY = 'digest.refresh_failures';

/**
 * The Sénat's legislatures a refresh reads: from the oldest one loaded to the one after the newest (a new
 * legislature's questions arrive after elections); null when no Sénat question was loaded (nothing to refresh).
 */
function senatRefreshLegislatures(store: QuestionStore): number[] | null {
  const held = store.legislaturesWithOpenData('senat');
  if (held.length === 0) return null;
  const [min, max] = [held[0]!, held[held.length - 1]!];
  return Array.from({ length: max + 2 - min }, (_, i) => min + i);
}

export async function runRefresh(opts: RefreshOptions): Promise<RefreshOutcome> {
  const log = opts.log ?? silentLogger;
  const started = performance.now();
  const previousFailures = Number(opts.store.getMeta(FAILURES_KEY) ?? '0') || 0;
  let summary: IngestSummary | null = null;
  let error: string | null = null;
  let revisionBefore = opts.store.revision();
  let revisionAfter = revisionBefore;
  let ingestPid: number | null = null;
  const changedUids: string[] = [];
  const senatLegislatures = opts.senatUrl ? senatRefreshLegislatures(opts.store) : null;
  const inputs = [...(opts.before ?? []), opts.url, ...(senatLegislatures && opts.senatUrl ? [opts.senatUrl] : [])];
  const ingestLog =
    opts.ingestLog ?? ((line: string) => log.info({ url: opts.url, progress: line }, 'refresh: ingest progress'));
  try {
    if (opts.runIn === 'child') {
      const r = await ingestInChildProcess(inputs, {
        dbPath: opts.store.path,
        now: opts.now,
        log: ingestLog,
        onWritten: (uids) => changedUids.push(...uids),
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(senatLegislatures ? { senatLegislatures } : {}),
      });
      ({ summary, revisionBefore, revisionAfter } = r);
      ingestPid = r.pid;
    } else {
      summary = await ingest(inputs, {
        store: opts.store,
        now: opts.now,
        log: ingestLog,
        onWritten: (uids) => changedUids.push(...uids),
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(senatLegislatures ? { senatLegislatures } : {}),
      });
      updateCampaigns(opts.store, ingestLog);
      revisionAfter = opts.store.revision();
      ingestPid = process.pid;
    }
    const reports: Array<InputReport | undefined> = inputs.map((_, i) => summary?.inputs[i]);
    const failed = reports.filter((r) => !r || r.status === 'error');
    if (failed.length > 0)
      error = failed
        .map((r) => (inputs.length > 1 && r ? `${r.input} : ` : '') + (r?.message ?? 'échec inconnu'))
        .join(' ; ');
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const tail = {
    durationMs: Math.round(performance.now() - started),
    revisionBefore,
    revisionAfter,
    changedUids,
    ingestPid,
  };

  if (error !== null || summary === null) {
    const failures = previousFailures + 1;
    opts.store.setMeta(FAILURES_KEY, String(failures));
    opts.store.setMeta('digest.refresh_last_error', `${opts.now.toISOString()} ${error ?? ''}`);
    const retryAt = new Date(opts.now.getTime() + refreshRetryDelayMs(failures));
    log.warn({ url: opts.url, failures, retryAt: retryAt.toISOString(), error }, 'refresh failed');
    return {
      ok: false,
      unchanged: false,
      message: `Échec de la mise à jour : ${error ?? 'inconnu'}`,
      summary,
      failures,
      retryAt,
      ...tail,
    };
  }

  opts.store.setMeta(FAILURES_KEY, '0');
  opts.store.setMeta('digest.refresh_last_ok', opts.now.toISOString());
  const unchanged = summary.inputs.length > 0 && summary.inputs.every((r) => r.status === 'unchanged');
  const e = summary.events;
  const message = unchanged
    ? 'Archive inchangée : rien de nouveau.'
    : `Archive lue : ${summary.questions.new} nouvelles questions, ${e.new_answer} réponses, ${e.transfer} transferts, ${e.closed} retraits` +
      (summary.baselineEvents > 0 ? ` (${summary.baselineEvents} événements d’import initial, non publiés)` : '') +
      '.';
  log.info(
    { url: opts.url, unchanged, events: e, durationMs: tail.durationMs, changed: changedUids.length, pid: ingestPid },
    'refresh done',
  );
  return { ok: true, unchanged, message, summary, failures: 0, retryAt: null, ...tail };
}
