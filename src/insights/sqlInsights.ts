/**
 * Insights computed with SQL on the store's database (table `questions` of 001_corpus.sql, indexed columns
 * only: no JSON parsing; the extra indexes are in 010_bot.sql). Name lists (deputies, ministries) and facts are
 * cached per corpus revision (`revision()`, cheap), so repeated commands cost no SQL.
 */
import type Database from 'better-sqlite3';
import type { QuestionStatus } from '../corpus/types';
import { fold } from './fold';
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

const FACT_COLUMNS = 'uid, legislature, number, status, question_date, answer_date, rubrique, ministry_asked, ministry_assigned';

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
  /** Folded labels to match against (name, name without civility, words...). */
  keys: string[];
  value: T;
  count: number;
}

/** Ranks exact > prefix (of the name or of one of its words) > substring, then by number of questions. */
function rank<T>(list: readonly Named<T>[], input: string, limit: number): Array<T & { count: number }> {
  const q = fold(input);
  const scored: Array<{ r: number; n: Named<T> }> = [];
  for (const n of list) {
    let r = q === '' ? 2 : -1;
    if (q !== '') {
      for (const k of n.keys) {
        const kr = k === q ? 0 : k.startsWith(q) || k.includes(` ${q}`) || k.includes(`-${q}`) || k.includes(`'${q}`) ? 1 : k.includes(q) ? 2 : -1;
        if (kr >= 0 && (r < 0 || kr < r)) r = kr;
        if (r === 0) break;
      }
    }
    if (r >= 0) scored.push({ r, n });
  }
  scored.sort((a, b) => a.r - b.r || b.n.count - a.n.count || (a.n.keys[0] ?? '').localeCompare(b.n.keys[0] ?? ''));
  return scored.slice(0, limit).map(({ n }) => ({ ...n.value, count: n.count }));
}

/** "M. Lionel Tardy" -> "Lionel Tardy" so that "lionel" ranks as a prefix. */
function withoutCivility(name: string): string {
  return name.replace(/^(M\.|Mme|Mlle|Monsieur|Madame)\s+/i, '');
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

export function createSqlInsights(db: Database.Database, revision: () => string = () => ''): Insights {
  let lists: { rev: string; deputies: Named<DeputyRef>[]; ministries: Named<{ name: string }>[] } | null = null;
  let factsRev = '';
  const facts = new Lru<QuestionFacts[]>(64);

  const deputyList = db.prepare<[], { acteur_ref: string | null; author_name: string | null; n: number }>(
    `SELECT acteur_ref, author_name, count(*) AS n FROM questions
     WHERE acteur_ref IS NOT NULL OR author_name IS NOT NULL
     GROUP BY acteur_ref, author_name`,
  );
  const askedList = db.prepare<[], { name: string; n: number }>(
    'SELECT ministry_asked AS name, count(*) AS n FROM questions WHERE ministry_asked IS NOT NULL GROUP BY ministry_asked',
  );
  const assignedList = db.prepare<[], { name: string; n: number }>(
    'SELECT ministry_assigned AS name, count(*) AS n FROM questions WHERE ministry_assigned IS NOT NULL GROUP BY ministry_assigned',
  );

  const currentLists = () => {
    const rev = revision();
    if (lists && lists.rev === rev) return lists;
    // One entry per acteur (a name may be missing on some rows); name-only authors keyed by name.
    const byKey = new Map<string, { value: DeputyRef; count: number }>();
    for (const r of deputyList.all()) {
      const key = r.acteur_ref ?? `name:${r.author_name}`;
      const prev = byKey.get(key);
      const name = r.author_name ?? prev?.value.name ?? r.acteur_ref ?? '';
      byKey.set(key, { value: { acteurRef: r.acteur_ref, name: prev?.value.name && !r.author_name ? prev.value.name : name }, count: (prev?.count ?? 0) + r.n });
    }
    const deputies = [...byKey.values()].map((d) => ({
      ...d,
      keys: [fold(d.value.name), fold(withoutCivility(d.value.name)), ...(d.value.acteurRef ? [d.value.acteurRef.toLowerCase()] : [])],
    }));
    // Count shown in autocomplete: the larger of "asked" and "assigned" (cheap, from covering indexes).
    const counts = new Map<string, number>();
    for (const r of [...askedList.all(), ...assignedList.all()]) counts.set(r.name, Math.max(counts.get(r.name) ?? 0, r.n));
    const ministries = [...counts.entries()].map(([name, count]) => ({ keys: [fold(name)], value: { name }, count }));
    lists = { rev, deputies, ministries };
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

  const findByNumberStmt = db.prepare<[number, string], { uid: string; legislature: number }>(
    'SELECT uid, legislature FROM questions WHERE number = ? AND type = ? ORDER BY legislature DESC',
  );
  const byActeur = db.prepare<[string], FactRow>(`SELECT ${FACT_COLUMNS} FROM questions WHERE acteur_ref = ?`);
  const byAuthorName = db.prepare<[string], FactRow>(`SELECT ${FACT_COLUMNS} FROM questions WHERE author_name = ? AND acteur_ref IS NULL`);
  const byMinistry = db.prepare<[string, string], FactRow>(
    `SELECT ${FACT_COLUMNS} FROM questions WHERE ministry_asked = ?
     UNION
     SELECT ${FACT_COLUMNS} FROM questions WHERE ministry_assigned = ?`,
  );

  return {
    findByNumber: (number, type = 'QE') => findByNumberStmt.all(number, type),
    findDeputies: (input, limit = 25) => rank(currentLists().deputies, input, limit),
    findMinistries: (input, limit = 25) => rank(currentLists().ministries, input, limit),
    deputyFacts: (ref) =>
      ref.acteurRef
        ? cachedFacts(`a:${ref.acteurRef}`, () => byActeur.all(ref.acteurRef as string))
        : cachedFacts(`n:${ref.name}`, () => byAuthorName.all(ref.name)),
    ministryFacts: (name) => cachedFacts(`m:${name}`, () => byMinistry.all(name, name)),
  };
}

/** Warms the caches (name lists) so that the first autocomplete is fast. */
export function warmInsights(insights: Insights): void {
  insights.findDeputies('', 1);
}
