import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/search/analyzeFrench';
import { foldText } from '../../src/text/fold';
import { parseQuery } from '../../src/search/query';
import { seedQuestions } from './helpers';

const terms = (s: string) => new Set(analyzeText(s));
const stemOf = (word: string) => {
  const t = analyzeText(word);
  expect(t).toHaveLength(1);
  return t[0]!;
};

describe('French analysis (same at indexing and query time)', () => {
  const seeds = seedQuestions();
  const tardy = seeds.find((q) => q.number === 50862)!;
  const cresta = seeds.find((q) => q.number === 81473)!;

  it('folds case and accents so that « donnees » and « DONNÉES » give the terms of « données »', () => {
    expect(foldText('Données ÉTATS-UNIS cœur')).toBe('donnees etats-unis coeur');
    expect(stemOf('donnees')).toBe(stemOf('données'));
    expect(stemOf('DONNÉES')).toBe(stemOf('données'));
    // The real answer text of seed 000 says « des données informatiques ».
    expect(terms(tardy.answer!.text).has(stemOf('donnees'))).toBe(true);
  });

  it("splits elisions with straight and typographic apostrophes (« l'entraide », « d’information »)", () => {
    expect(analyzeText("L'entraide pénale")).toEqual(analyzeText('entraide pénale'));
    expect(analyzeText('d’information')).toEqual(analyzeText('information'));
    expect(terms(tardy.answer!.text).has(stemOf('entraide'))).toBe(true);
  });

  it('indexes hyphenated words whole and by parts: « cyber-infraction » is found by « cyberinfraction » and « infraction »', () => {
    // Seed 001: « du domicile de la victime d'une cyber-infraction »
    expect(cresta.answer!.text).toContain('cyber-infraction');
    const t = terms(cresta.answer!.text);
    expect(t.has(stemOf('cyberinfraction'))).toBe(true);
    expect(t.has(stemOf('infraction'))).toBe(true);
    // The query form of a hyphenated word is the joined word, present in both spellings.
    expect(parseQuery('cyber-sécurité').words[0]!.stem).toBe(stemOf('cybersécurité'));
  });

  it('drops French stop words but keeps real search terms (état, personne, premier)', () => {
    expect(analyzeText('de la et les des sur pour qui que')).toEqual([]);
    expect(analyzeText('état personne premier nouveau')).toHaveLength(4);
  });

  it('merges inflections: judiciaires/judiciaire, retraites/retraite/retraité, hôpitaux/hôpital, pénales/pénal', () => {
    expect(stemOf('judiciaires')).toBe(stemOf('judiciaire'));
    expect(stemOf('retraites')).toBe(stemOf('retraite'));
    expect(stemOf('retraité')).toBe(stemOf('retraite'));
    expect(stemOf('hôpitaux')).toBe(stemOf('hôpital'));
    expect(stemOf('hopitaux')).toBe(stemOf('hôpital'));
    expect(stemOf('pénales')).toBe(stemOf('pénal'));
    // Seed 000: « autorités judiciaires américaines » is found by the singular.
    expect(terms(tardy.answer!.text).has(stemOf('judiciaire'))).toBe(true);
  });

  it('keeps apart what the stemmer would wrongly merge: données ≠ don ≠ donne, logement ≠ log, retraite ≠ retrait', () => {
    expect(stemOf('données')).not.toBe(stemOf('don'));
    expect(stemOf('données')).not.toBe(stemOf('donne'));
    expect(stemOf('logements')).not.toBe(stemOf('log'));
    expect(stemOf('retraite')).not.toBe(stemOf('retrait'));
    expect(stemOf('travaux')).toBe(stemOf('travail'));
  });

  it('keeps numbers searchable (« 50862 », « 2014 »)', () => {
    expect(analyzeText('question n° 50862 du 25 février 2014')).toEqual(expect.arrayContaining(['50862', '2014']));
  });

  it('parses "exact phrases", -exclusions and a number typed alone', () => {
    const q = parseQuery('"entraide pénale" -américains cybercrim');
    expect(q.phrases).toEqual([[stemOf('entraide'), stemOf('pénale')]]);
    expect(q.excluded).toEqual([stemOf('américains')]);
    expect(q.words.map((w) => w.raw)).toContain('cybercrim');
    expect(q.words.find((w) => w.raw === 'cybercrim')!.prefix).toBe('cybercrim');
    expect(parseQuery('50862').number).toBe(50862);
    expect(parseQuery('n° 50862').number).toBe(50862);
    expect(parseQuery('retraite 2014').number).toBeNull();
  });

  it('scales fuzziness with word length and only prefixes the last word of 3 letters or more', () => {
    const q = parseQuery('eau cybercriminalite penal');
    expect(q.words.map((w) => w.fuzzy)).toEqual([0, 2, 1]);
    expect(q.words.map((w) => w.prefix)).toEqual([null, null, 'penal']);
    expect(parseQuery('le ma').words).toEqual([]);
    expect(parseQuery('penal', { prefix: false, fuzzy: false }).words[0]).toMatchObject({ prefix: null, fuzzy: 0 });
  });
});
