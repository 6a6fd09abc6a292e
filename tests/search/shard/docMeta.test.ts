/**
 * A shard's metadata in columns (docMeta.ts): a document read back from the columns is the one added (strings,
 * codes, dates, analyses, a non-official address), through removals, compaction and the saved columns.
 */
import { describe, expect, it } from 'vitest';
import { toIndexDoc, type IndexDoc } from '../../../src/search/indexDoc';
import { DocTable, type DocMeta } from '../../../src/search/shard/docMeta';
import { allQuestions } from '../helpers';

const docs = allQuestions().map(toIndexDoc);

/** What the table must give back for a document at a slot. */
function expected(doc: IndexDoc, slot: number, table: DocTable): DocMeta {
  const { questionText: _q, answerText: _a, url: _u, ...rest } = doc;
  const m = table.meta(slot)!;
  return { ...rest, slot, qDay: m.qDay, aDay: m.aDay, ...(m.url === undefined ? {} : { url: doc.url }) };
}

describe('metadata columns', () => {
  it('give back every document as added, after removals, compaction and a reload of the columns', () => {
    const table = new DocTable();
    for (const d of docs) table.add(d);
    // A Sénat-like address that is not the official one is kept; the others are derived.
    const odd = { ...docs[0]!, uid: 'QSENL17QE00001', url: 'https://example.org/q/1' };
    table.add(odd);
    for (const d of docs.slice(0, 5)) table.remove(d.uid);
    table.add(docs[1]!);
    table.compact();
    const reloaded = new DocTable(table.columns());
    const live = [...docs.slice(5), odd, docs[1]!];
    expect(reloaded.size).toBe(live.length);
    expect(reloaded.slots).toBe(live.length);
    for (const d of live) {
      const slot = reloaded.slotOf(d.uid)!;
      expect(reloaded.meta(slot)).toEqual(expected(d, slot, reloaded));
      expect(reloaded.slotsOfNumber(d.number)).toContain(slot);
    }
    expect(reloaded.meta(reloaded.slotOf(odd.uid)!)!.url).toBe(odd.url);
    expect(reloaded.meta(reloaded.slotOf(docs[6]!.uid)!)!.url).toBeUndefined();
  });

  it('refuses columns that do not add up', () => {
    const table = new DocTable();
    for (const d of docs.slice(0, 3)) table.add(d);
    const cols = table.columns();
    expect(() => new DocTable({ ...cols, arrays: { ...cols.arrays, qDay: cols.arrays.qDay.subarray(1) } })).toThrow(
      /inconsistent/,
    );
  });
});
