import type Database from 'better-sqlite3';
import { applyActeur } from '../corpus/parse/parseActeur';
import {
  type Acteur,
  type Chamber,
  type Question,
  type QuestionStatus,
  type QuestionType,
  questionHead,
  withChamber,
} from '../corpus/types';
import { detectChanges } from './detectChanges';
import { contentHash, questionHash } from './questionHash';
import type { CorpusStats, EventKind, QuestionEvent, UpsertOptions, UpsertOutcome } from './types';

/** Conditional-GET state of a downloaded URL (table `sources`). */
export interface SourceState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  sha256: string | null;
  fetchedAt: string;
}

interface QuestionRow {
  record: string;
  content_hash: string;
}

interface EventRow {
  id: number;
  uid: string;
  kind: EventKind;
  seen_at: string;
  baseline: number;
  detail: string;
}

/** A stored record as a Question (records written before the Sénat arrived lack `chamber`). */
function parseRecord(record: string): Question {
  return withChamber(JSON.parse(record) as Question);
}

/** Values of the indexed columns, derived from the record (the record stays the source of truth). */
function columnsOf(q: Question, hash: string, seenAt: string) {
  return {
    ...questionHead(q),
    question_date: q.question?.joDate ?? null,
    answer_date: q.answer?.joDate ?? null,
    acteur_ref: q.author.acteurRef,
    mandat_ref: q.author.mandatRef,
    author_name: q.author.name,
    group_name: q.author.group?.name ?? null,
    group_abbrev: q.author.group?.abbrev ?? null,
    department: q.author.department,
    ministry_asked: q.ministryAsked?.name ?? null,
    ministry_assigned: q.ministryAssigned?.name ?? null,
    rubrique: q.rubrique,
    source_format: q.source.format,
    content_hash: hash,
    record: JSON.stringify(q),
    seen_at: seenAt,
  };
}

/**
 * The corpus database. Synchronous (better-sqlite3); every write method is one transaction.
 * `db` is exposed so that other domains (digests, insights, bot) run their own SQL on their own tables.
 * Do not write through this connection while an `iterateQuestions()` iterator is open (better-sqlite3 rule).
 */
export class QuestionStore {
  /** Acteurs by uid, loaded lazily; cleared by upsertActeurs. */
  private acteurCache = new Map<string, Acteur | null>();

  constructor(
    readonly db: Database.Database,
    readonly path: string,
  ) {}

  // ---- questions -------------------------------------------------------------------------------------------

