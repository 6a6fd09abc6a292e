import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../../src/corpus/ingest/detectKind';
import { ingest } from '../../../src/corpus/ingest';
import { parseOldXmlQuestion } from '../../../src/corpus/parse/parseOldXmlQuestion';
import { openStore } from '../../../src/store/openStore';
import { REPO } from '../../support/botCorpus';
import { useTempDirs } from '../../ingest/support/tempDir';
import { writeFileSync } from 'node:fs';

const SAMPLE = path.join(REPO, 'tests/fixtures/old-xml/q14_14-47351QE.xml');
const xml = readFileSync(SAMPLE, 'utf8');
const tempDir = useTempDirs();

describe('the former site’s per-question XML', () => {
  it('reads every field of the real answered 14th-legislature question', () => {
    const r = parseOldXmlQuestion(xml, 'q.xml');
    if (!r.ok) throw new Error(r.reason);
    const q = r.value;
    expect(q).toMatchObject({
      uid: 'QANR5L14QE47351',
      legislature: 14,
      number: 47351,
      type: 'QE',
      rubrique: 'défense',
      teteAnalyse: 'équipements',
      analyses: ['équipements militaires', 'vieillissement', 'bilan'],
      status: 'answered',
      closure: { code: 'REP_PUB', label: 'Réponse publiée', date: '2014-05-13' },
      url: 'https://www.assemblee-nationale.fr/dyn/14/questions/QANR5L14QE47351',
      source: { file: 'q.xml', format: 'old-xml' },
    });
    expect(q.author).toEqual({
      name: 'M. François Cornut-Gentille',
      civility: 'M.',
      fullName: 'François Cornut-Gentille',
      acteurRef: 'PA923',
      mandatRef: 'PM645363',
      group: { name: 'Les Républicains', abbrev: 'LES-REP', organeRef: 'PO707869' },
      department: 'Haute-Marne',
      departmentNumber: '52',
      circonscription: 2,
    });
    expect(q.ministryAsked).toEqual({ name: 'Défense', fullName: 'Ministère de la défense', organeRef: 'PO653280' });
    expect(q.ministryHistory.map((h) => [h.ministry.organeRef, h.date])).toEqual([
      ['PO653280', '2014-01-07'],
      ['PO700737', '2014-04-03'],
    ]);
    expect(q.question).toMatchObject({ joDate: '2014-01-07', joPage: '18' });
    expect(q.question?.text).toMatch(
      /^M\. François Cornut-Gentille interroge M\. le ministre de la défense sur les équipements/,
    );
    expect(q.answer).toMatchObject({ joDate: '2014-05-13', joPage: '3858' });
    expect(q.answer?.text).toContain('AMX30B2 DT');
    expect(q.answer?.text).not.toMatch(/<|&#160;/);
  });

  it('is recognised by its content, whatever the file is called', () => {
    expect(detectKind(Buffer.from(xml))).toEqual({ kind: 'old-xml' });
    expect(
      detectKind(
        Buffer.from('<?xml version="1.0"?><export xmlns="http://schemas.assemblee-nationale.fr/referentiel">'),
      ),
    ).toEqual({ kind: 'xml' });
  });

  it('rejects truncated or foreign XML and missing identifiers with a reason, like every other format', () => {
    const cut = parseOldXmlQuestion(xml.slice(0, 1500), 'cut.xml');
    expect(cut).toMatchObject({ ok: false });
    expect(!cut.ok && cut.reason).toMatch(/^XML invalide ou tronqué/);
    expect(parseOldXmlQuestion('<?xml version="1.0"?><REPONSE/>', 'x')).toEqual({
      ok: false,
      reason: 'racine <QUESTION> attendue, reçu <REPONSE>',
    });
    expect(parseOldXmlQuestion(xml.replace('<LEGISLATURE>14</LEGISLATURE>', ''), 'x')).toEqual({
      ok: false,
      reason: 'législature absente',
    });
    expect(parseOldXmlQuestion(xml.replace('<DEPOT NUMERO="47351">', '<DEPOT>'), 'x')).toEqual({
      ok: false,
      reason: 'numéro de question absent',
    });
    expect(parseOldXmlQuestion(xml.replace('TYPE="QE"', 'TYPE="QX"'), 'x')).toEqual({
      ok: false,
      reason: 'type de question inconnu (QX)',
    });
  });

  it('is ingested from a folder beside other formats, Windows-1252 included, and a truncated copy is rejected with its name', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '14-47351QE.htm'), xml);
    writeFileSync(
      path.join(dir, 'copie-1252.xml'),
      Buffer.from(
        xml
          .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
          .replace('47351', '47352')
          .replace('NUMERO="47351"', 'NUMERO="47352"'),
        'latin1',
      ),
    ); // Latin-1 text: Windows-1252 bytes
    writeFileSync(path.join(dir, 'tronque.xml'), xml.slice(0, 2000));
    const store = openStore(path.join(tempDir(), 'q.db'));
    try {
      const s = await ingest([dir], { store, now: new Date('2025-03-04T08:00:00Z') });
      expect(s.questions.new).toBe(2);
      expect(s.rejected).toEqual([
        expect.objectContaining({ file: path.join(dir, 'tronque.xml'), category: 'question XML invalide' }),
      ]);
      expect(store.findQuestion(14, 47352)?.author.fullName).toBe('François Cornut-Gentille');
    } finally {
      store.close();
    }
  });
});
