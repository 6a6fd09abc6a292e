import type { QuestionStore } from '../../store/QuestionStore';
import type { EventKind } from '../../store/types';

/** A record or a file that could not be ingested. `reason` is French and shown to the user. */
export interface Rejection {
  /** File, "archive.zip!entry", "file.json#12" (12th question of a single-file archive), or URL. */
  file: string;
  /** Short French category used to group rejections ("JSON invalide ou tronqué"). */
  category: string;
  /** Category plus details. */
  reason: string;
}

/** What happened to one input given on the command line. */
export interface InputReport {
  input: string;
  /** read: something was read (possibly with rejections); unchanged: URL not modified; error: nothing read. */
  status: 'read' | 'unchanged' | 'error';
  /** French detail ("inchangé (304)", "HTTP 404", "fichier introuvable"). */
  message: string | null;
  /** Records (questions + acteurs) read from this input. */
  records: number;
  /** Files recognised but carrying nothing for us (organes...), and records rejected, in this input. */
  ignored?: number;
  rejected?: number;
  /** URLs only, when a body was downloaded: its size, the time it took, and the bytes resumed from a cut. */
  download?: { bytes: number; ms: number; resumedFrom: number };
}

export interface IngestSummary {
  inputs: InputReport[];
  /** Records parsed successfully (questions + acteurs). */
  read: number;
  questions: { read: number; new: number; updated: number; unchanged: number };
  acteurs: { read: number; changed: number };
  /** Questions that received their author's name in this run (deputy record applied to a stored question). */
  named: number;
  /** After the run: questions whose author is still known only by reference, and how many deputies. */
  unnamedAuthors: { questions: number; deputies: number };
  /** Recognised files that carry nothing for us (organes, READMEs in archives...). */
  ignored: number;
  rejected: Rejection[];
  /** Rejections grouped by category, largest first, with a few example files. */
  rejectedByCategory: Array<{ category: string; count: number; examples: string[] }>;
  events: Record<EventKind, number>;
  /** How many of the events are baseline (first import of a legislature: never posted). */
  baselineEvents: number;
  /** Legislatures whose events were baseline in this run. */
  baselineLegislatures: number[];
  startedAt: string;
  durationMs: number;
}

export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; method?: 'GET' | 'HEAD'; signal?: AbortSignal },
) => Promise<Response>;

export interface IngestOptions {
  store: QuestionStore;
  /** Clock of the run: events' seenAt and meta last_ingest_at. */
  now: Date;
  /** One French line at a time (progress when not on a TTY, per-input notes). */
  log?: (line: string) => void;
  /** Progress bar on stderr when it is a TTY, else periodic log lines. Default false. */
  progress?: boolean;
  /** Where downloads are streamed (default `data/cache`). */
  cacheDir?: string;
  fetch?: FetchLike;
  /** Questions per transaction (default 500). */
  batchSize?: number;
  /** Bytes of a URL downloaded so far (progress bars). */
  onDownloadProgress?: (url: string, received: number, total: number | null) => void;
  /** After each committed batch: the uids of the questions it inserted or changed (what the search index needs). */
  onWritten?: (uids: string[]) => void;
  /** Operator notes in English (download retries); default none. */
  opsLog?: (line: string) => void;
  /** The Sénat's dump: only the written questions of these legislatures (default: every one it holds). */
  senatLegislatures?: readonly number[] | null;
}
