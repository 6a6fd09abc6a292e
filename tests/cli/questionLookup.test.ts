import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest';
import { parseQuestionRef } from '../../src/corpus/questionRef';
import { openStore } from '../../src/store/openStore';
import { SAMPLES } from '../ingest/support/cloneCorpus';
import { useTempDirs } from '../ingest/support/tempDir';
import { runCliText } from '../support/cliRun';

const tempDir = useTempDirs();
const NOW = new Date('2025-03-04T08:00:00Z');
let db: string;

/** The real question au Gouvernement n° 1 of the 17th legislature: no text in the open data, author by reference only. */
beforeEach(async () => {
  db = path.join(tempDir(), 'q.db');
  const store = openStore(db);
  await ingest([path.join(SAMPLES, 'QANR5L17QG1.json')], { store, now: NOW });
  store.close();
});

const cli = (...argv: string[]) => runCliText([...argv, '--db', db]);

function addWrittenQuestionOne(): void {
  const store = openStore(db);
  const qg = store.getQuestion('QANR5L17QG1')!;
  store.upsertQuestions([{ ...qg, uid: 'QANR5L17QE1', type: 'QE' }], { seenAt: NOW.toISOString() });
  store.close();
}

describe('question references', () => {
  it('reads uids, legislature-number, with the type before or after, and bare numbers', () => {
    expect(parseQuestionRef('QANR5L17QG1')).toEqual({ chamber: 'an', legislature: 17, type: 'QG', number: 1 });
    expect(parseQuestionRef('17-1')).toEqual({ chamber: null, legislature: 17, number: 1, type: null });
    expect(parseQuestionRef('17-1-QG')).toEqual({ chamber: null, legislature: 17, number: 1, type: 'QG' });
    expect(parseQuestionRef('QG 17-1')).toEqual({ chamber: null, legislature: 17, number: 1, type: 'QG' });
    expect(parseQuestionRef('qosd-15-2')).toEqual({ chamber: null, legislature: 15, number: 2, type: 'QOSD' });
    expect(parseQuestionRef('50862')).toEqual({ chamber: null, legislature: null, number: 50862, type: null });
    expect(parseQuestionRef('question 12')).toBeNull();
  });

  it('reads a Sénat reference from its uid or a chamber written first, and leaves the chamber unsaid otherwise', () => {
    expect(parseQuestionRef('QSENL17QE4132')).toEqual({ chamber: 'senat', legislature: 17, type: 'QE', number: 4132 });
    expect(parseQuestionRef('S 17-4132')).toEqual({ chamber: 'senat', legislature: 17, number: 4132, type: null });
    expect(parseQuestionRef('Sénat 17-04132')).toEqual({ chamber: 'senat', legislature: 17, number: 4132, type: null });
    expect(parseQuestionRef('senat-17-4132-QE')).toEqual({
      chamber: 'senat',
      legislature: 17,
      number: 4132,
      type: 'QE',
    });
    expect(parseQuestionRef('AN 17-4132')).toEqual({ chamber: 'an', legislature: 17, number: 4132, type: null });
    expect(parseQuestionRef('17-4132')?.chamber).toBeNull();
    expect(parseQuestionRef('S')).toBeNull();
  });
});

describe('npm run cli -- question with the Sénat', () => {
  function addSenatQuestion(): void {
    const store = openStore(db);
    const qg = store.getQuestion('QANR5L17QG1')!;
    store.upsertQuestions(
      [
        {
          ...qg,
          uid: 'QSENL17QG1',
          chamber: 'senat',
          author: { ...qg.author, name: 'Mme Anne Sénat', civility: 'Mme', acteurRef: null },
          url: 'https://www.senat.fr/questions/base/2024/qSEQ241000001.html',
        },
      ],
      { seenAt: NOW.toISOString() },
    );
    store.close();
  }

  it('reads 17-1 as the Assemblée question unless --chambre senat or « S 17-1 » says the Sénat', async () => {
    addSenatQuestion();
    const an = await cli('question', '17-1');
    expect(an.code).toBe(0);
    expect(an.out).toContain('(Assemblée nationale, 17e législature) — QANR5L17QG1');
    for (const argv of [['17-1', '--chambre', 'senat'], ['S 17-1'], ['QSENL17QG1']]) {
      const senat = await cli('question', ...argv);
      expect(senat.code).toBe(0);
      expect(senat.out).toContain('(Sénat, 17e législature) — QSENL17QG1');
      expect(senat.out).toContain('Auteur : Mme Anne Sénat, sénatrice');
    }
    const contradiction = await cli('question', 'S 17-1', '--chambre', 'an');
    expect(contradiction.code).not.toBe(0);
    expect(contradiction.err).toContain('ne désignent pas la même chambre');
    const bad = await cli('question', '17-1', '--chambre', 'lords');
    expect(bad.err).toContain('Option --chambre : « lords » inconnue');
  });
});

describe('npm run cli -- question', () => {
  it('shows 17-1 when the only question n° 1 of the 17th is a question au Gouvernement', async () => {
    const r = await cli('question', '17-1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Question au Gouvernement n° 1');
  });

  it('lists the types sharing a number, and shows the one asked for by 17-1-QG or QG 17-1', async () => {
    addWrittenQuestionOne();
    const both = await cli('question', '17-1');
    expect(both.code).toBe(1);
    expect(both.err).toContain('Plusieurs questions portent le numéro 1 : 17-1-QE, 17-1-QG');
    for (const ref of [['17-1-QG'], ['QG', '17-1'], ['QG 17-1']]) {
      const r = await cli('question', ...ref);
      expect(r.code).toBe(0);
      expect(r.out).toContain('QANR5L17QG1');
    }
    expect((await cli('question', '17-1-QE')).out).toContain('QANR5L17QE1');
  });

  it('says the text is not in the open data and links the official page', async () => {
    const r = await cli('question', '17-1');
    expect(r.out).toContain(
      'Le texte de cette question n’est pas (encore) dans les données ouvertes de l’Assemblée : voir https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QG1',
    );
  });

  it('shows « député(e) PA842279 » with the group until the deputy’s record names the author', async () => {
    expect((await cli('question', '17-1')).out).toContain('Auteur : député(e) PA842279 (Rassemblement National, RN)');
    const store = openStore(db);
    const s = await ingest([path.join(SAMPLES, 'acteurs', 'PA842279.json')], { store, now: NOW });
    store.close();
    expect(s.named).toBe(1);
    const named = await cli('question', '17-1');
    expect(named.out).toMatch(/Auteur : (M\.|Mme) [^\n]+ \(Rassemblement National, RN\)/);
    expect(named.out).not.toContain('PA842279');
  });
});
