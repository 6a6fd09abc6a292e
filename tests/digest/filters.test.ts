import { describe, expect, it } from 'vitest';
import {
  analyze,
  compileFilters,
  matchesDeputy,
  matchesKeywords,
  matchesMinistry,
  parseKeywords,
} from '../../src/digest/filters';
import type { DigestFilters } from '../../src/digest/types';
import { makeQuestion } from './support/questions';

const none: DigestFilters = { keywords: null, deputy: null, ministry: null, rubrique: null, content: 'tout' };

describe('keyword filter (French analysis)', () => {
  it('finds « retraites » when the text says « retraite »', () => {
    const q = makeQuestion({ questionText: 'La réforme de la retraite des agriculteurs.' });
    expect(matchesKeywords(parseKeywords('retraites'), q)).toBe(true);
  });

  it('ignores accents and case: « hopital » finds « Hôpitaux »', () => {
    const q = makeQuestion({ teteAnalyse: 'Hôpitaux', questionText: 'Rien.' });
    expect(analyze('hopital')).toEqual(analyze('Hôpitaux'));
    expect(matchesKeywords(parseKeywords('hopital'), q)).toBe(true);
  });

  it('requires every word of an alternative, and accepts any alternative', () => {
    const q = makeQuestion({ questionText: 'Les déserts médicaux en zone rurale.', teteAnalyse: null, analyses: [] });
    expect(matchesKeywords(parseKeywords('déserts médicaux'), q)).toBe(true);
    expect(matchesKeywords(parseKeywords('déserts maritimes'), q)).toBe(false);
    expect(matchesKeywords(parseKeywords('pêche, médical'), q)).toBe(true);
  });

  it('searches the answer too', () => {
    const q = makeQuestion({ questionText: 'Question générale.', answerText: 'La cybercriminalité progresse.' });
    expect(matchesKeywords(parseKeywords('cybercriminalité'), q)).toBe(true);
    expect(matchesKeywords(parseKeywords('agriculture'), q)).toBe(false);
  });
});

describe('deputy, ministry, rubrique and content filters', () => {
  it('matches a deputy by last name, full name with civility, or acteurRef', () => {
    const q = makeQuestion({ author: 'M. Lionel Tardy', acteurRef: 'PA719412' });
    expect(matchesDeputy('tardy', q)).toBe(true);
    expect(matchesDeputy('M. Lionel Tardy', q)).toBe(true);
    expect(matchesDeputy('PA719412', q)).toBe(true);
    expect(matchesDeputy('PA000001', q)).toBe(false);
    expect(matchesDeputy('Martin', q)).toBe(false);
  });

  it('matches a deputy with the name in any order, without accents, hyphen or particle, but not a longer name', () => {
    const q = makeQuestion({ author: 'Mme Florence Herouin-Léautey', acteurRef: 'PA841813' });
    expect(matchesDeputy('herouin leautey', q)).toBe(true);
    expect(matchesDeputy('Léautey Florence', q)).toBe(true);
    const bodo = makeQuestion({ author: 'Mme Agnès Firmin Le Bodo', acteurRef: 'PA267780' });
    expect(matchesDeputy('Le Bodo', bodo)).toBe(true);
    const bruneau = makeQuestion({ author: 'M. Joël Bruneau', acteurRef: 'PA840817' });
    expect(matchesDeputy('Bruneau Joël', bruneau)).toBe(true);
    expect(matchesDeputy('Brun', bruneau)).toBe(false);
  });

  it('matches the ministry asked or assigned, accent-insensitively', () => {
    const q = makeQuestion({ ministry: 'Intérieur', ministryAsked: 'Justice' });
    expect(matchesMinistry('interieur', q)).toBe(true);
    expect(matchesMinistry('justice', q)).toBe(true);
    expect(matchesMinistry('Culture', q)).toBe(false);
  });

  it('keeps only the kinds the « contenu » choice asks for', () => {
    const q = makeQuestion({ rubrique: 'agriculture' });
    const questions = compileFilters({ ...none, content: 'questions' });
    const answers = compileFilters({ ...none, content: 'reponses' });
    const all = compileFilters(none);
    expect(questions('new_question', q)).toBe(true);
    expect(questions('new_answer', q)).toBe(false);
    expect(answers('new_answer', q)).toBe(true);
    expect(answers('transfer', q)).toBe(false);
    expect(['new_question', 'new_answer', 'transfer', 'closed'].every((k) => all(k as never, q))).toBe(true);
    expect(compileFilters({ ...none, rubrique: 'Agriculture' })('new_question', q)).toBe(true);
    expect(compileFilters({ ...none, rubrique: 'santé' })('new_question', q)).toBe(false);
  });
});

describe('chamber filter (issue 18)', () => {
  it('keeps one chamber’s questions when the subscription follows one, both chambers otherwise', () => {
    const an = makeQuestion({ number: 1 });
    const senat = { ...makeQuestion({ number: 1 }), uid: 'QSENL17QE1', chamber: 'senat' as const };
    const senatOnly = compileFilters({ ...none, chamber: 'senat' });
    const anOnly = compileFilters({ ...none, chamber: 'an' });
    expect([senatOnly('new_question', senat), senatOnly('new_question', an)]).toEqual([true, false]);
    expect([anOnly('new_question', senat), anOnly('new_question', an)]).toEqual([false, true]);
    for (const both of [compileFilters(none), compileFilters({ ...none, chamber: null })])
      expect([both('new_question', senat), both('new_question', an)]).toEqual([true, true]);
  });
});
