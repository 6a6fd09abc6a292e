/** Helpers to check what the charts and exports produce: decode PNGs, parse CSVs. */
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';

export interface DecodedPng {
  width: number;
  height: number;
  /** Distinct colours among sampled pixels (a blank image has 1). */
  colours: number;
  /** Share of sampled pixels that differ from the top-left (background) pixel. */
  inked: number;
}

export function decodePng(data: Buffer): DecodedPng {
  const png = PNG.sync.read(data);
  const colours = new Set<number>();
  let inked = 0;
  let samples = 0;
  const bg = png.data.readUInt32BE(0);
  for (let y = 0; y < png.height; y += 3) {
    for (let x = 0; x < png.width; x += 3) {
      const v = png.data.readUInt32BE((y * png.width + x) * 4);
      colours.add(v);
      samples++;
      if (v !== bg) inked++;
    }
  }
  return { width: png.width, height: png.height, colours: colours.size, inked: inked / samples };
}

/** Parses a CSV export as a spreadsheet would: BOM, `;`, quoted fields with line breaks. */
export function parseCsv(data: Buffer): { bom: boolean; header: string[]; rows: string[][] } {
  const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  const records = parse(data, { bom: true, delimiter: ';', relax_column_count: false }) as string[][];
  return { bom, header: records[0] ?? [], rows: records.slice(1) };
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Question } from '../../src/corpus/types';
import { makeQuestion, REPO } from '../support/botCorpus';

/**
 * The 629 real oral questions of the 15th legislature in tests/fixtures/relevance/qosd15.csv (real deputies,
 * ministries, dates and texts), as Questions of type QOSD.
 */
export function realOralQuestions(): Question[] {
  const records = parse(readFileSync(path.join(REPO, 'tests/fixtures/relevance/qosd15.csv')), {
    columns: true,
    bom: true,
  }) as Array<Record<string, string>>;
  return records.map((r) => {
    const number = Number(r.index);
    const [d, m, y] = (r.date_publication ?? '').split('/');
    const date = y && m && d ? `${y}-${m}-${d}` : null;
    const name = r.nom_depute ?? '';
    const ministry = { name: r.ministere_interrogem ?? 'Gouvernement', fullName: null, organeRef: null };
    const uid = `QANR5L15QOSD${number}`;
    return makeQuestion({
      number,
      legislature: 15,
      type: 'QOSD',
      uid,
      url: `https://www.assemblee-nationale.fr/dyn/15/questions/${uid}`,
      author: {
        name,
        civility: name.split(' ')[0] ?? null,
        fullName: name.replace(/^(M\.|Mme)\s+/, ''),
        acteurRef: null,
        mandatRef: null,
        group: null,
        department: null,
        departmentNumber: null,
        circonscription: null,
      },
      rubrique: null,
      teteAnalyse: null,
      analyses: [],
      ministryAsked: ministry,
      ministryAssigned: ministry,
      ministryHistory: [{ ministry, date }],
      question: { text: r.question ?? '', joDate: date, joPage: null },
    });
  });
}
