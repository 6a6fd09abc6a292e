import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import Parser from 'stream-json/Parser';
import Pick from 'stream-json/filters/Pick';
import StreamArray from 'stream-json/streamers/StreamArray';
import { parseActeur } from '../parse/parseActeur';
import { parseOpenDataQuestion } from '../parse/parseOpenDataQuestion';
import { parseOldXmlQuestion } from '../parse/parseOldXmlQuestion';
import { parseSeedPage } from '../parse/parseSeedPage';
import { decodeText } from '../parse/decodeText';
import { readSenatDump } from '../senat/readSenatDump';
import { parseUid, type Acteur, type ParseResult, type Question } from '../types';
import { fileSource, openZip, zipEntries, zipEntrySource, type ByteSource } from './byteSource';
import { detectKind, stripUtf8Bom, xmlRoot } from './detectKind';
import { download } from './download';
import { BatchWriter, StoreWriteError } from './batchWriter';
import { IngestTally } from './ingestTally';
import { expand } from './inputFiles';
import { createProgress, type Progress } from './progress';
import type { FetchLike, IngestOptions, IngestSummary, InputReport } from './types';

/** Files read whole (everything but the single-file layout, which is streamed) must stay below this size. */
const MAX_WHOLE_FILE_BYTES = 64 * 1024 * 1024;
const DEFAULT_BATCH = 500;
/** Sources up to this size are read in one go (no separate peek). */
const SMALL_SOURCE_BYTES = 1024 * 1024;
const PEEK_BYTES = 4096;
/** Open-data roots that are valid but carry nothing we store (AMO archives hold them beside the acteurs). */
const IGNORED_ROOTS = new Set(['organe', 'mandat', 'deport', 'pays']);
const LAST_INGEST_KEY = 'last_ingest_at';

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads seed pages, open-data JSON (per-question files, the single-file layout, acteurs), zip archives of these,
 * folders of these (recursive) and http(s) URLs of these, into the store.
 *
 * Contracts:
 * - Never throws because of bad input: every unreadable file, entry or record becomes a `Rejection` and the
 *   records beside it are still ingested. Only database failures are thrown.
 * - Questions are committed in batches (`batchSize`, one transaction each): a killed run keeps whole batches,
 *   and re-running gives the same content with no duplicates (upsert by uid, unchanged records untouched).
 * - Deputy (acteur) files given as local paths are ingested before everything else; acteurs met later (inside
 *   an archive) back-fill the questions already stored.
 * - Baseline, decided once per run: a legislature is baseline when the store held no question of it read from
 *   the open data when the run started (seed pages do not count: they are samples, not a feed, so ingesting
 *   the 14th legislature archive over the five shipped seeds is still a back-fill). A legislature whose
 *   baseline run was interrupted stays baseline in the next run (meta `ingest_baseline_pending`).
 * - URLs (download.ts): conditional GET from the `sources` table, resumed after a cut, zip checked; 304, or a
 *   body whose sha256 equals the last one, ingests nothing. The source state is saved only after its content was
 *   committed.
 */
export async function ingest(inputs: readonly string[], opts: IngestOptions): Promise<IngestSummary> {
  const run = new IngestRun(opts);
  return run.run(inputs);
}

class IngestRun {
  private readonly store;
  private readonly seenAt: string;
  private readonly log: (line: string) => void;
  private readonly batchSize: number;
  private readonly progress: Progress;
  private readonly fetchImpl: FetchLike;
  private readonly cacheDir: string;
  private readonly tally = new IngestTally();
  private readonly writer: BatchWriter;

  constructor(private readonly opts: IngestOptions) {
    this.store = opts.store;
    this.seenAt = opts.now.toISOString();
    this.log = opts.log ?? (() => {});
    this.batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
    this.progress = createProgress({ enabled: opts.progress ?? false, log: this.log });
    this.fetchImpl = opts.fetch ?? ((url, init) => fetch(url, init));
    this.cacheDir = opts.cacheDir ?? 'data/cache';
    this.writer = new BatchWriter(this.store, this.seenAt, this.batchSize, this.tally, opts.onWritten);
  }

