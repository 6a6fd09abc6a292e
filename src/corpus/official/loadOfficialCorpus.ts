/**
 * `npm run corpus -- officiel`: every official written-question archive of the chosen legislatures and the
 * deputies' history, downloaded and ingested in one run (addresses.ts says where they are), and the Sénat's
 * questions dump (src/corpus/senat/address.ts), read for the same legislatures.
 *
 * Contracts:
 * - Before any download, the disk is checked: each archive's size is asked with a conditional HEAD (an unchanged
 *   archive needs nothing); the run needs room for the largest download (downloads are deleted once ingested) plus
 *   the database's growth (about DB_GROWTH_PER_ARCHIVE_BYTE times the archives' size). Short of it, nothing starts
 *   and `NotEnoughDiskError` says, in French, how much is needed and how much is free.
 * - Then one ingest run over the archives' URLs (deputies first): conditional GET, resume after a cut, zip check,
 *   unchanged archives neither downloaded nor re-ingested; a bad archive is rejected with its name and reason
 *   and the others load.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ingest } from '../ingest/ingest';
import { formatBytes, freeDiskBytes } from '../ingest/download';
import type { FetchLike, IngestSummary, InputReport } from '../ingest/types';
import type { QuestionStore } from '../../store/QuestionStore';
import { senatArchive } from '../senat/address';
import type { Chamber } from '../types';
import { OFFICIAL_LEGISLATURES, officialArchives, type OfficialArchive } from './addresses';

/**
 * Database bytes per byte of zipped archive (measured on generated archives: 63 MB of zip gave a 615 MB
 * database, ratio 9.8; per-question zips compress less, so this is on the safe side).
 */
const DB_GROWTH_PER_ARCHIVE_BYTE = 10;
/** Used when a server does not say an archive's size. */
const UNKNOWN_ARCHIVE_BYTES = 150 * 1024 * 1024;
const MARGIN_BYTES = 128 * 1024 * 1024;

export interface OfficialLoadOptions {
  store: QuestionStore;
  /** OPENDATA_URL. */
  baseUrl: string;
  legislatures: readonly number[];
  /** Chambers to load (default: the Assemblée only). The Assemblée's archives exist for OFFICIAL_LEGISLATURES. */
  chambers?: readonly Chamber[];
  /** SENAT_URL (needed when `chambers` has 'senat'). */
  senatUrl?: string;
  withDeputies: boolean;
  cacheDir: string;
  now: Date;
  fetch?: FetchLike;
  /** French step lines. */
  log?: (line: string) => void;
  /** Bars on a terminal, lines elsewhere (see ingest's progress). */
  progress?: boolean;
  /** Operator notes in English (download retries). */
  opsLog?: (line: string) => void;
}

interface ArchiveReport extends InputReport {
  archive: OfficialArchive & { chamber: Chamber };
}

export interface OfficialLoadReport {
  archives: ArchiveReport[];
  summary: IngestSummary;
  disk: DiskPlan;
}

export interface DiskPlan {
  /** Archives that the HEAD says changed (or could not tell), with their announced size (null: unknown). */
  toDownload: Array<{ url: string; bytes: number | null }>;
  neededBytes: number;
  freeBytes: number;
  /** Folder whose file system lacks room (null when there is enough). */
  shortIn: string | null;
}

export class NotEnoughDiskError extends Error {
  constructor(readonly plan: DiskPlan) {
    super(
      `Espace disque insuffisant : il faut environ ${formatBytes(plan.neededBytes)} libres ` +
        `(téléchargements et base de données), ${formatBytes(plan.freeBytes)} sont disponibles dans ${plan.shortIn}. ` +
        'Libérez de la place, ou choisissez moins de législatures (--legislatures) ou une autre base (--db).',
    );
    this.name = 'NotEnoughDiskError';
  }
}

async function device(dir: string): Promise<number | null> {
  let d = path.resolve(dir);
  for (;;) {
    try {
      return (await stat(d)).dev;
    } catch {
      const parent = path.dirname(d);
      if (parent === d) return null;
      d = parent;
    }
  }
}

