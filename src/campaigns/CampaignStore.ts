/**
 * Campaigns in the database (migration 060): the full pass, the incremental pass after an ingest, and the reads the
 * commands need. Runs where the questions are written (the ingest child process, `npm run ingest`, `corpus
 * officiel`), never on the bot's thread: the bot only reads.
 *
 * Incremental: the questions written since the last pass (`meta.campaigns_revision`, the store's revision counter)
 * look their candidates up in `campaign_bands` (their LSH keys), check each by the exact Jaccard of the texts, and
 * join (or merge) the campaigns found; only the touched campaigns' summaries are recomputed. A question whose text
 * changed keeps its old band keys beside the new ones (a candidate is always checked on the current texts).
 */
import { questionSubject } from '../format/french';
import type { QuestionStore } from '../store/QuestionStore';
import { foldKey } from '../text/fold';
import { isStopWord } from '../search/analyzeFrench';
import { openingOf, withoutCivilityDots } from '../search/rerank';
import { answerKey, BUCKET_SCAN, eligible, groupCampaigns, maybeSame, sameText } from './detect';
import { campaignWords } from './normalize';
import { bandKeys, minhash, shingles } from './signature';

const REVISION_KEY = 'campaigns_revision';

interface SourceRow {
  qrow: number;
  uid: string;
  text: string | null;
  author_name: string | null;
  department: string | null;
  answer: string | null;
}

const SOURCE_COLUMNS = `rowid AS qrow, uid, json_extract(record, '$.question.text') AS text, author_name, department,
  json_extract(record, '$.answer.text') AS answer`;

function setOf(r: SourceRow): Uint32Array {
  return r.text
    ? shingles(campaignWords({ text: r.text, authorName: r.author_name, department: r.department }))
    : EMPTY;
}
const EMPTY = new Uint32Array(0);

export interface CampaignPassReport {
  mode: 'full' | 'incremental';
  /** Questions read. */
  questions: number;
  /** Campaigns in the database after the pass. */
  campaigns: number;
  /** Questions in a campaign after the pass. */
  members: number;
  durationMs: number;
}

/** A campaign as listed and shown. */
export interface CampaignSummary {
  id: number;
  size: number;
  firstDate: string | null;
  lastDate: string | null;
  authors: number;
  groups: number;
  ministry: string | null;
  answered: number;
  chambers: string[];
  legislatures: number[];
  commonAnswer: number;
  subject: string;
}

interface CampaignRow {
  id: number;
  size: number;
  first_date: string | null;
  last_date: string | null;
  authors: number;
  groups: number;
  ministry: string | null;
  answered: number;
  chambers: string;
  legislatures: string;
  common_answer: number;
  subject: string;
}

function toSummary(r: CampaignRow): CampaignSummary {
  return {
    id: r.id,
    size: r.size,
    firstDate: r.first_date,
    lastDate: r.last_date,
    authors: r.authors,
    groups: r.groups,
    ministry: r.ministry,
    answered: r.answered,
    chambers: r.chambers.split(',').filter(Boolean).sort(),
    legislatures: r.legislatures
      .split(',')
      .filter(Boolean)
      .map(Number)
      .sort((a, b) => a - b),
    commonAnswer: r.common_answer,
    subject: r.subject,
  };
}

/** Filters of the campaigns' list; dates are ISO days, on the campaign's period. */
export interface CampaignFilters {
  text?: string;
  legislature?: number;
  since?: string;
  until?: string;
  limit?: number;
}

/** What a question's card and JSON say about its campaign and its answer. */
export interface QuestionCampaign {
  campaign: CampaignSummary | null;
  /** Questions (itself included) whose published answer is the same text; 0 without a long enough answer. */
  commonAnswer: number;
}

export class CampaignStore {
  constructor(private readonly store: QuestionStore) {}

  private get db() {
    return this.store.db;
  }

  /** Whether a pass was ever made on this database. */
  computed(): boolean {
    return this.store.getMeta(REVISION_KEY) !== null;
  }

  /** The incremental pass, or the full pass when none was made yet. */
  update(): CampaignPassReport {
    const since = this.store.getMeta(REVISION_KEY);
    return since === null ? this.rebuild() : this.assignSince(Number(since));
  }

