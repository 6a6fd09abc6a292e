import { readFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Real open data copied into the repository (see tests/fixtures/samples/README.md). */
export const SAMPLES = path.join(REPO, 'tests/fixtures/samples');
export const FIXTURES = path.join(REPO, 'tests/fixtures/opendata');
export const SEEDS = path.join(REPO, 'data/seeds');

/** The inner `question` objects of the single-file fixture (14th legislature layout). */
export function fixtureQuestions(): Array<Record<string, unknown>> {
  const raw = JSON.parse(readFileSync(path.join(FIXTURES, 'questions_ecrites_XIV.json'), 'utf8')) as {
    questionsEcrites: { question: Array<Record<string, unknown>> };
  };
  return raw.questionsEcrites.question;
}

/** A copy of an official question object renumbered (uid, identifiant) as `number` of `legislature`. */
export function renumber(q: Record<string, unknown>, legislature: number, number: number): Record<string, unknown> {
  const copy = structuredClone(q);
  const type = typeof copy.type === 'string' ? copy.type : 'QE';
  copy.uid = `QANR5L${legislature}${type}${number}`;
  copy.identifiant = { numero: String(number), regime: '5eme Republique', legislature: String(legislature) };
  return copy;
}

/** `count` questions cloned from the fixture with numbers start.., in the official single-file layout. */
export async function writeClonedSingleFile(
  out: string,
  count: number,
  opts: { legislature?: number; start?: number } = {},
): Promise<string[]> {
  const templates = fixtureQuestions();
  const legislature = opts.legislature ?? 14;
  const start = opts.start ?? 1;
  const ws = createWriteStream(out);
  const uids: string[] = [];
  const write = async (s: string) => {
    if (!ws.write(s)) await once(ws, 'drain');
  };
  await write('{"questionsEcrites": {"question": [\n');
  for (let i = 0; i < count; i++) {
    const q = renumber(templates[i % templates.length]!, legislature, start + i);
    uids.push(q.uid as string);
    await write(`${i ? ',\n' : ''}${JSON.stringify(q)}`);
  }
  await write(']}}\n');
  ws.end();
  await once(ws, 'finish');
  return uids;
}

/** The raw official object of a per-question fixture file, e.g. "QANR5L17QE502.json". */
export function fixtureRaw(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
}
