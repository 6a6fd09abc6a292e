import { describe, expect, it } from 'vitest';
import { parseCorpusChoice } from '../../src/corpus/official/corpusArgs';

describe('the choices of npm run corpus -- officiel', () => {
  it('loads both chambers, legislatures 14 to 17, by default', () => {
    expect(parseCorpusChoice(undefined, undefined)).toEqual({
      ok: true,
      chambers: ['an', 'senat'],
      legislatures: [14, 15, 16, 17],
    });
  });

  it('reads --chambres and --legislatures as lists or ranges, the Sénat’s older legislatures included', () => {
    expect(parseCorpusChoice('senat', '8-17')).toEqual({
      ok: true,
      chambers: ['senat'],
      legislatures: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
    });
    expect(parseCorpusChoice('an,sénat', '17,16')).toEqual({
      ok: true,
      chambers: ['an', 'senat'],
      legislatures: [16, 17],
    });
    expect(parseCorpusChoice('an,senat', '12-17')).toMatchObject({ ok: true, legislatures: [12, 13, 14, 15, 16, 17] });
  });

  it('refuses, in French, an unknown chamber, a malformed list and a legislature no chosen chamber publishes', () => {
    expect(parseCorpusChoice('an,cour', undefined)).toEqual({
      ok: false,
      problem: '--chambres : « an », « senat » ou « an,senat » (reçu « an,cour »).',
    });
    expect(parseCorpusChoice('an', '17-14')).toEqual({
      ok: false,
      problem: '--legislatures : une liste (14,15) ou un intervalle (8-17), reçu « 17-14 ».',
    });
    expect(parseCorpusChoice('an', '12-14')).toEqual({
      ok: false,
      problem: '--legislatures : législatures 12, 13 indisponibles (Assemblée : 14 à 17).',
    });
    expect(parseCorpusChoice('an,senat', '5')).toEqual({
      ok: false,
      problem: '--legislatures : législature 5 indisponible (Assemblée : 14 à 17 ; Sénat : 6 à 17).',
    });
  });
});
