import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, stemFolded } from '../../src/search/analyzeFrench';
import { lexicon, phraseTerms } from '../../src/search/lexicon';
import { repoRoot } from './helpers';
import { parseQuery } from '../../src/search/query';

/** Clauses as short strings: « term+term@weight » alternatives joined by « / ». */
function clauses(text: string): string[] {
  return parseQuery(text, { prefix: false, fuzzy: false }).clauses.map((c) =>
    c.alts.map((a) => a.terms.join('+') + (a.weight < 1 ? `@${a.weight}` : '')).join(' / '),
  );
}

describe('French analysis of feminine forms and digits', () => {
  it('stems feminine and masculine forms alike once accents are folded (« privée » = « privé », « infirmière » = « infirmier »)', () => {
    const pairs: Array<[string, string]> = [
      ['privee', 'prive'],
      ['infirmieres', 'infirmier'],
      ['douaniere', 'douanier'],
      ['adaptees', 'adapte'],
      ['travailleuses', 'travailleur'],
      ['directrice', 'directeur'],
      ['lyonnaise', 'lyonnais'],
    ];
    for (const [a, b] of pairs) expect(stemFolded(a), a).toBe(stemFolded(b));
  });

  it('indexes single digits (« ligne 7 », « Ariane 5 »)', () => {
    expect(analyzeText('la ligne 7 et Ariane 5')).toEqual(['lign', '7', 'arian', '5']);
  });
});

describe('query clauses', () => {
  it('keeps parseQuery’s contract: no words and no clauses when nothing is searchable', () => {
    const q = parseQuery('le la de');
    expect(q.words).toEqual([]);
    expect(q.clauses).toEqual([]);
    expect(q.number).toBeNull();
  });

  it('reads letters then a number as one code, glued or not, with the expansion (« RN 88 », « RN88 »)', () => {
    const spaced = clauses('RN 88');
    expect(spaced).toEqual(clauses('rn88'));
    expect(spaced[0]).toContain('rn88');
    expect(spaced[0]).toContain('rn+88@0.95');
    expect(spaced[0]).toContain('rout+national+88@0.9');
  });

  it('finds an acronym from its expansion and the reverse', () => {
    expect(clauses('interruption volontaire de grossesse')).toEqual(['interrupt+volontair+grossess / ivg@0.9']);
    expect(clauses('IVG')).toEqual(['ivg / interrupt+volontair+grossess@0.9']);
    // A capitalised acronym that is also a stop word is still an acronym.
    expect(clauses('SES lycée')[0]).toBe('scienc+econom+social@0.9');
  });

  it('adds a derivational family at a lower weight (« hôpital » ~ « hospitalier »)', () => {
    expect(clauses('hôpital')[0]).toMatch(/^hopital \/ .*hospitali@0\.7/);
    expect(clauses('scolaire')[0]).toContain('ecol@0.7');
  });

  it('links a place and its demonym both ways, several words included (« saint etienne » ~ « stéphanois »)', () => {
    expect(clauses('saint etienne')).toEqual(
      clauses('saint-étienne').map((c) => c.replace(/^saintetien \/ /, 'saintetien / saint+etien / ')),
    );
    expect(clauses('saint etienne')[0]).toContain('stephanois@0.85');
    expect(clauses('stéphanois')[0]).toContain('saintetien@0.85');
    expect(clauses('Douaisis')[0]).toContain('dou@0.85');
  });

  it('writes numbers with and without the thousands apart (« 15 000 » = « 15000 »), years kept whole', () => {
    expect(clauses('15 000')).toEqual(['15000 / 15+000@0.95']);
    expect(clauses('15000')).toEqual(['15000 / 15+000@0.95']);
    expect(clauses('2018')).toEqual(['2018']);
    expect(clauses('covid-19')).toEqual(['covid19 / covid+19@0.95']);
  });

  it('loads the vocabulary files: a few hundred acronyms, families and places, each entry saying where it came from', () => {
    const L = lexicon();
    expect(L.expansions.size).toBeGreaterThan(250);
    expect(L.family.size).toBeGreaterThan(300);
    expect(L.place.size).toBeGreaterThan(200);
    for (const name of ['families', 'places', 'acronyms']) {
      const data = JSON.parse(readFileSync(path.join(repoRoot, `src/search/lexicon/${name}.json`), 'utf8')) as {
        entries: Array<{ from?: string }>;
      };
      for (const e of data.entries) expect(e.from, JSON.stringify(e)).toMatch(/\S/);
    }
  });

  it('has families the stemmer does not already join, and no word in two families', () => {
    const data = JSON.parse(readFileSync(path.join(repoRoot, 'src/search/lexicon/families.json'), 'utf8')) as {
      entries: Array<{ words: string[] }>;
    };
    const owner = new Map<string, string>();
    for (const e of data.entries) {
      const terms = new Set(e.words.map((w) => phraseTerms(w.replace(/-/g, ''))[0]));
      expect(terms.size, e.words.join(' ')).toBeGreaterThan(1);
      for (const t of terms) {
        expect(owner.get(t!), `${t} in « ${owner.get(t!)} » and « ${e.words.join(' ')} »`).toBeUndefined();
        owner.set(t!, e.words.join(' '));
      }
    }
  });
});