  /**
   * Inserts or updates questions by uid, in one transaction, and records the events of what changed
   * (see detectChanges). A question equal to the stored one, `source` aside, is 'unchanged' and touches nothing.
   * Known acteurs are applied to incoming questions first (names, department, circonscription).
   *
   * Baseline (events never posted in digests), in order of precedence:
   * - `opts.baseline` given: applies to every event of the call;
   * - `opts.baselineLegislatures` given: events of questions of those legislatures are baseline (the ingest
   *   decides once per run, see ingest.ts);
   * - neither: a legislature with no question at all in the store before this call is baseline.
   */
  upsertQuestions(qs: readonly Question[], opts: UpsertOptions): UpsertOutcome[] {
    const select = this.db.prepare<[string], QuestionRow>('SELECT record, content_hash FROM questions WHERE uid = ?');
    const upsert = this.db.prepare(`
      INSERT INTO questions (uid, chamber, legislature, number, type, status, question_date, answer_date, acteur_ref,
        mandat_ref, author_name, group_name, group_abbrev, department, ministry_asked, ministry_assigned, rubrique,
        source_format, content_hash, record, first_seen_at, updated_at, revision)
      VALUES (@uid, @chamber, @legislature, @number, @type, @status, @question_date, @answer_date, @acteur_ref,
        @mandat_ref, @author_name, @group_name, @group_abbrev, @department, @ministry_asked, @ministry_assigned,
        @rubrique, @source_format, @content_hash, @record, @seen_at, @seen_at, @revision)
      ON CONFLICT (uid) DO UPDATE SET
        chamber = excluded.chamber, legislature = excluded.legislature, number = excluded.number, type = excluded.type,
        status = excluded.status, question_date = excluded.question_date, answer_date = excluded.answer_date,
        acteur_ref = excluded.acteur_ref, mandat_ref = excluded.mandat_ref, author_name = excluded.author_name,
        group_name = excluded.group_name, group_abbrev = excluded.group_abbrev, department = excluded.department,
        ministry_asked = excluded.ministry_asked, ministry_assigned = excluded.ministry_assigned,
        rubrique = excluded.rubrique, source_format = excluded.source_format,
        content_hash = excluded.content_hash, record = excluded.record, updated_at = excluded.updated_at,
        revision = excluded.revision`);
    const insertEvent = this.db.prepare(
      'INSERT INTO events (uid, kind, seen_at, baseline, detail) VALUES (?, ?, ?, ?, ?)',
    );

    // First, without any lock (a WAL read): tell the unchanged questions apart. A daily refresh re-reads a whole
    // archive of which a few dozen questions changed; its batches then never take the write lock, and the bot's own
    // writes never wait for them.
    const selectHash = this.db.prepare<[string], { content_hash: string }>(
      'SELECT content_hash FROM questions WHERE uid = ?',
    );
    const prepared = qs.map((incoming) => {
      const q = this.withKnownActeur(incoming);
      return { q, hash: questionHash(q) };
    });
    const outcomes: UpsertOutcome[] = prepared.map(({ q }) => ({ uid: q.uid, status: 'unchanged', events: [] }));
    const todo = prepared.flatMap((p, i) => (selectHash.get(p.q.uid)?.content_hash === p.hash ? [] : [i]));
    if (todo.length === 0) return outcomes;

    const run = this.db.transaction(() => {
      let isBaseline: (legislature: number) => boolean;
      if (opts.baseline !== undefined) {
        const forced = opts.baseline;
        isBaseline = () => forced;
      } else if (opts.baselineLegislatures) {
        const set = new Set(opts.baselineLegislatures);
        isBaseline = (l) => set.has(l);
      } else {
        const present = new Set(this.legislatures());
        isBaseline = (l) => !present.has(l);
      }

      const revision = this.revisionCounter() + 1;
      let changed = false;
      for (const i of todo) {
        const { q, hash } = prepared[i]!;
        const row = select.get(q.uid); // again, under the lock: another writer may have stored it meanwhile
        if (row && row.content_hash === hash) continue;
        const before = row ? parseRecord(row.record) : null;
        const events = detectChanges(before, q);
        upsert.run({ ...columnsOf(q, hash, opts.seenAt), revision });
        const baseline = isBaseline(q.legislature) ? 1 : 0;
        for (const e of events) insertEvent.run(q.uid, e.kind, opts.seenAt, baseline, JSON.stringify(e.detail));
        const named = before !== null && before.author.name === null && q.author.name !== null;
        outcomes[i] = {
          uid: q.uid,
          status: row ? 'updated' : 'new',
          events: events.map((e) => e.kind),
          ...(named ? { named } : {}),
        };
        changed = true;
      }
      if (changed) this.bumpRevision();
    });
    // IMMEDIATE: take the write lock first (waiting for it with the busy timeout). A deferred transaction that read
    // first fails at once with "database is locked" when another connection (the bot, while a refresh child writes)
    // committed in between: its read snapshot cannot be upgraded.
    run.immediate();
    return outcomes;
  }

  getQuestion(uid: string): Question | null {
    const row = this.db.prepare<[string], { record: string }>('SELECT record FROM questions WHERE uid = ?').get(uid);
    return row ? parseRecord(row.record) : null;
  }

  findQuestion(
    legislature: number,
    number: number,
    type: QuestionType = 'QE',
    chamber: Chamber = 'an',
  ): Question | null {
    const row = this.db
      .prepare<[string, number, number, string], { record: string }>(
        'SELECT record FROM questions WHERE chamber = ? AND legislature = ? AND number = ? AND type = ?',
      )
      .get(chamber, legislature, number, type);
    return row ? parseRecord(row.record) : null;
  }

  /**
   * Every question of one chamber (the Assemblée unless said) with this number, optionally of one legislature and
   * one type (uid, legislature, type only), newest legislature first, then QE, QG, QOSD.
   */
  findByNumber(
    number: number,
    opts: { legislature?: number | null; type?: QuestionType | null; chamber?: Chamber } = {},
  ): Array<{ uid: string; legislature: number; type: QuestionType }> {
    const rows = this.db
      .prepare<[number, string], { uid: string; legislature: number; type: QuestionType }>(
        'SELECT uid, legislature, type FROM questions WHERE number = ? AND chamber = ?',
      )
      .all(number, opts.chamber ?? 'an')
      .filter(
        (r) =>
          (opts.legislature == null || r.legislature === opts.legislature) &&
          (opts.type == null || r.type === opts.type),
      );
    const order: readonly string[] = ['QE', 'QG', 'QOSD'];
    return rows.sort((a, b) => b.legislature - a.legislature || order.indexOf(a.type) - order.indexOf(b.type));
  }

