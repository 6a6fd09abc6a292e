import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, from tests/corpus/parse. */
export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Real open data copied into the repository (see tests/fixtures/samples/README.md): a clone needs nothing beside it. */
export const SAMPLES_DIR = path.join(REPO_DIR, 'tests/fixtures/samples');
export const SEEDS_DIR = path.join(REPO_DIR, 'data/seeds');
/**
 * Hand-made open-data files in the official shape (no README inside: the folder is ingested as is).
 * - QANR5L16QE1234.json: answered (REP_PUB), minAttrib object, analyse string, answer HTML with a table;
 * - QANR5L16QE1235.json: pending, no cloture, transfer (minAttrib array), analyse array, null teteAnalyse;
 * - QANR5L16QE1236.json: withdrawn, cloture RET "Retirée";
 * - QANR5L15QE987.json: DD/MM/YYYY and "+01:00" dates, texteQuestion erratum array, texteReponse array;
 * - QANR5L17QE502.json: author PA719412 / PM842651 (Mme Sandrine Le Feur, Finistère, 4 with the acteurs sample);
 * - questions_ecrites_XIV.json: 14th single-file layout, 3 questions (answered, pending, Caduque).
 */
export const FIXTURES_DIR = path.join(REPO_DIR, 'tests/fixtures/opendata');

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}
