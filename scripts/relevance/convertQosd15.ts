/**
 * `npx tsx scripts/relevance/convertQosd15.ts [--csv tests/fixtures/relevance/qosd15.csv]
 *   [--acteurs tests/fixtures/samples/acteurs] [--out tests/fixtures/relevance/qosd15.json.zip]`
 *
 * Turns the 629 real oral questions of the 15th legislature given as CSV (row, index, deputy's name with civility,
 * ministry asked, publication date DD/MM/YYYY, text) into the official open-data layout the project reads: one
 * `{"question": {...}}` file per question (`json/QANR5L15QOSD<index>.json`), zipped like the Assemblée's
 * archives of the 15th-17th legislatures. Only what the CSV gives is filled; every other field is null:
 * - uid / identifiant from the CSV's index (the question's number), type QOSD, legislature 15;
 * - minInt.abrege = the ministry as written in the CSV (no long name, no organe id);
 * - textesQuestion.texteQuestion: the text (HTML-escaped, paragraphs kept) and infoJO.dateJO (ISO);
 * - auteur.identite.acteurRef: the official format names the author by acteur id, not by name. When the CSV's
 *   name is exactly (accents, case and hyphens aside) the name of ONE of the real AMO records in
 *   `tests/fixtures/samples/acteurs/`, that record's uid is used; otherwise it stays null (the text itself still
 *   begins with the deputy's name). No mandatRef (the sample records do not all carry 15th-legislature mandates).
 * The archive is deterministic (sorted entries, fixed dates), so re-running the script gives the same bytes.
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { ZipFile } from 'yazl';
import { stripAccents } from '../../src/text/fold';

export interface QosdRow {
  index: number;
  deputy: string;
  ministry: string;
  /** DD/MM/YYYY as in the CSV. */
  date: string;
  text: string;
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readQosdCsv(csv: string): QosdRow[] {
  const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''));
  const col = (name: string) => {
    const i = header!.indexOf(name);
    if (i < 0) throw new Error(`CSV column missing: ${name}`);
    return i;
  };
  const [iIndex, iName, iMin, iDate, iText] = [
    'index',
    'nom_depute',
    'ministere_interrogem',
    'date_publication',
    'question',
  ].map(col);
  return rows
    .filter((r) => r.length > 1)
    .map((r) => ({
      index: Number(r[iIndex!]),
      deputy: r[iName!]!.trim(),
      ministry: r[iMin!]!.trim(),
      date: r[iDate!]!.trim(),
      text: r[iText!]!,
    }));
}

/** Name key: accents, case, hyphens and apostrophes aside. */
function nameKey(s: string): string {
  return stripAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Name key ("m jean hugues ratenon") -> acteur uid, for names borne by exactly one record. */
export function acteurIdsByName(dir: string): Map<string, string> {
  const byName = new Map<string, string | null>();
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json')) continue;
    const a = (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { acteur: Record<string, unknown> }).acteur;
    const uidField = a['uid'] as string | { '#text': string };
    const uid = typeof uidField === 'string' ? uidField : uidField['#text'];
    const ident = (a['etatCivil'] as { ident: { civ: string; prenom: string; nom: string } }).ident;
    const key = nameKey(`${ident.civ} ${ident.prenom} ${ident.nom}`);
    byName.set(key, byName.has(key) ? null : uid);
  }
  return new Map([...byName].filter((e): e is [string, string] => e[1] !== null));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The question's text as the open data gives it: HTML, one paragraph per line of the source. */
function toHtml(text: string): string {
  return text
    .split(/\r?\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
}

function isoDate(ddmmyyyy: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(ddmmyyyy);
  if (!m) throw new Error(`bad date: ${ddmmyyyy}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

export function toOpenData(row: QosdRow, acteurRef: string | null): { question: Record<string, unknown> } {
  const uid = `QANR5L15QOSD${row.index}`;
  return {
    question: {
      '@xmlns': 'http://schemas.assemblee-nationale.fr/referentiel',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@xsi:type': 'QuestionOraleSansDebat_Type',
      uid,
      identifiant: { numero: String(row.index), regime: '5eme Republique', legislature: '15' },
      type: 'QOSD',
      indexationAN: { rubrique: null, teteAnalyse: null, analyses: null },
      auteur: { identite: { acteurRef, mandatRef: null }, groupe: null },
      minInt: { organeRef: null, abrege: row.ministry || null, developpe: null },
      minAttribs: null,
      textesQuestion: {
        texteQuestion: {
          infoJO: {
            typeJO: 'JO_QUESTION',
            dateJO: isoDate(row.date),
            pageJO: null,
            numJO: null,
            urlLegifrance: null,
            referenceNOR: null,
          },
          texte: toHtml(row.text),
        },
      },
      textesReponse: null,
      cloture: null,
    },
  };
}

const FIXED_DATE = new Date('2019-03-01T00:00:00Z');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      csv: { type: 'string', default: 'tests/fixtures/relevance/qosd15.csv' },
      acteurs: { type: 'string', default: 'tests/fixtures/samples/acteurs' },
      out: { type: 'string', default: 'tests/fixtures/relevance/qosd15.json.zip' },
    },
  });
  const rows = readQosdCsv(readFileSync(values.csv, 'utf8'));
  const ids = acteurIdsByName(values.acteurs);
  const zip = new ZipFile();
  let named = 0;
  for (const row of [...rows].sort((a, b) => a.index - b.index)) {
    const ref = ids.get(nameKey(row.deputy)) ?? null;
    if (ref) named++;
    const json = JSON.stringify(toOpenData(row, ref));
    zip.addBuffer(Buffer.from(json, 'utf8'), `json/QANR5L15QOSD${row.index}.json`, {
      mtime: FIXED_DATE,
      mode: 0o100644,
    });
  }
  zip.end();
  const out = createWriteStream(values.out);
  zip.outputStream.pipe(out);
  await finished(out);
  console.log(`${rows.length} questions -> ${values.out} (${named} authors matched to an acteur record)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
