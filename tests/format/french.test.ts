import { describe, expect, it } from 'vitest';
import {
  authorWithRole,
  daysBetween,
  frCount,
  frenchDate,
  frenchWeekdayDate,
  frenchMonthWords,
  frNoun,
  numericDate,
  ordinal,
  questionSubject,
  questionTitle,
  statusOfWord,
} from '../../src/format/french';

describe('French wording', () => {
  it('takes the plural from 2: « 0 question », « 1 question », « 2 questions »', () => {
    expect(frCount(0, 'question')).toBe('0 question');
    expect(frCount(1, 'question')).toBe('1 question');
    expect(frCount(2, 'question')).toBe('2 questions');
    expect(frNoun(3, 'réponse publiée', 'réponses publiées')).toBe('réponses publiées');
  });

  it('groups thousands as French does', () => {
    expect(frCount(104_000, 'question')).toMatch(/^104\s000 questions$/u);
  });

  it('writes « 1re » for the first legislature and « 1er » for the first day', () => {
    expect(ordinal(1)).toBe('1re');
    expect(ordinal(14)).toBe('14e');
    expect(frenchDate('2014-02-01')).toBe('1er février 2014');
  });

  it('gives a dated day in a time zone with its weekday, the day of that zone', () => {
    // 23:30 UTC on Monday 3 March 2025 is already Tuesday in Paris.
    expect(frenchWeekdayDate(new Date('2025-03-03T23:30:00Z'), 'Europe/Paris')).toBe('mardi 4 mars 2025');
    expect(frenchWeekdayDate(new Date('2025-03-03T23:30:00Z'), 'UTC')).toBe('lundi 3 mars 2025');
  });

  it('writes a day as JJ/MM/AAAA, and nothing for what is not a date', () => {
    expect(numericDate('2014-02-05T00:00:00')).toBe('05/02/2014');
    expect(numericDate('hier')).toBeNull();
    expect(numericDate(null)).toBeNull();
  });

  it('counts whole calendar days between two dates, and nothing when a date is missing or not a date', () => {
    expect(daysBetween('2025-01-31', '2025-03-01')).toBe(29);
    expect(daysBetween('2025-01-31T22:00:00Z', '2025-02-01')).toBe(1);
    expect(daysBetween(null, '2025-03-01')).toBeNull();
    expect(daysBetween('2025-13-45', '2025-03-01')).toBeNull();
  });

  it('titles a question by rubrique, tête d’analyse and comma-separated analyses, else by its number', () => {
    const q = { number: 1234, rubrique: 'retraites', teteAnalyse: 'pensions', analyses: ['montant', 'revalorisation'] };
    expect(questionTitle(q)).toBe('retraites / pensions / montant, revalorisation');
    expect(questionTitle({ number: 1234, rubrique: null, teteAnalyse: ' ', analyses: [] })).toBe('Question n° 1234');
    expect(questionSubject({ rubrique: null, teteAnalyse: null, analyses: [] })).toBe('');
  });
});

describe('one vocabulary for statuses and months', () => {
  it('reads a status as Discord, the CLI and plain French give it', () => {
    for (const w of ['en_attente', 'en-attente', 'en attente', 'Attente']) expect(statusOfWord(w), w).toBe('pending');
    for (const w of ['repondue', 'Répondues', 'repondu']) expect(statusOfWord(w), w).toBe('answered');
    for (const w of ['retiree', 'retirées', 'caduque', 'close']) expect(statusOfWord(w), w).toBe('withdrawn');
    expect(statusOfWord('perdu')).toBeNull();
  });

  it('reads month names folded, and the short forms people type only where asked', () => {
    expect(frenchMonthWords(false).get('fevrier')).toBe(2);
    expect(frenchMonthWords(false).get('aout')).toBe(8);
    expect(frenchMonthWords(false).get('sept')).toBeUndefined();
    expect(frenchMonthWords(true).get('sept')).toBe(9);
    expect([...frenchMonthWords(false).values()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('the author’s mandate (issue 18)', () => {
  const a = (name: string | null, civility: string | null) => ({ name, fullName: null, acteurRef: 'PA1', civility });
  it('says « sénateur », « sénatrice » or « député(e) » after the name, and nothing more when the name is unknown', () => {
    expect(authorWithRole(a('M. Gérard Larcher', 'M.'), 'senat')).toBe('M. Gérard Larcher, sénateur');
    expect(authorWithRole(a('Mme Nathalie Goulet', 'Mme'), 'senat')).toBe('Mme Nathalie Goulet, sénatrice');
    expect(authorWithRole(a('Mme Camille Dupont', 'Mme'), 'an')).toBe('Mme Camille Dupont, députée');
    expect(authorWithRole(a('Camille Dupont', null), 'an')).toBe('Camille Dupont, député(e)');
    expect(authorWithRole(a(null, null), 'an')).toBe('député(e) PA1');
  });
});
