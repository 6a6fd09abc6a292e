/**
 * SQL for the charts, the exports and the plain-French parser, on the store's `questions` table (indexed
 * columns; JSON only for the few export columns that live in the record). Results that scan the table are
 * cached per corpus revision.
 */
import type Database from 'better-sqlite3';
import type { Chamber, QuestionStatus, QuestionType } from '../corpus/types';
import { palmaresTally, type Palmares, type PalmaresFact } from './palmares';

/** One row of a CSV export (see src/export/questionsCsv.ts for the columns). */
export interface ExportRow {
  uid: string;
  chamber: Chamber;
  legislature: number;
  number: number;
  type: QuestionType;
  questionDate: string | null;
  author: string | null;
  group: string | null;
  department: string | null;
  rubrique: string | null;
  teteAnalyse: string | null;
  analyses: string[];
  ministryAsked: string | null;
  ministryAssigned: string | null;
  status: QuestionStatus;
  answerDate: string | null;
  url: string;
  /** Size of the question's campaign of identical questions (issue 21), null when in none. */
  campaignSize: number | null;
}

interface NamedCount {
  name: string;
  abbrev?: string | null;
  count: number;
}

export interface CorpusQueries {
  /**
   * The ranking of one chamber's written questions, or both chambers' (null). `campaignOnce`: a campaign of identical
   * questions (issue 21) counts once, by its first question.
   */
  palmares(
    legislature: number | null,
    today: string,
    chamber?: Chamber | null,
    opts?: { campaignOnce?: boolean },
  ): Palmares;
  /** Rows in the order of `uids` (unknown uids skipped). */
  exportRows(uids: readonly string[]): ExportRow[];
  /** Pending questions past the two-month limit, oldest first (one chamber's, or both chambers'). */
  overduePending(legislature: number | null, today: string, limit: number, chamber?: Chamber | null): string[];
  departments(): NamedCount[];
  groups(): NamedCount[];
  legislatures(): number[];
  /** The chambers that have written questions in the corpus. */
  chambers(): Chamber[];
}

interface RawExport {
  uid: string;
  chamber: Chamber;
  legislature: number;
  number: number;
  type: QuestionType;
  question_date: string | null;
  author_name: string | null;
  group_name: string | null;
  department: string | null;
  rubrique: string | null;
  tete: string | null;
  analyses: string | null;
  ministry_asked: string | null;
  ministry_assigned: string | null;
  status: QuestionStatus;
  answer_date: string | null;
  url: string | null;
  campaign_size: number | null;
}