  /** Recomputes every campaign from the questions. */
  rebuild(): CampaignPassReport {
    const started = performance.now();
    const revision = this.revisionCounter();
    // Read in one pass, keeping only each question's shingles and answer key (not its texts).
    const rows: Array<{ qrow: number; uid: string; answerKey: string | null }> = [];
    const sets: Uint32Array[] = [];
    for (const r of this.db
      .prepare<[], SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM questions ORDER BY rowid`)
      .iterate()) {
      rows.push({ qrow: r.qrow, uid: r.uid, answerKey: answerKey(r.answer) });
      sets.push(setOf(r));
    }
    const grouping = groupCampaigns(sets);
    const insertQuestion = this.db.prepare(
      'INSERT INTO campaign_questions (qrow, uid, campaign_id, answer_key, signature, shingles) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertBand = this.db.prepare('INSERT OR IGNORE INTO campaign_bands (band_key, qrow) VALUES (?, ?)');
    const ids = new Set<number>();
    this.db
      .transaction(() => {
        this.db.exec('DELETE FROM campaign_questions; DELETE FROM campaign_bands; DELETE FROM campaigns;');
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!;
          const root = grouping.root[i]!;
          const id = root === -1 ? null : rows[root]!.qrow;
          if (id !== null) ids.add(id);
          const sig = grouping.sigs[i]!;
          insertQuestion.run(r.qrow, r.uid, id, r.answerKey, blobOf(sig), sig ? blobOf(sets[i]!) : null);
        }
        // The band keys in key order: appending to the b-tree instead of inserting at random places.
        for (const [key, qrow] of sortedBands(grouping.keys, rows)) insertBand.run(key, qrow);
        this.summarise([...ids]);
        this.store.setMeta(REVISION_KEY, String(revision));
      })
      .immediate();
    return this.report('full', rows.length, started);
  }

  private assignSince(since: number): CampaignPassReport {
    const started = performance.now();
    const revision = this.revisionCounter();
    // Through the revision index, then in rowid order (an ORDER BY rowid makes SQLite scan the whole table: 0.5 s at
    // 180,000 questions, half the pass).
    const rows = this.db
      .prepare<[number], SourceRow>(
        `SELECT ${SOURCE_COLUMNS} FROM questions INDEXED BY questions_revision WHERE revision > ?`,
      )
      .all(since)
      .sort((a, b) => a.qrow - b.qrow);
    // The batch's signatures first, then its candidates in two queries (not 21 lookups per question).
    const prepared = rows.map((r) => {
      const set = setOf(r);
      const sig = eligible(set) ? minhash(set) : null;
      return { set, sig, keys: sig ? bandKeys(sig) : [] };
    });
    const known = this.batchCandidates(
      rows.map((r) => r.qrow),
      prepared.flatMap((p) => p.keys),
    );
    const shinglesOf = this.db.prepare<[number], { shingles: Buffer | null }>(
      'SELECT shingles FROM campaign_questions WHERE qrow = ?',
    );
    const upsertQuestion = this.db.prepare(
      `INSERT INTO campaign_questions (qrow, uid, campaign_id, answer_key, signature, shingles)
       VALUES (?, ?, NULL, ?, ?, ?)
       ON CONFLICT (qrow) DO UPDATE SET answer_key = excluded.answer_key, signature = excluded.signature,
         shingles = excluded.shingles`,
    );
    const moveCampaign = this.db.prepare('UPDATE campaign_questions SET campaign_id = ? WHERE campaign_id = ?');
    const setCampaign = this.db.prepare('UPDATE campaign_questions SET campaign_id = ? WHERE qrow = ?');
    const dropCampaign = this.db.prepare('DELETE FROM campaigns WHERE id = ?');
    const insertBand = this.db.prepare('INSERT OR IGNORE INTO campaign_bands (band_key, qrow) VALUES (?, ?)');
    const touched = new Set<number>();
    const newBands: Array<[number, number]> = [];
    this.db
      .transaction(() => {
        rows.forEach((r, i) => {
          const { set, sig, keys } = prepared[i]!;
          upsertQuestion.run(r.qrow, r.uid, answerKey(r.answer), blobOf(sig), sig ? blobOf(set) : null);
          const joined = new Set<number>(); // campaign ids, or the qrow of a question in none
          if (sig) {
            const seen = new Set<number>([r.qrow]);
            for (const qrow of keys.flatMap((key) => known.bucket(key))) {
              if (seen.has(qrow)) continue;
              seen.add(qrow);
              const campaignId = known.campaignOf(qrow);
              // Already joined through another member, or far by its signature: nothing to check.
              if (campaignId !== null && joined.has(campaignId)) continue;
              const signature = known.signatureOf(qrow);
              if (!signature || !maybeSame(sig, signature)) continue;
              const other = shinglesOf.get(qrow)?.shingles;
              if (!other || !sameText(set, u32Of(other))) continue;
              joined.add(campaignId ?? qrow);
            }
          }
          const current = known.campaignOf(r.qrow);
          if (joined.size) {
            if (current !== null) joined.add(current);
            const target = Math.min(r.qrow, ...joined);
            for (const id of joined) {
              if (id === target) continue;
              moveCampaign.run(target, id);
              setCampaign.run(target, id); // a question in none is named by its own qrow
              known.moved(id, target);
              dropCampaign.run(id);
              touched.delete(id);
            }
            // The target may be a question in none until now (an older one, or one earlier in this batch): it names
            // the campaign, so it is its first member.
            setCampaign.run(target, target);
            known.assigned(target, target);
            setCampaign.run(target, r.qrow);
            known.assigned(r.qrow, target);
            touched.add(target);
          } else if (current !== null) {
            touched.add(current); // still in it (its text changed but stays close to no one: kept, not split)
          }
          known.added(r.qrow, sig, keys);
          for (const key of keys) newBands.push([key, r.qrow]);
        });
        // Written after the batch (its questions see each other's keys through `known`), in key order: appending
        // to neighbouring b-tree pages instead of 21 random places per question.
        newBands.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        for (const [key, qrow] of newBands) insertBand.run(key, qrow);
        this.summarise([...touched]);
        this.store.setMeta(REVISION_KEY, String(revision));
      })
      .immediate();
    return this.report('incremental', rows.length, started);
  }

  /**
   * What the incremental pass needs to know of the database for one batch, read in two queries before it writes:
   * each band key's latest BUCKET_SCAN questions (with their signatures and campaigns) and the batch's own campaigns.
   * The pass then keeps it current in memory (its own band keys, signatures and campaign moves), so that every
   * question sees what the per-question lookups it replaces would have seen.
   */
  private batchCandidates(qrows: readonly number[], keys: readonly number[]): BatchCandidates {
    const fromDb = new Map<number, number[]>();
    const signatures = new Map<number, Uint32Array | null>();
    const campaigns = new Map<number, number | null>();
    const candidates = this.db.prepare<
      [string, number],
      { key: number; qrow: number; signature: Buffer | null; campaign_id: number | null }
    >(
      `SELECT j.value AS key, b.qrow, c.signature, c.campaign_id
       FROM json_each(?) j
       JOIN campaign_bands b ON b.band_key = j.value
       JOIN campaign_questions c ON c.qrow = b.qrow
       WHERE b.qrow >= coalesce((SELECT b2.qrow FROM campaign_bands b2 JOIN campaign_questions c2 ON c2.qrow = b2.qrow
         WHERE b2.band_key = j.value ORDER BY b2.qrow DESC LIMIT 1 OFFSET ?), 0)`,
    );
    // Distinct and in key order: neighbouring lookups read neighbouring pages.
    const sorted = [...new Set(keys)].sort((a, b) => a - b);
    for (const r of candidates.iterate(JSON.stringify(sorted), BUCKET_SCAN - 1)) {
      let bucket = fromDb.get(r.key);
      if (!bucket) fromDb.set(r.key, (bucket = []));
      bucket.push(r.qrow);
      signatures.set(r.qrow, r.signature ? u32Of(r.signature) : null);
      campaigns.set(r.qrow, r.campaign_id);
    }
    for (const r of this.db
      .prepare<[string], { qrow: number; campaign_id: number | null }>(
        'SELECT qrow, campaign_id FROM campaign_questions WHERE qrow IN (SELECT value FROM json_each(?))',
      )
      .iterate(JSON.stringify(qrows))) {
      campaigns.set(r.qrow, r.campaign_id);
    }
    const added = new Map<number, number[]>();
    const moves = new Map<number, number>(); // a dropped campaign id -> the one its members moved to
    return {
      bucket(key) {
        const all = [...new Set([...(fromDb.get(key) ?? []), ...(added.get(key) ?? [])])];
        return all.sort((a, b) => b - a).slice(0, BUCKET_SCAN);
      },
      signatureOf: (qrow) => signatures.get(qrow) ?? null,
      campaignOf(qrow) {
        let id = campaigns.get(qrow) ?? null;
        while (id !== null && moves.has(id)) id = moves.get(id)!;
        return id;
      },
      moved(id, target) {
        moves.set(id, target);
        campaigns.set(id, target);
      },
      assigned(qrow, target) {
        campaigns.set(qrow, target);
      },
      added(qrow, sig, keys) {
        signatures.set(qrow, sig);
        if (!campaigns.has(qrow)) campaigns.set(qrow, null);
        for (const key of keys) {
          let bucket = added.get(key);
          if (!bucket) added.set(key, (bucket = []));
          bucket.push(qrow);
        }
      },
    };
  }

  /** Rewrites the summary rows of these campaigns from their members. */
  private summarise(ids: readonly number[]): void {
    const summary = this.db.prepare<[number], Omit<CampaignRow, 'id' | 'common_answer' | 'subject'>>(
      `SELECT count(*) AS size, min(q.question_date) AS first_date, max(q.question_date) AS last_date,
         count(DISTINCT coalesce(q.acteur_ref, q.author_name)) AS authors, count(DISTINCT coalesce(q.group_abbrev, q.group_name)) AS groups,
         sum(q.status = 'answered') AS answered, group_concat(DISTINCT q.chamber) AS chambers,
         group_concat(DISTINCT q.legislature) AS legislatures
       FROM campaign_questions c JOIN questions q ON q.rowid = c.qrow WHERE c.campaign_id = ?`,
    );
    const ministry = this.db.prepare<[number], { ministry: string | null }>(
      `SELECT coalesce(q.ministry_assigned, q.ministry_asked) AS ministry FROM campaign_questions c
       JOIN questions q ON q.rowid = c.qrow WHERE c.campaign_id = ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const common = this.db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM campaign_questions WHERE campaign_id = ? AND answer_key IS NOT NULL
       GROUP BY answer_key ORDER BY n DESC LIMIT 1`,
    );
    const first = this.db.prepare<[number], { record: string }>('SELECT record FROM questions WHERE rowid = ?');
    const write = this.db.prepare(
      `INSERT OR REPLACE INTO campaigns (id, size, first_date, last_date, authors, groups, ministry, answered, chambers,
         legislatures, common_answer, subject, subject_key)
       VALUES (@id, @size, @first_date, @last_date, @authors, @groups, @ministry, @answered, @chambers, @legislatures,
         @common_answer, @subject, @subject_key)`,
    );
    const drop = this.db.prepare('DELETE FROM campaigns WHERE id = ?');
    for (const id of ids) {
      const s = summary.get(id);
      if (!s || s.size < 2) {
        drop.run(id);
        continue;
      }
      const rec = JSON.parse(first.get(id)?.record ?? '{}') as {
        question?: { text?: string } | null;
        rubrique?: string | null;
        teteAnalyse?: string | null;
        analyses?: string[];
      };
      const subject = subjectLine(rec.question?.text ?? '');
      const terms = questionSubject({
        rubrique: rec.rubrique ?? null,
        teteAnalyse: rec.teteAnalyse ?? null,
        analyses: rec.analyses ?? [],
      });
      write.run({
        id,
        ...s,
        ministry: ministry.get(id)?.ministry ?? null,
        common_answer: common.get(id)?.n ?? 0,
        subject,
        subject_key: foldKey(`${terms} ${subject}`),
      });
    }
  }

  // ---- reads (the bot, the CLI) --------------------------------------------------------------------------

  /** The largest campaigns, biggest first (then the most recent). */
  largest(f: CampaignFilters = {}): CampaignSummary[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (f.legislature !== undefined) {
      where.push("(',' || legislatures || ',') LIKE ?");
      params.push(`%,${f.legislature},%`);
    }
    if (f.since) {
      where.push('last_date >= ?');
      params.push(f.since);
    }
    if (f.until) {
      where.push('first_date <= ?');
      params.push(f.until);
    }
    for (const word of textWords(f.text ?? '')) {
      where.push('subject_key LIKE ?');
      params.push(`%${word}%`);
    }
    const sql = `SELECT * FROM campaigns ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY size DESC, last_date DESC, id LIMIT ?`;
    return this.db
      .prepare<Array<string | number>, CampaignRow>(sql)
      .all(...params, f.limit ?? 25)
      .map(toSummary);
  }

  get(id: number): CampaignSummary | null {
    const r = this.db.prepare<[number], CampaignRow>('SELECT * FROM campaigns WHERE id = ?').get(id);
    return r ? toSummary(r) : null;
  }

  /** The uids of a campaign's questions, oldest first. */
  members(id: number, limit = 5000): string[] {
    return this.db
      .prepare<[number, number], { uid: string }>(
        `SELECT c.uid FROM campaign_questions c JOIN questions q ON q.rowid = c.qrow WHERE c.campaign_id = ?
         ORDER BY q.question_date, c.qrow LIMIT ?`,
      )
      .all(id, limit)
      .map((r) => r.uid);
  }

  /** Of these questions, how many are in a campaign, and in how many campaigns (a deputy's, /depute). */
  shareOf(uids: readonly string[]): { questions: number; campaigns: number } {
    const ids = new Set<number>();
    let questions = 0;
    for (let i = 0; i < uids.length; i += 500) {
      const chunk = uids.slice(i, i + 500);
      const rows = this.db
        .prepare<string[], { campaign_id: number }>(
          `SELECT campaign_id FROM campaign_questions WHERE campaign_id IS NOT NULL
           AND uid IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk);
      questions += rows.length;
      for (const r of rows) ids.add(r.campaign_id);
    }
    return { questions, campaigns: ids.size };
  }

  /**
   * The uids of the questions that repeat a campaign's text after its first (campaign ids are their first
   * question's rowid): left out when a campaign counts once (/tendance campagnes:true, as /palmares does in SQL).
   */
  repeats(): Set<string> {
    return new Set(
      this.db
        .prepare<[], { uid: string }>(
          'SELECT uid FROM campaign_questions WHERE campaign_id IS NOT NULL AND campaign_id <> qrow',
        )
        .pluck()
        .all() as unknown as string[],
    );
  }

  /** A question's campaign and how many questions share its answer. */
  ofQuestion(uid: string): QuestionCampaign {
    const row = this.db
      .prepare<[string], { campaign_id: number | null; answer_key: string | null }>(
        'SELECT campaign_id, answer_key FROM campaign_questions WHERE uid = ?',
      )
      .get(uid);
    if (!row) return { campaign: null, commonAnswer: 0 };
    const commonAnswer =
      row.answer_key === null
        ? 0
        : this.db
            .prepare<[string], { n: number }>('SELECT count(*) AS n FROM campaign_questions WHERE answer_key = ?')
            .get(row.answer_key)!.n;
    return {
      campaign: row.campaign_id === null ? null : this.get(row.campaign_id),
      commonAnswer: commonAnswer > 1 ? commonAnswer : 0,
    };
  }

  private revisionCounter(): number {
    return this.store.revisionNumber(this.store.revision()) ?? 0;
  }

  private report(mode: CampaignPassReport['mode'], questions: number, started: number): CampaignPassReport {
    const c = this.db
      .prepare<[], { campaigns: number; members: number }>(
        'SELECT count(*) AS campaigns, coalesce(sum(size), 0) AS members FROM campaigns',
      )
      .get()!;
    return { mode, questions, ...c, durationMs: Math.round(performance.now() - started) };
  }
}