  async run(inputs: readonly string[]): Promise<IngestSummary> {
    const started = performance.now();
    const reports: InputReport[] = [];
    try {
      // Local inputs are expanded first so that every acteur file is ingested before any question.
      const expanded = new Map<string, string[] | Error>();
      const done = new Set<string>();
      for (const input of inputs) {
        if (isUrl(input)) continue;
        expanded.set(
          input,
          await expand(input).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
        );
      }
      const recordsBefore = new Map<string, number>();
      for (const [input, files] of expanded) {
        if (files instanceof Error) continue;
        let n = 0;
        for (const file of files) {
          const head = await fileSource(file)
            .then((s) => s.peek(PEEK_BYTES))
            .catch(() => null);
          if (!head) continue;
          const k = detectKind(head);
          if (k.kind === 'json' && k.rootKey === 'acteur') {
            const before = this.tally.records;
            done.add(file);
            try {
              await this.processSource(await fileSource(file));
            } catch (err) {
              if (err instanceof StoreWriteError) throw err;
              this.tally.reject(file, 'fichier illisible', message(err));
            }
            n += this.tally.records - before;
          }
        }
        recordsBefore.set(input, n);
      }
      this.writer.flushActeurs();

      for (const input of inputs) {
        if (isUrl(input)) {
          reports.push(await this.processUrl(input));
          continue;
        }
        const files = expanded.get(input);
        if (files instanceof Error || files === undefined) {
          const reason = 'fichier ou dossier introuvable';
          this.tally.reject(
            input,
            'fichier ou dossier introuvable',
            files && (files as NodeJS.ErrnoException).code !== 'ENOENT' ? message(files) : null,
          );
          reports.push({ input, status: 'error', message: reason, records: 0 });
          continue;
        }
        const before = this.tally.records;
        const ignoredBefore = this.tally.ignored;
        const rejectedBefore = this.tally.rejected.length;
        for (const file of files) {
          if (done.has(file)) continue;
          try {
            await this.processSource(await fileSource(file));
          } catch (err) {
            if (err instanceof StoreWriteError) throw err;
            this.tally.reject(file, 'fichier illisible', message(err));
          }
        }
        this.writer.flush();
        const records = this.tally.records - before + (recordsBefore.get(input) ?? 0);
        reports.push(
          this.tally.report(input, records, this.tally.ignored - ignoredBefore, rejectedBefore, files.length),
        );
      }
      this.writer.flush();
      this.writer.endBaselines();
      if (this.tally.records > 0) this.store.setMeta(LAST_INGEST_KEY, this.seenAt);
    } finally {
      this.progress.stop();
    }
    return this.tally.summary(reports, started, this.seenAt, this.store.unnamedAuthors());
  }

  // ---- sources -----------------------------------------------------------------------------------------------

  private async processSource(src: ByteSource): Promise<void> {
    let head: Buffer;
    let whole: Buffer | null = null;
    try {
      // Small sources (most: per-question files, zip entries) are read once; large ones are peeked first.
      if (src.size !== null && src.size <= SMALL_SOURCE_BYTES) {
        whole = await src.readAll();
        head = whole.subarray(0, PEEK_BYTES);
      } else head = await src.peek(PEEK_BYTES);
    } catch (err) {
      this.tally.reject(src.name, 'fichier illisible', message(err));
      return;
    }
    const k = detectKind(head);
    switch (k.kind) {
      case 'empty':
        this.tally.reject(src.name, 'fichier vide', null);
        return;
      case 'zip':
        if (src.localPath) await this.processZip(src.localPath, src.name);
        else this.tally.reject(src.name, 'archive imbriquée non prise en charge', null);
        return;
      case 'xml':
        this.tally.reject(src.name, 'format XML non pris en charge', 'utiliser les archives .json.zip');
        return;
      case 'old-xml':
        break; // read whole below (one question per file)
      case 'pg-dump':
        await this.streamSenatDump(src, whole);
        return;
      case 'json':
        if (k.rootKey === 'questionsEcrites') {
          await this.streamSingleFile(src, whole);
          return;
        }
        break;
      case 'text':
        break;
    }
    if (src.size !== null && src.size > MAX_WHOLE_FILE_BYTES) {
      this.tally.reject(src.name, 'fichier trop volumineux', `${src.size} octets, format non reconnu`);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = whole ?? (await src.readAll());
    } catch (err) {
      this.tally.reject(src.name, 'fichier illisible', message(err));
      return;
    }
    this.handleWhole(bytes, src.name);
  }