/** Asks each archive's size with a conditional HEAD and compares what the run needs with the free space. */
async function planDisk(
  store: QuestionStore,
  archives: readonly OfficialArchive[],
  cacheDir: string,
  fetchImpl: FetchLike,
): Promise<DiskPlan> {
  const toDownload: DiskPlan['toDownload'] = [];
  for (const a of archives) {
    const prev = store.getSource(a.url);
    const headers: Record<string, string> = {};
    if (prev?.etag) headers['If-None-Match'] = prev.etag;
    if (prev?.lastModified) headers['If-Modified-Since'] = prev.lastModified;
    try {
      const res = await fetchImpl(a.url, { method: 'HEAD', headers });
      await res.body?.cancel().catch(() => {});
      if (res.status === 304 || res.status === 404) continue; // unchanged, or reported by the download itself
      const len = res.headers.get('content-length');
      toDownload.push({ url: a.url, bytes: res.ok && len !== null && /^\d+$/.test(len) ? Number(len) : null });
    } catch {
      // Unreachable: the download reports it; nothing to reserve.
    }
  }
  const sizes = toDownload.map((d) => d.bytes ?? UNKNOWN_ARCHIVE_BYTES);
  const downloadBytes = sizes.length ? Math.max(...sizes) : 0;
  const dbBytes = sizes.reduce((s, n) => s + n, 0) * DB_GROWTH_PER_ARCHIVE_BYTE;
  const dbDir = store.path === ':memory:' ? cacheDir : path.dirname(path.resolve(store.path));
  const sameDisk = (await device(cacheDir)) === (await device(dbDir));
  const checks: Array<{ dir: string; needed: number }> = sameDisk
    ? [{ dir: dbDir, needed: downloadBytes + dbBytes + MARGIN_BYTES }]
    : [
        { dir: cacheDir, needed: downloadBytes + MARGIN_BYTES },
        { dir: dbDir, needed: dbBytes + MARGIN_BYTES },
      ];
  let plan: DiskPlan = { toDownload, neededBytes: 0, freeBytes: 0, shortIn: null };
  for (const c of checks) {
    const free = await freeDiskBytes(c.dir);
    if (toDownload.length === 0) return { ...plan, freeBytes: free };
    plan = { toDownload, neededBytes: c.needed, freeBytes: free, shortIn: null };
    if (free < c.needed) return { ...plan, shortIn: c.dir };
  }
  return plan;
}

/** meta key: the Sénat legislatures read from the dump at its last download (see senatSelectionGrew). */
const SENAT_READ_KEY = 'senat_legislatures_read';

/**
 * The Sénat's dump is one file for every legislature: when this run asks for a legislature an earlier run did not
 * read, the dump must be read again even if unchanged, so its conditional-GET state is forgotten.
 */
function forgetSenatSourceIfSelectionGrew(store: QuestionStore, url: string, legislatures: readonly number[]): void {
  const read = new Set<number>(JSON.parse(store.getMeta(SENAT_READ_KEY) ?? '[]') as number[]);
  if (legislatures.every((l) => read.has(l))) return;
  const prev = store.getSource(url);
  if (prev) store.setSource({ ...prev, etag: null, lastModified: null, sha256: null });
}

export async function loadOfficialCorpus(opts: OfficialLoadOptions): Promise<OfficialLoadReport> {
  const chambers = opts.chambers ?? ['an'];
  const archives: Array<OfficialArchive & { chamber: Chamber }> = [];
  if (chambers.includes('an')) {
    const legislatures = opts.legislatures.filter((l) => OFFICIAL_LEGISLATURES.includes(l));
    const withDeputies = opts.withDeputies && legislatures.length > 0;
    for (const a of officialArchives(opts.baseUrl, legislatures, withDeputies)) archives.push({ ...a, chamber: 'an' });
  }
  const senatUrl = chambers.includes('senat') ? (opts.senatUrl ?? null) : null;
  if (senatUrl !== null) {
    forgetSenatSourceIfSelectionGrew(opts.store, senatUrl, opts.legislatures);
    archives.push({ ...senatArchive(senatUrl), chamber: 'senat' });
  }
  const fetchImpl: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const log = opts.log ?? (() => {});
  const disk = await planDisk(opts.store, archives, opts.cacheDir, fetchImpl);
  if (disk.shortIn !== null) throw new NotEnoughDiskError(disk);
  log(
    disk.toDownload.length === 0
      ? 'Archives officielles : aucune n’a changé depuis le dernier chargement (ou le serveur ne répond pas).'
      : `Archives à télécharger : ${disk.toDownload.length} sur ${archives.length} ; espace nécessaire estimé ${formatBytes(disk.neededBytes)}, disponible ${formatBytes(disk.freeBytes)}.`,
  );
  const summary = await ingest(
    archives.map((a) => a.url),
    {
      store: opts.store,
      now: opts.now,
      log,
      progress: opts.progress ?? false,
      cacheDir: opts.cacheDir,
      fetch: fetchImpl,
      ...(opts.opsLog ? { opsLog: opts.opsLog } : {}),
      ...(senatUrl !== null ? { senatLegislatures: opts.legislatures } : {}),
    },
  );
  const senatReport = senatUrl === null ? null : summary.inputs[archives.length - 1];
  if (senatReport?.status === 'read') {
    const read = new Set<number>(JSON.parse(opts.store.getMeta(SENAT_READ_KEY) ?? '[]') as number[]);
    for (const l of opts.legislatures) read.add(l);
    opts.store.setMeta(SENAT_READ_KEY, JSON.stringify([...read].sort((x, y) => x - y)));
  }
  const reports = archives.map((archive, i) => {
    const input = summary.inputs[i] ?? {
      input: archive.url,
      status: 'error' as const,
      message: 'non traité',
      records: 0,
    };
    return { ...input, archive };
  });
  return { archives: reports, summary, disk };
}
