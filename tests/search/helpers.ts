import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOpenDataQuestion } from '../../src/corpus/parse/parseOpenDataQuestion';
import { parseSeedPage } from '../../src/corpus/parse/parseSeedPage';
import type { Question } from '../../src/corpus/types';
import { createSearchService, type SearchServiceHandle, type SearchStore } from '../../src/search/createSearchService';
import { EXTRA_QUESTIONS } from './fixtures/extraQuestions';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

export function seedQuestions(): Question[] {
  const dir = path.join(repoRoot, 'data/seeds');
  return readdirSync(dir)
    .sort()
    .map((f) => {
      const r = parseSeedPage(readFileSync(path.join(dir, f), 'utf8'), f);
      if (!r.ok) throw new Error(`${f}: ${r.reason}`);
      return r.value;
    });
}

export function fixtureQuestions(): Question[] {
  const dir = path.join(repoRoot, 'tests/fixtures/opendata');
  const out: Question[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json')) continue;
    const raw = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { questionsEcrites?: { question: unknown[] } };
    for (const item of raw.questionsEcrites ? raw.questionsEcrites.question : [raw]) {
      const r = parseOpenDataQuestion(item, f);
      if (r.ok) out.push(r.value);
    }
  }
  return out;
}

/** Seeds + open-data fixtures + hand-written extras: the relevance corpus. */
export function allQuestions(): Question[] {
  return [...seedQuestions(), ...fixtureQuestions(), ...EXTRA_QUESTIONS];
}

/** A store over an array: what the search needs from QuestionStore, with texts served from the questions. */
export function memoryStore(questions: Question[], revision = 'test-1'): SearchStore & { textCalls: string[][] } {
  const byUid = new Map(questions.map((q) => [q.uid, q]));
  const textCalls: string[][] = [];
  return {
    textCalls,
    revision: () => revision,
    iterateQuestions: () => questions.values(),
    getTexts(uids) {
      textCalls.push([...uids]);
      const out = new Map<string, { question: string | null; answer: string | null }>();
      for (const u of uids) {
        const q = byUid.get(u);
        if (q) out.set(u, { question: q.question?.text ?? null, answer: q.answer?.text ?? null });
      }
      return out;
    },
  };
}

export async function startEngine(questions: Question[], indexDir: string | null = null): Promise<SearchServiceHandle> {
  const handle = createSearchService({ store: memoryStore(questions), indexDir, workers: 0 });
  await handle.whenReady;
  return handle;
}