  /** Questions in the order of `uids`; unknown uids are skipped. */
  getQuestions(uids: readonly string[]): Question[] {
    if (uids.length === 0) return [];
    const byUid = new Map<string, Question>();
    for (const chunk of chunks(uids, 500)) {
      const rows = this.db
        .prepare<string[], { record: string }>(
          `SELECT record FROM questions WHERE uid IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk);
      for (const r of rows) {
        const q = parseRecord(r.record);
        byUid.set(q.uid, q);
      }
    }
    const out: Question[] = [];
    for (const uid of uids) {
      const q = byUid.get(uid);
      if (q) out.push(q);
    }
    return out;
  }

  /** Plain question and answer texts, without parsing whole records; unknown uids are absent from the map. */
  getTexts(uids: readonly string[]): Map<string, { question: string | null; answer: string | null }> {
    const out = new Map<string, { question: string | null; answer: string | null }>();
    for (const chunk of chunks(uids, 500)) {
      const rows = this.db
        .prepare<string[], { uid: string; question: string | null; answer: string | null }>(
          `SELECT uid, json_extract(record, '$.question.text') AS question,
                  json_extract(record, '$.answer.text') AS answer
           FROM questions WHERE uid IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk);
      for (const r of rows) out.set(r.uid, { question: r.question, answer: r.answer });
    }
    return out;
  }

  /** Streams every question (one row at a time: fit for 100,000+ records). */
  *iterateQuestions(): IterableIterator<Question> {
    const stmt = this.db.prepare<[], { record: string }>('SELECT record FROM questions ORDER BY rowid');
    for (const row of stmt.iterate()) yield parseRecord(row.record);
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM questions').get()?.n ?? 0;
  }

  /** Legislatures holding at least one question. */
  legislatures(): number[] {
    return this.db
      .prepare<[], { legislature: number }>('SELECT DISTINCT legislature FROM questions ORDER BY legislature')
      .all()
      .map((r) => r.legislature);
  }

  /**
   * Legislatures holding at least one question read from the chamber's official data (not only seed pages): the
   * Assemblée's open data, or the Sénat's dump.
   */
  legislaturesWithOpenData(chamber: Chamber = 'an'): number[] {
    return this.db
      .prepare<[string], { legislature: number }>(
        'SELECT DISTINCT legislature FROM questions WHERE source_format = ? ORDER BY legislature',
      )
      .all(chamber === 'senat' ? 'senat-dump' : 'opendata-json')
      .map((r) => r.legislature);
  }

  stats(): CorpusStats {
    const total = this.count();
    const byLegislature = this.db
      .prepare<[], { legislature: number; count: number }>(
        'SELECT legislature, count(*) AS count FROM questions GROUP BY legislature ORDER BY legislature',
      )
      .all();
    const byType = this.db
      .prepare<[], { type: QuestionType; count: number }>(
        'SELECT type, count(*) AS count FROM questions GROUP BY type ORDER BY count DESC, type',
      )
      .all();
    const byStatus = this.db
      .prepare<[], { status: QuestionStatus; count: number }>(
        'SELECT status, count(*) AS count FROM questions GROUP BY status ORDER BY count DESC, status',
      )
      .all();
    const byLegislatureAndStatus = this.db
      .prepare<[], { legislature: number; status: QuestionStatus; count: number }>(
        `SELECT legislature, status, count(*) AS count FROM questions
         GROUP BY legislature, status ORDER BY legislature, status`,
      )
      .all();
    const byChamberLegislatureAndStatus = this.db
      .prepare<[], { chamber: Chamber; legislature: number; status: QuestionStatus; count: number }>(
        `SELECT chamber, legislature, status, count(*) AS count FROM questions
         GROUP BY chamber, legislature, status ORDER BY chamber, legislature, status`,
      )
      .all();
    const newest = this.db.prepare<[], { d: string | null }>('SELECT max(question_date) AS d FROM questions').get();
    return {
      total,
      byLegislature,
      byType,
      byStatus,
      byLegislatureAndStatus,
      byChamberLegislatureAndStatus,
      newestQuestionDate: newest?.d ?? null,
      lastIngestAt: this.getMeta('last_ingest_at'),
    };
  }

