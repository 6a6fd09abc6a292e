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
