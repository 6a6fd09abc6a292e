import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/corpus/ingest/progress';
import { detectKind } from '../../src/corpus/ingest/detectKind';

describe('progress without a terminal', () => {
  it('logs periodic French lines instead of a bar, and nothing when disabled', () => {
    const lines: string[] = [];
    const p = createProgress({ enabled: true, isTTY: false, intervalMs: 0, log: (l) => lines.push(l) });
    p.tick(1500, 'archive.zip!json/QANR5L17QE1.json');
    p.stop();
    expect(lines).toEqual([
      `… ${(1500).toLocaleString('fr-FR')} enregistrements lus (archive.zip!json/QANR5L17QE1.json)`,
    ]);
    const silent: string[] = [];
    createProgress({ enabled: false, log: (l) => silent.push(l) }).tick(1, 'x');
    expect(silent).toEqual([]);
  });
});

describe('detectKind', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('reads the first JSON key after a BOM and spaces', () => {
    expect(detectKind(bytes('\uFEFF \n {"questionsEcrites": {"question": ['))).toEqual({
      kind: 'json',
      rootKey: 'questionsEcrites',
    });
    expect(detectKind(bytes('{"acteur":{}}'))).toEqual({ kind: 'json', rootKey: 'acteur' });
    expect(detectKind(bytes('[{"question":{}}]'))).toEqual({ kind: 'json', rootKey: null });
  });
  it('tells zips, XML, empty and text apart', () => {
    expect(detectKind(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual({ kind: 'zip' });
    expect(detectKind(bytes('<?xml version="1.0"?>'))).toEqual({ kind: 'xml' });
    expect(detectKind(bytes(' \r\n\t'))).toEqual({ kind: 'empty' });
    expect(detectKind(bytes('ASSEMBLÉE NATIONALE'))).toEqual({ kind: 'text' });
  });
});
