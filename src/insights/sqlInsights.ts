/**
 * Insights computed with SQL on the store's database (table `questions` of 001_corpus.sql, indexed columns
 * only: no JSON parsing; the extra indexes are in 010_bot.sql). Name lists (deputies, ministries) and facts are
 * cached per corpus revision (`revision()`, cheap), so repeated commands cost no SQL.
 */
import type Database from 'better-sqlite3';
import type { Acteur, Chamber, QuestionStatus } from '../corpus/types';
import { foldName, labelKey, MINISTRY_OPTIONAL, personKey, rankByName, type NameKey } from './names';
import type { DeputyRef, Insights, QuestionFacts } from './types';

interface FactRow {
  uid: string;
  legislature: number;
  number: number;
  status: QuestionStatus;
  question_date: string | null;
  answer_date: string | null;
  rubrique: string | null;
  ministry_asked: string | null;
  ministry_assigned: string | null;
}

const FACT_COLUMNS =
  'uid, legislature, number, status, question_date, answer_date, rubrique, ministry_asked, ministry_assigned';

function toFacts(r: FactRow): QuestionFacts {
  return {
    uid: r.uid,
    legislature: r.legislature,
    number: r.number,
    status: r.status,
    questionDate: r.question_date,
    answerDate: r.answer_date,
    rubrique: r.rubrique,
    ministryAsked: r.ministry_asked,
    ministryAssigned: r.ministry_assigned,
  };
}

interface Named<T> {
  key: NameKey;
  label: string;
  value: T;
  count: number;
}

/** The names matching `input` by the one name matcher (names.ts): best level, then most questions. */
function rank<T>(
  list: readonly Named<T>[],
  input: string,
  limit: number,
  optional?: ReadonlySet<string>,
): Array<T & { count: number }> {
  return rankByName(
    list,
    input,
    (n) => n.key,
    (n) => n.count,
    (n) => n.label,
    limit,
    optional,
  ).map(({ value: n }) => ({ ...n.value, count: n.count }));
}

class Lru<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  clear(): void {
    this.map.clear();
  }
}

/** Where a record the insights cannot read is reported (the bot's logger). */
export interface InsightsLog {
  warn(obj: object, msg?: string): void;
}