/** The incremental pass's view of the candidates of one batch (CampaignStore.batchCandidates). */
interface BatchCandidates {
  /** A band key's latest questions (BUCKET_SCAN at most), newest first. */
  bucket(key: number): number[];
  signatureOf(qrow: number): Uint32Array | null;
  campaignOf(qrow: number): number | null;
  /** The members of campaign `id` (and the question `id`) moved to `target`. */
  moved(id: number, target: number): void;
  assigned(qrow: number, target: number): void;
  /** A question of the batch written: its signature and band keys. */
  added(qrow: number, sig: Uint32Array | null, keys: readonly number[]): void;
}

/** Every (band key, qrow) of a full pass, sorted by key. */
function* sortedBands(keys: readonly number[][], rows: ReadonlyArray<{ qrow: number }>): Generator<[number, number]> {
  let n = 0;
  for (const k of keys) n += k.length;
  const flatKeys = new Float64Array(n);
  const flatRows = new Float64Array(n);
  let at = 0;
  keys.forEach((k, i) => {
    for (const key of k) {
      flatKeys[at] = key;
      flatRows[at++] = rows[i]!.qrow;
    }
  });
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => flatKeys[a]! - flatKeys[b]! || flatRows[a]! - flatRows[b]!);
  for (let i = 0; i < n; i++) yield [flatKeys[order[i]!]!, flatRows[order[i]!]!];
}

function blobOf(sig: Uint32Array | null): Buffer | null {
  return sig ? Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength) : null;
}

function u32Of(blob: Buffer): Uint32Array {
  const copy = new Uint8Array(blob); // aligned
  return new Uint32Array(copy.buffer, 0, copy.byteLength >> 2);
}

/** The subject sentence of a text, as shown (« sur la fermeture des classes… »), at most 200 characters. */
function subjectLine(text: string): string {
  const { first, subjectStart } = openingOf(text);
  const s = withoutCivilityDots(first).slice(subjectStart).trim();
  return s.length > 200 ? `${s.slice(0, 199).trimEnd()}…` : s;
}

/** The words of a text filter, folded, 3 letters or more, a plural's final s dropped (« pesticides » ~ « pesticide »). */
function textWords(text: string): string[] {
  return foldKey(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !isStopWord(w))
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}
