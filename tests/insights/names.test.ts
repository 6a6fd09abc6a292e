import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseActeur } from '../../src/corpus/parse/parseActeur';
import type { Acteur } from '../../src/corpus/types';
import {
  labelKey,
  MatchLevel,
  matchName,
  nameFilterMatches,
  parseNameQuery,
  personKey,
  rankByName,
} from '../../src/insights/names';

const dir = path.resolve(__dirname, '../fixtures/samples/acteurs');
/** The 603 real deputies' records (AMO), as the ingest reads them. */
const ACTEURS: Acteur[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseActeur(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))))
  .flatMap((r) => (r.ok ? [r.value] : []));

const display = (a: Acteur) => [a.civility, a.firstName, a.lastName].filter(Boolean).join(' ');
const keys = new Map(ACTEURS.map((a) => [a, personKey({ firstName: a.firstName, lastName: a.lastName })]));

function lookup(input: string, limit = 5): string[] {
  return rankByName(
    ACTEURS,
    input,
    (a) => keys.get(a)!,
    () => 0,
    display,
    limit,
  ).map((r) => display(r.value));
}

describe('deputy names, on the real records', () => {
  it('reads all 603 records', () => {
    expect(ACTEURS).toHaveLength(603);
  });

  it('finds « Bruneau Joël » with the last name first', () => {
    expect(lookup('Bruneau Joël')[0]).toBe('M. Joël Bruneau');
    expect(lookup('bruneau joel')[0]).toBe('M. Joël Bruneau');
  });

  it('finds « herouin leautey » without the hyphen and the accents', () => {
    expect(lookup('herouin leautey')[0]).toBe('Mme Florence Herouin-Léautey');
    expect(lookup('Herouinleautey')[0]).toBe('Mme Florence Herouin-Léautey');
    expect(lookup('leautey')[0]).toBe('Mme Florence Herouin-Léautey');
  });

  it('puts an exact last name before a prefix: « Brun » gives the Bruns, then M. Joël Bruneau', () => {
    const found = lookup('Brun', 10);
    expect(found.slice(0, 2).sort()).toEqual(['M. Fabrice Brun', 'M. Philippe Brun']);
    expect(found.indexOf('M. Joël Bruneau')).toBeGreaterThan(1);
    expect(lookup('Philippe Brun')[0]).toBe('M. Philippe Brun');
    expect(lookup('M. Brun Philippe')[0]).toBe('M. Philippe Brun');
  });

  it('finds names with particles, with or without them', () => {
    expect(lookup('Le Bodo')[0]).toBe('Mme Agnès Firmin Le Bodo');
    expect(lookup('firmin le bodo')[0]).toBe('Mme Agnès Firmin Le Bodo');
    expect(lookup('de Courson')[0]).toBe('M. Charles de Courson');
    expect(lookup('courson')[0]).toBe('M. Charles de Courson');
    expect(lookup('Le Gac')[0]).toBe('M. Didier Le Gac');
    expect(lookup("d'intorni")[0]).toBe("Mme Christelle D'Intorni");
    expect(lookup('dintorni')[0]).toBe("Mme Christelle D'Intorni");
    expect(lookup('prudhomme')[0]).toBe("M. Loïc Prud'homme");
  });

  it('tells « Le Coq » and « Lecoq » apart only as far as the typing allows', () => {
    expect(lookup('Aurélien Le Coq')[0]).toBe('M. Aurélien Le Coq');
    expect(lookup('Jean-Paul Lecoq')[0]).toBe('M. Jean-Paul Lecoq');
    expect(lookup('lecoq').slice(0, 2).sort()).toEqual(['M. Aurélien Le Coq', 'M. Jean-Paul Lecoq']);
  });

  it('completes a name being typed', () => {
    expect(lookup('herou')[0]).toBe('Mme Florence Herouin-Léautey');
    expect(lookup('cours')[0]).toBe('M. Charles de Courson');
  });

  it('gives every record a match for its own display name, at level EXACT', () => {
    for (const a of ACTEURS)
      expect(matchName(parseNameQuery(display(a)), keys.get(a)!), display(a)).toBe(MatchLevel.EXACT);
  });

  it('filters on whole words only: « Brun » keeps M. Philippe Brun, not M. Joël Bruneau', () => {
    const q = parseNameQuery('Brun');
    expect(nameFilterMatches(q, personKey({ name: 'M. Philippe Brun' }))).toBe(true);
    expect(nameFilterMatches(q, personKey({ name: 'M. Joël Bruneau' }))).toBe(false);
    expect(nameFilterMatches(parseNameQuery('bruneau joel'), personKey({ name: 'M. Joël Bruneau' }))).toBe(true);
    expect(nameFilterMatches(parseNameQuery('Mme Le Bodo'), personKey({ name: 'Mme Agnès Firmin Le Bodo' }))).toBe(
      true,
    );
  });

  it('reads a display name without records: first word is the first name, the rest the last name', () => {
    const key = personKey({ name: 'Mme Agnès Firmin Le Bodo' });
    expect(matchName(parseNameQuery('Firmin Le Bodo'), key)).toBe(MatchLevel.LAST_NAME);
    expect(matchName(parseNameQuery('Agnès'), key)).toBe(MatchLevel.WORDS);
    expect(matchName(parseNameQuery('Mme'), key)).toBe(null);
  });

  it('matches ministry labels in any order, accents aside', () => {
    const key = labelKey('Transition écologique et solidaire');
    expect(matchName(parseNameQuery('ecologique transition'), key)).toBe(MatchLevel.WORDS);
    expect(matchName(parseNameQuery('Transition écologique et solidaire'), key)).toBe(MatchLevel.EXACT);
    expect(matchName(parseNameQuery('transition eco'), key)).toBe(MatchLevel.PREFIX);
  });
});