  // ---- events ----------------------------------------------------------------------------------------------

  /** Events with id > afterId, oldest first (the digest cursor). */
  eventsSince(afterId: number, limit = 1000): QuestionEvent[] {
    return this.db
      .prepare<[number, number], EventRow>(
        'SELECT id, uid, kind, seen_at, baseline, detail FROM events WHERE id > ? ORDER BY id LIMIT ?',
      )
      .all(afterId, limit)
      .map((r) => ({
        id: r.id,
        uid: r.uid,
        kind: r.kind,
        seenAt: r.seen_at,
        baseline: r.baseline === 1,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
  }

  /** Highest event id, 0 when there is none. */
  maxEventId(): number {
    return this.db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events').get()?.id ?? 0;
  }

  // ---- acteurs ---------------------------------------------------------------------------------------------

  /**
   * Inserts or updates deputies, then back-fills the stored questions whose author.acteurRef is one of them
   * (applyActeur: name, department, circonscription), without producing events. One transaction.
   * Returns how many acteurs were new or changed; `tally`, when given, is added the questions rewritten by the
   * back-fill and, among them, those that had no author name before.
   */
  upsertActeurs(
    as: readonly Acteur[],
    seenAt: string = new Date().toISOString(),
    tally?: { questionsUpdated: number; questionsNamed: number },
  ): number {
    const select = this.db.prepare<[string], { content_hash: string }>(
      'SELECT content_hash FROM acteurs WHERE uid = ?',
    );
    const upsert = this.db.prepare(`
      INSERT INTO acteurs (uid, full_name, content_hash, record, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (uid) DO UPDATE SET full_name = excluded.full_name, content_hash = excluded.content_hash,
        record = excluded.record, updated_at = excluded.updated_at`);
    const questionsOf = this.db.prepare<
      [string],
      { uid: string; record: string; content_hash: string; author_name: string | null }
    >('SELECT uid, record, content_hash, author_name FROM questions WHERE acteur_ref = ?');
    const updateQuestion = this.db.prepare(`
      UPDATE questions SET author_name = @author_name, department = @department, content_hash = @content_hash,
        record = @record, updated_at = @seen_at, revision = @revision
      WHERE uid = @uid`);

    const run = this.db.transaction((batch: readonly Acteur[]) => {
      let changedActeurs = 0;
      let changedQuestions = 0;
      let namedQuestions = 0;
      const revision = this.revisionCounter() + 1;
      for (const a of batch) {
        const hash = contentHash(a);
        if (select.get(a.uid)?.content_hash === hash) continue;
        const fullName = [a.firstName, a.lastName].filter(Boolean).join(' ') || null;
        upsert.run(a.uid, fullName, hash, JSON.stringify(a), seenAt);
        this.acteurCache.set(a.uid, a);
        changedActeurs++;
        for (const row of questionsOf.all(a.uid)) {
          const q = applyActeur(parseRecord(row.record), a);
          const qHash = questionHash(q);
          if (qHash === row.content_hash) continue;
          const cols = columnsOf(q, qHash, seenAt);
          updateQuestion.run({
            uid: cols.uid,
            author_name: cols.author_name,
            department: cols.department,
            content_hash: cols.content_hash,
            record: cols.record,
            seen_at: seenAt,
            revision,
          });
          changedQuestions++;
          if (row.author_name === null && cols.author_name !== null) namedQuestions++;
        }
      }
      if (changedQuestions > 0) this.bumpRevision();
      if (tally) {
        tally.questionsUpdated += changedQuestions;
        tally.questionsNamed += namedQuestions;
      }
      return changedActeurs;
    });
    try {
      return run.immediate(as); // see upsertQuestions
    } catch (err) {
      this.acteurCache.clear(); // rolled back: the cache may hold acteurs that are not stored
      throw err;
    }
  }

  getActeur(uid: string): Acteur | null {
    if (this.acteurCache.has(uid)) return this.acteurCache.get(uid) ?? null;
    const row = this.db.prepare<[string], { record: string }>('SELECT record FROM acteurs WHERE uid = ?').get(uid);
    const a = row ? (JSON.parse(row.record) as Acteur) : null;
    this.acteurCache.set(uid, a);
    return a;
  }

  /** Questions whose author is known only by reference (no deputy record yet), and how many deputies that is. */
  unnamedAuthors(): { questions: number; deputies: number } {
    const r = this.db
      .prepare<[], { questions: number; deputies: number }>(
        `SELECT count(*) AS questions, count(DISTINCT acteur_ref) AS deputies FROM questions
         WHERE author_name IS NULL AND acteur_ref IS NOT NULL`,
      )
      .get();
    return { questions: r?.questions ?? 0, deputies: r?.deputies ?? 0 };
  }

  countActeurs(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM acteurs').get()?.n ?? 0;
  }

  private withKnownActeur(q: Question): Question {
    const ref = q.author.acteurRef;
    if (!ref) return q;
    const a = this.getActeur(ref);
    return a ? applyActeur(q, a) : q;
  }

  // ---- sources (conditional GET) ---------------------------------------------------------------------------

  getSource(url: string): SourceState | null {
    const row = this.db
      .prepare<
        [string],
        { url: string; etag: string | null; last_modified: string | null; sha256: string | null; fetched_at: string }
      >('SELECT url, etag, last_modified, sha256, fetched_at FROM sources WHERE url = ?')
      .get(url);
    return row
      ? { url: row.url, etag: row.etag, lastModified: row.last_modified, sha256: row.sha256, fetchedAt: row.fetched_at }
      : null;
  }

  setSource(s: SourceState): void {
    this.db
      .prepare(
        `INSERT INTO sources (url, etag, last_modified, sha256, fetched_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           sha256 = excluded.sha256, fetched_at = excluded.fetched_at`,
      )
      .run(s.url, s.etag, s.lastModified, s.sha256, s.fetchedAt);
  }

  // ---- meta ------------------------------------------------------------------------------------------------

  getMeta(key: string): string | null {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  deleteMeta(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }

  /**
   * Fingerprint of the question content: changes whenever any question is inserted or changed (including an
   * acteur back-fill), never repeats across databases. Used to know whether a saved search index is current.
   */
  revision(): string {
    return `${this.getMeta('store_id') ?? 'store'}-${this.revisionCounter()}`;
  }

  /**
   * The questions written after `revision` (a value of `revision()` of this same database), in pages of
   * `pageSize`; null when `revision` belongs to another database (or is not a revision): the caller must start
   * over. Each page is read whole, so the connection may be written between pages.
   */
  questionsChangedSince(revision: string, pageSize = 500): { count: number; pages: Generator<Question[]> } | null {
    const since = this.counterOf(revision);
    if (since === null) return null;
    const count = this.db
      .prepare<[number], { n: number }>('SELECT count(*) AS n FROM questions WHERE revision > ?')
      .get(since)!.n;
    const page = this.db.prepare<[number, number, number], { rowid: number; record: string }>(
      'SELECT rowid, record FROM questions WHERE revision > ? AND rowid > ? ORDER BY rowid LIMIT ?',
    );
    function* pages(): Generator<Question[]> {
      let after = 0;
      for (;;) {
        const rows = page.all(since!, after, pageSize);
        if (!rows.length) return;
        after = rows[rows.length - 1]!.rowid;
        yield rows.map((r) => parseRecord(r.record));
      }
    }
    return { count, pages: pages() };
  }

  private revisionCounter(): number {
    return Number(this.getMeta('revision_counter') ?? '0');
  }

  /**
   * The counter of a revision of this database (each question row carries the counter that wrote it, in its
   * `revision` column), or null for a revision of another database. The search's workers read the rows between
   * two counters themselves.
   */
  revisionNumber(revision: string): number | null {
    return this.counterOf(revision);
  }

  /** The counter of a revision of this database, or null. */
  private counterOf(revision: string): number | null {
    const prefix = `${this.getMeta('store_id') ?? 'store'}-`;
    if (!revision.startsWith(prefix)) return null;
    const n = Number(revision.slice(prefix.length));
    return Number.isInteger(n) && n >= 0 && n <= this.revisionCounter() ? n : null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private bumpRevision(): void {
    this.db
      .prepare("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision_counter'")
      .run();
  }
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