  private handleWhole(bytes: Uint8Array, name: string): void {
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      this.tally.reject(name, 'contenu illisible (vide ou binaire)', decoded.reason);
      return;
    }
    const text = decoded.value.text;
    const start = text.trimStart();
    if (start.startsWith('{') || start.startsWith('[')) {
      let value: unknown;
      try {
        value = JSON.parse(start);
      } catch (err) {
        this.tally.reject(name, 'JSON invalide ou tronqué', message(err));
        return;
      }
      this.handleJson(value, name);
      return;
    }
    if (start.startsWith('<')) {
      if (xmlRoot(start.slice(0, 4096)) === 'QUESTION') {
        this.addQuestion(parseOldXmlQuestion(text, name), name, 'question XML invalide');
        return;
      }
      if (/^<\?xml/i.test(start)) {
        this.tally.reject(name, 'format XML non pris en charge', 'utiliser les archives .json.zip');
        return;
      }
    }
    this.addQuestion(parseSeedPage(text, name), name, 'page de question invalide');
  }

  private handleJson(value: unknown, name: string): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        this.handleJsonRecord(v, `${name}#${i + 1}`, name);
      });
      return;
    }
    this.handleJsonRecord(value, name, name);
  }

  private handleJsonRecord(value: unknown, label: string, file: string): void {
    if (!isObject(value)) {
      this.tally.reject(label, 'format JSON non reconnu', 'objet attendu');
      return;
    }
    if ('questionsEcrites' in value) {
      const list = isObject(value.questionsEcrites) ? value.questionsEcrites.question : undefined;
      const items = Array.isArray(list) ? list : list === undefined || list === null ? [] : [list];
      if (items.length === 0) this.tally.ignored++;
      items.forEach((item, i) => {
        this.addQuestion(parseOpenDataQuestion(item, file), `${file}#${i + 1}`, 'question invalide');
      });
      return;
    }
    if ('question' in value) {
      this.addQuestion(parseOpenDataQuestion(value, file), label, 'question invalide');
      return;
    }
    if ('acteur' in value) {
      this.addActeur(parseActeur(value), label);
      return;
    }
    if (isObject(value.export) && isObject(value.export.acteurs)) {
      const list = value.export.acteurs.acteur;
      const items = Array.isArray(list) ? list : list ? [list] : [];
      items.forEach((item, i) => {
        this.addActeur(parseActeur(item), `${label}#${i + 1}`);
      });
      return;
    }
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((k) => IGNORED_ROOTS.has(k))) {
      this.tally.ignored++;
      return;
    }
    if (typeof value.uid === 'string' && value.uid.startsWith('QANR')) {
      this.addQuestion(parseOpenDataQuestion(value, file), label, 'question invalide');
      return;
    }
    if ('etatCivil' in value) {
      this.addActeur(parseActeur(value), label);
      return;
    }
    this.tally.reject(label, 'format JSON non reconnu', `clés : ${keys.slice(0, 5).join(', ') || '(aucune)'}`);
  }

  /**
   * The single-file layout `{"questionsEcrites":{"question":[...]}}`, streamed question by question: memory
   * stays bounded by one question plus one batch whatever the file size. On a syntax error (truncated file),
   * the questions before the break are kept and the rest is reported.
   */
  /** The source's bytes as a stream (the buffered ones when read already), or null once reported unreadable. */
  private async openInput(src: ByteSource, whole: Buffer | null): Promise<Readable | null> {
    try {
      return whole ? Readable.from([whole]) : await src.open();
    } catch (err) {
      this.tally.reject(src.name, 'fichier illisible', message(err));
      return null;
    }
  }

  private async streamSingleFile(src: ByteSource, whole: Buffer | null): Promise<void> {
    const input = await this.openInput(src, whole);
    if (!input) return;
    let first = true;
    const bom = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        if (first) {
          first = false;
          cb(null, stripUtf8Bom(chunk));
        } else cb(null, chunk);
      },
    });
    let count = 0;
    let storeError: unknown = null;
    // Items are handled in 'data' (flowing mode, synchronous handler) rather than with for-await: when the
    // parser fails on a truncated file, pipeline() destroys the streams and anything still buffered would be
    // lost; in flowing mode every item parsed before the break has already been handled.
    const error = await new Promise<Error | null>((resolve) => {
      const tail = pipeline(
        input,
        bom,
        Parser.parser({ streamValues: false }),
        Pick.pick({ filter: 'questionsEcrites.question' }),
        StreamArray.streamArray(),
        (err) => resolve(err ?? null),
      );
      tail.on('data', (item: { key: number; value: unknown }) => {
        if (storeError) return;
        count++;
        try {
          this.addQuestion(
            parseOpenDataQuestion(item.value, src.name),
            `${src.name}#${item.key + 1}`,
            'question invalide',
          );
        } catch (err) {
          storeError = err;
          tail.destroy(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    input.destroy();
    if (storeError) throw storeError;
    if (error) {
      this.tally.reject(
        src.name,
        'JSON invalide ou tronqué',
        `arrêt après ${count} question${count > 1 ? 's' : ''} : ${message(error)}`,
      );
    } else if (count === 0) this.tally.ignored++;
  }

  /**
   * The Sénat's questions dump (a PostgreSQL plain dump), streamed through the staging reader (readSenatDump.ts):
   * written questions of the chosen legislatures (`senatLegislatures`), joined with their answers and labels.
   */
  private async streamSenatDump(src: ByteSource, whole: Buffer | null): Promise<void> {
    const input = await this.openInput(src, whole);
    if (!input) return;
    try {
      const counts = await readSenatDump(input, {
        file: src.name,
        tempDir: this.cacheDir,
        legislatures: this.opts.senatLegislatures ?? null,
        onQuestion: (r, label) => this.addQuestion(r, label, 'question du Sénat invalide'),
        onBad: (label, reason) => this.tally.reject(label, 'ligne du dump du Sénat illisible', reason),
      });
      this.tally.ignored += counts.notWritten + counts.otherLegislatures;
      this.log(
        `${src.name} : ${counts.questions} questions écrites du Sénat, ${counts.answers} réponses ; ignorées : ` +
          `${counts.notWritten} d’une autre nature (orales…), ${counts.otherLegislatures} d’autres législatures`,
      );
    } finally {
      input.destroy();
    }
  }

  private async processZip(file: string, name: string): Promise<void> {
    let zip;
    try {
      zip = await openZip(file);
    } catch (err) {
      this.tally.reject(name, 'archive zip illisible', message(err));
      return;
    }
    try {
      for await (const entry of zipEntries(zip)) {
        if (entry.fileName.endsWith('/')) continue;
        const base = path.posix.basename(entry.fileName);
        if (base.startsWith('.') || entry.fileName.startsWith('__MACOSX/')) continue;
        const entryName = `${name}!${entry.fileName}`;
        try {
          await this.processSource(zipEntrySource(zip, entry, entryName));
        } catch (err) {
          if (err instanceof StoreWriteError) throw err;
          this.tally.reject(entryName, 'entrée d’archive illisible', message(err));
        }
      }
    } catch (err) {
      if (err instanceof StoreWriteError) throw err;
      this.tally.reject(name, 'archive zip corrompue', message(err));
    } finally {
      zip.close();
    }
  }

  private async processUrl(url: string): Promise<InputReport> {
    const prev = this.store.getSource(url);
    const fail = (category: string, detail: string): InputReport => {
      this.tally.reject(url, category, detail);
      return { input: url, status: 'error', message: `${category} : ${detail}`, records: 0 };
    };
    const got = await download({
      url,
      cacheDir: this.cacheDir,
      previous: prev,
      fetch: this.fetchImpl,
      onProgress: (received, total) => {
        this.progress.download(url, received, total);
        this.opts.onDownloadProgress?.(url, received, total);
      },
      ...(this.opts.opsLog ? { log: this.opts.opsLog } : {}),
    });
    if (got.status === 'not-modified') {
      this.log(`${url} : inchangé (304)`);
      return { input: url, status: 'unchanged', message: 'inchangé (304 Not Modified)', records: 0 };
    }
    if (got.status === 'failed') return fail(got.category, got.detail);
    const transfer = { bytes: got.bytes, ms: got.ms, resumedFrom: got.resumedFrom };
    const state = { url, etag: got.etag, lastModified: got.lastModified, sha256: got.sha256, fetchedAt: this.seenAt };
    try {
      if (prev?.sha256 === got.sha256) {
        this.store.setSource(state);
        this.log(`${url} : inchangé (contenu identique)`);
        return {
          input: url,
          status: 'unchanged',
          message: 'inchangé (contenu identique)',
          records: 0,
          download: transfer,
        };
      }
      const before = this.tally.records;
      const ignoredBefore = this.tally.ignored;
      const rejectedBefore = this.tally.rejected.length;
      await this.processSource(await fileSource(got.file, url));
      this.writer.flush();
      const records = this.tally.records - before;
      if (records > 0) this.store.setSource(state);
      return {
        ...this.tally.report(url, records, this.tally.ignored - ignoredBefore, rejectedBefore, 1),
        download: transfer,
      };
    } finally {
      await unlink(got.file).catch(() => {});
    }
  }

  // ---- records -----------------------------------------------------------------------------------------------

  private addQuestion(r: ParseResult<Question>, label: string, category: string): void {
    if (!r.ok) {
      this.tally.reject(label, category, r.reason);
      return;
    }
    const q = r.value;
    const ref = parseUid(q.uid);
    if (
      !ref ||
      ref.chamber !== q.chamber ||
      ref.legislature !== q.legislature ||
      ref.number !== q.number ||
      ref.type !== q.type
    ) {
      this.tally.reject(label, 'identifiant incohérent', q.uid);
      return;
    }
    this.tally.records++;
    this.tally.q.read++;
    this.progress.tick(this.tally.records, label);
    this.writer.addQuestion(q);
  }

  private addActeur(r: ParseResult<Acteur>, label: string): void {
    if (!r.ok) {
      this.tally.reject(label, 'député invalide', r.reason);
      return;
    }
    this.tally.records++;
    this.tally.a.read++;
    this.progress.tick(this.tally.records, label);
    this.writer.addActeur(r.value);
  }
}