export function createSqlInsights(
  db: Database.Database,
  revision: () => string = () => '',
  log?: InsightsLog,
): Insights {
  let lists: {
    rev: string;
    deputies: Named<DeputyRef>[];
    senators: Named<DeputyRef>[];
    ministries: Named<{ name: string }>[];
  } | null = null;
  let factsRev = '';
  const facts = new Lru<QuestionFacts[]>(64);

  const deputyList = db.prepare<[], { acteur_ref: string | null; author_name: string | null; n: number }>(
    `SELECT acteur_ref, author_name, count(*) AS n FROM questions
     WHERE chamber = 'an' AND (acteur_ref IS NOT NULL OR author_name IS NOT NULL)
     GROUP BY acteur_ref, author_name`,
  );
  // The Sénat's authors are known by name only (no acteurs records: data-formats §7).
  const senatorList = db.prepare<[], { author_name: string; n: number }>(
    `SELECT author_name, count(*) AS n FROM questions
     WHERE chamber = 'senat' AND author_name IS NOT NULL GROUP BY author_name`,
  );
  const askedList = db.prepare<[], { name: string; n: number }>(
    'SELECT ministry_asked AS name, count(*) AS n FROM questions WHERE ministry_asked IS NOT NULL GROUP BY ministry_asked',
  );
  const assignedList = db.prepare<[], { name: string; n: number }>(
    'SELECT ministry_assigned AS name, count(*) AS n FROM questions WHERE ministry_assigned IS NOT NULL GROUP BY ministry_assigned',
  );

  const acteurList = db.prepare<[], { uid: string; record: string }>('SELECT uid, record FROM acteurs');
  const acteurState = db.prepare<[], { n: number; latest: string | null }>(
    'SELECT count(*) AS n, max(updated_at) AS latest FROM acteurs',
  );

  const currentLists = () => {
    // The revision moves with questions; the deputies' records may change alone (an ingest of acteurs only).
    const a = acteurState.get();
    const rev = `${revision()}|${a?.n ?? 0}|${a?.latest ?? ''}`;
    if (lists && lists.rev === rev) return lists;
    // One entry per acteur (a name may be missing on some rows); name-only authors keyed by name.
    const byKey = new Map<string, { value: DeputyRef; count: number; first: string | null; last: string | null }>();
    for (const r of deputyList.all()) {
      const key = r.acteur_ref ?? `name:${r.author_name}`;
      const prev = byKey.get(key);
      const name = r.author_name ?? prev?.value.name ?? r.acteur_ref ?? '';
      byKey.set(key, {
        value: { acteurRef: r.acteur_ref, name: prev?.value.name && !r.author_name ? prev.value.name : name },
        count: (prev?.count ?? 0) + r.n,
        first: null,
        last: null,
      });
    }
    // Every deputy of the deputies' records, even one without a question yet ("0 question"); the records also tell
    // the last name from the first name.
    const unreadable: Array<{ uid: string; reason: string }> = [];
    for (const row of acteurList.all()) {
      let record: Acteur;
      try {
        record = JSON.parse(row.record) as Acteur;
      } catch (err) {
        // Left out of the name lists (the questions still carry the name they were written with), and said.
        unreadable.push({ uid: row.uid, reason: err instanceof Error ? err.message : String(err) });
        continue;
      }
      const display = [record.civility, record.firstName, record.lastName].filter(Boolean).join(' ');
      if (!display) continue;
      const prev = byKey.get(row.uid);
      byKey.set(row.uid, {
        value: { acteurRef: row.uid, name: prev && prev.value.name !== row.uid ? prev.value.name : display },
        count: prev?.count ?? 0,
        first: record.firstName,
        last: record.lastName,
      });
    }
    if (unreadable.length > 0)
      log?.warn(
        { count: unreadable.length, first: unreadable.slice(0, 5) },
        'deputy records unreadable (table acteurs): left out of the name lists',
      );
    // A name-only author (seed pages) and a record of the same name are one person.
    const withRef = new Map<string, string>();
    for (const [k, d] of byKey) if (d.value.acteurRef) withRef.set(foldName(d.value.name), k);
    for (const [k, d] of [...byKey]) {
      if (d.value.acteurRef) continue;
      const same = withRef.get(foldName(d.value.name));
      if (same === undefined) continue;
      byKey.get(same)!.count += d.count;
      byKey.delete(k);
    }
    const deputies: Named<DeputyRef>[] = [...byKey.values()].map((d) => ({
      value: d.value,
      count: d.count,
      label: d.value.name,
      key: d.last ? personKey({ firstName: d.first, lastName: d.last }) : personKey({ name: d.value.name }),
    }));
    // Count shown in autocomplete: the larger of "asked" and "assigned" (cheap, from covering indexes).
    const counts = new Map<string, number>();
    for (const r of [...askedList.all(), ...assignedList.all()])
      counts.set(r.name, Math.max(counts.get(r.name) ?? 0, r.n));
    const ministries = [...counts.entries()].map(([name, count]) => ({
      key: labelKey(name),
      label: name,
      value: { name },
      count,
    }));
    const senators: Named<DeputyRef>[] = senatorList.all().map((r) => ({
      value: { acteurRef: null, name: r.author_name, chamber: 'senat' },
      count: r.n,
      label: r.author_name,
      key: personKey({ name: r.author_name }),
    }));
    lists = { rev, deputies, senators, ministries };
    return lists;
  };

  const cachedFacts = (key: string, load: () => FactRow[]): QuestionFacts[] => {
    const rev = revision();
    if (rev !== factsRev) {
      facts.clear();
      factsRev = rev;
    }
    const hit = facts.get(key);
    if (hit) return hit.map((f) => ({ ...f }));
    const loaded = load().map(toFacts);
    facts.set(key, loaded);
    return loaded.map((f) => ({ ...f }));
  };

  const findByNumberStmt = db.prepare<[number, string, string], { uid: string; legislature: number }>(
    'SELECT uid, legislature FROM questions WHERE number = ? AND type = ? AND chamber = ? ORDER BY legislature DESC',
  );
  // A deputy's questions: by acteur, plus those known by the same name only (seed pages).
  const byActeur = db.prepare<[string, string], FactRow>(
    `SELECT ${FACT_COLUMNS} FROM questions WHERE acteur_ref = ?
     UNION
     SELECT ${FACT_COLUMNS} FROM questions WHERE author_name = ? AND acteur_ref IS NULL AND chamber = 'an'`,
  );
  const byAuthorName = db.prepare<[string, string], FactRow>(
    `SELECT ${FACT_COLUMNS} FROM questions WHERE author_name = ? AND acteur_ref IS NULL AND chamber = ?`,
  );
  const byMinistry = db.prepare<[string, string], FactRow>(
    `SELECT ${FACT_COLUMNS} FROM questions WHERE ministry_asked = ?
     UNION
     SELECT ${FACT_COLUMNS} FROM questions WHERE ministry_assigned = ?`,
  );

  return {
    findByNumber: (number, type = 'QE', chamber: Chamber = 'an') => findByNumberStmt.all(number, type, chamber),
    findDeputies: (input, limit = 25, chamber: Chamber = 'an') => {
      if (chamber === 'senat') return rank(currentLists().senators, input, limit);
      const deputies = currentLists().deputies;
      const ref = input.trim().toUpperCase();
      if (/^PA\d+$/.test(ref))
        return deputies.filter((d) => d.value.acteurRef === ref).map((d) => ({ ...d.value, count: d.count }));
      return rank(deputies, input, limit);
    },
    findMinistries: (input, limit = 25) => rank(currentLists().ministries, input, limit, MINISTRY_OPTIONAL),
    deputyFacts: (ref) =>
      ref.acteurRef
        ? cachedFacts(`a:${ref.acteurRef}`, () => byActeur.all(ref.acteurRef as string, ref.name))
        : cachedFacts(`n:${ref.chamber ?? 'an'}:${ref.name}`, () => byAuthorName.all(ref.name, ref.chamber ?? 'an')),
    ministryFacts: (name) => cachedFacts(`m:${name}`, () => byMinistry.all(name, name)),
  };
}

/** Warms the caches (name lists) so that the first autocomplete is fast. */
export function warmInsights(insights: Insights): void {
  insights.findDeputies('', 1);
}