export function createCorpusQueries(db: Database.Database, revision: () => string = () => ''): CorpusQueries {
  const cache = new Map<string, unknown>();
  let cacheRev = '';
  const cached = <T>(key: string, load: () => T): T => {
    const rev = revision();
    if (rev !== cacheRev) {
      cache.clear();
      cacheRev = rev;
    }
    if (cache.has(key)) return cache.get(key) as T;
    const v = load();
    if (cache.size > 200) cache.delete(cache.keys().next().value as string);
    cache.set(key, v);
    return v;
  };
  // Covered by charts_palmares / charts_overdue (migration 055 added the chamber to both).
  const palmaresRows = db.prepare<[number | null, number | null], PalmaresFact & { chamber: Chamber }>(
    `SELECT chamber, coalesce(ministry_assigned, ministry_asked) AS ministry, status, question_date AS questionDate,
       answer_date AS answerDate
     FROM questions WHERE type = 'QE' AND (? IS NULL OR legislature = ?)`,
  );
  // The same, a campaign's questions after its first left out (campaign ids are their first question's rowid).
  const palmaresOnceRows = db.prepare<[number | null, number | null], PalmaresFact & { chamber: Chamber }>(
    `SELECT chamber, coalesce(ministry_assigned, ministry_asked) AS ministry, status, question_date AS questionDate,
       answer_date AS answerDate
     FROM questions WHERE type = 'QE' AND (? IS NULL OR legislature = ?)
       AND NOT EXISTS (SELECT 1 FROM campaign_questions cq WHERE cq.qrow = questions.rowid
                       AND cq.campaign_id IS NOT NULL AND cq.campaign_id <> questions.rowid)`,
  );
  /** The three rankings (both chambers, each chamber) from one streamed scan: /palmares sets them side by side. */
  const palmaresOf = (legislature: number | null, today: string, campaignOnce: boolean) =>
    cached(`p:${legislature}:${today}:${campaignOnce ? 'once' : 'all'}`, () => {
      const tallies = {
        both: palmaresTally({ today, legislature, chamber: null }),
        an: palmaresTally({ today, legislature, chamber: 'an' }),
        senat: palmaresTally({ today, legislature, chamber: 'senat' }),
      };
      for (const f of (campaignOnce ? palmaresOnceRows : palmaresRows).iterate(legislature, legislature)) {
        tallies.both.add(f);
        tallies[f.chamber].add(f);
      }
      return { both: tallies.both.rank(), an: tallies.an.rank(), senat: tallies.senat.rank() };
    });
  const overdue = db.prepare<
    [number | null, number | null, string | null, string | null, string, number],
    { uid: string }
  >(
    `SELECT uid FROM questions WHERE type = 'QE' AND status = 'pending' AND (? IS NULL OR legislature = ?)
       AND (? IS NULL OR chamber = ?) AND question_date IS NOT NULL AND question_date < ?
     ORDER BY question_date, number LIMIT ?`,
  );
  return {
    palmares: (legislature, today, chamber = null, opts) =>
      palmaresOf(legislature, today, opts?.campaignOnce === true)[chamber ?? 'both'],
    overduePending: (legislature, today, limit, chamber = null) => {
      // Published before this date = two months passed (same rule as the palmarès).
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - 2);
      return overdue
        .all(legislature, legislature, chamber, chamber, d.toISOString().slice(0, 10), limit)
        .map((r) => r.uid);
    },
    exportRows(uids) {
      const byUid = new Map<string, ExportRow>();
      for (let i = 0; i < uids.length; i += 500) {
        const chunk = uids.slice(i, i + 500);
        const rows = db
          .prepare<string[], RawExport>(
            `SELECT uid, chamber, legislature, number, type, question_date, author_name, group_name, department, rubrique,
                    ministry_asked, ministry_assigned, status, answer_date,
                    json_extract(record, '$.teteAnalyse') AS tete, json_extract(record, '$.analyses') AS analyses,
                    json_extract(record, '$.url') AS url,
                    (SELECT k.size FROM campaign_questions cq JOIN campaigns k ON k.id = cq.campaign_id
                     WHERE cq.uid = questions.uid) AS campaign_size
             FROM questions WHERE uid IN (${chunk.map(() => '?').join(',')})`,
          )
          .all(...chunk);
        for (const r of rows) {
          byUid.set(r.uid, {
            uid: r.uid,
            chamber: r.chamber,
            legislature: r.legislature,
            number: r.number,
            type: r.type,
            questionDate: r.question_date,
            author: r.author_name,
            group: r.group_name,
            department: r.department,
            rubrique: r.rubrique,
            teteAnalyse: r.tete,
            analyses: r.analyses ? (JSON.parse(r.analyses) as string[]) : [],
            ministryAsked: r.ministry_asked,
            ministryAssigned: r.ministry_assigned,
            status: r.status,
            answerDate: r.answer_date,
            url: r.url ?? `https://www.assemblee-nationale.fr/dyn/${r.legislature}/questions/${r.uid}`,
            campaignSize: r.campaign_size,
          });
        }
      }
      return uids.flatMap((u) => byUid.get(u) ?? []);
    },
    departments: () =>
      cached('departments', () =>
        db
          .prepare<[], NamedCount>(
            'SELECT department AS name, count(*) AS count FROM questions WHERE department IS NOT NULL GROUP BY department',
          )
          .all(),
      ),
    groups: () =>
      cached('groups', () =>
        db
          .prepare<[], NamedCount>(
            'SELECT group_name AS name, group_abbrev AS abbrev, count(*) AS count FROM questions WHERE group_name IS NOT NULL GROUP BY group_name, group_abbrev',
          )
          .all(),
      ),
    legislatures: () =>
      cached('legislatures', () =>
        db
          .prepare<[], { l: number }>('SELECT DISTINCT legislature AS l FROM questions ORDER BY l')
          .all()
          .map((r) => r.l),
      ),
    chambers: () =>
      cached('chambers', () => {
        const has = db.prepare<[string], { c: number }>(
          "SELECT 1 AS c FROM questions WHERE chamber = ? AND type = 'QE' LIMIT 1",
        );
        return (['an', 'senat'] as const).filter((c) => has.get(c) !== undefined);
      }),
  };
}
