import { describe, expect, it } from 'vitest';
import PorterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import { allocateCounts, generateQuestions, legislatureSpan, type OfficialQuestion } from '../../tools/generator';
import { isTuesday, isoToDay } from '../../tools/generator/joDates';

const take = (opts: Parameters<typeof generateQuestions>[0]): OfficialQuestion[] => [...generateQuestions(opts)];
const plain = (html: string): string => html.replace(/<[^>]+>/g, ' ');
const words = (html: string): number => plain(html).split(/\s+/).filter(Boolean).length;
const attribsOf = (q: OfficialQuestion) =>
  Array.isArray(q.minAttribs.minAttrib) ? q.minAttribs.minAttrib : [q.minAttribs.minAttrib];

// One mixed corpus shared by the shape and distribution checks (generation is pure: sharing is safe).
const MIXED = take({ count: 3000, seed: 11, legislatures: [14, 16, 17] });

describe('generateQuestions: determinism', () => {
  it('gives byte-identical questions for the same seed', () => {
    const a = JSON.stringify(take({ count: 300, seed: 42, legislatures: [15, 17] }));
    const b = JSON.stringify(take({ count: 300, seed: 42, legislatures: [15, 17] }));
    expect(a).toBe(b);
  });

  it('gives different questions for a different seed', () => {
    const a = take({ count: 50, seed: 1 });
    const b = take({ count: 50, seed: 2 });
    expect(a.map((q) => q.uid)).toEqual(b.map((q) => q.uid));
    const sameText = a.filter(
      (q, i) => q.textesQuestion.texteQuestion.texte === b[i]!.textesQuestion.texteQuestion.texte,
    );
    expect(sameText.length).toBeLessThan(3);
  });

  it('generates a question the same way whatever the count asked (pure function of seed and number)', () => {
    const small = take({ count: 10, seed: 5, startNumber: 100 });
    const large = take({ count: 40, seed: 5, startNumber: 90 });
    expect(JSON.stringify(large.slice(10, 20))).toBe(JSON.stringify(small));
  });
});

describe('generateQuestions: official shape', () => {
  it('numbers questions from startNumber with matching uid and identifiant', () => {
    const qs = take({ count: 5, seed: 3, legislature: 16, startNumber: 1234 });
    expect(qs.map((q) => q.uid)).toEqual([1234, 1235, 1236, 1237, 1238].map((n) => `QANR5L16QE${n}`));
    for (const q of qs) {
      expect(q.identifiant).toEqual({
        numero: q.uid.slice('QANR5L16QE'.length),
        regime: '5eme Republique',
        legislature: '16',
      });
      expect(q.type).toBe('QE');
    }
  });

  it('fills every path of the official format with the right types', () => {
    for (const q of MIXED) {
      expect(q.uid).toMatch(/^QANR5L1[467]QE\d+$/);
      expect(q.indexationAN.rubrique).toMatch(/^[a-zàâçéèêëîïôûùüÿœ :'’-]+$/);
      expect(q.indexationAN.teteAnalyse === null || typeof q.indexationAN.teteAnalyse === 'string').toBe(true);
      const analyse = q.indexationAN.analyses.analyse;
      expect(
        typeof analyse === 'string' || (Array.isArray(analyse) && analyse.every((x) => typeof x === 'string')),
      ).toBe(true);
      expect(q.auteur.identite.acteurRef).toMatch(/^PA\d+$/);
      expect(q.auteur.identite.mandatRef).toMatch(/^PM\d+$/);
      expect(q.auteur.groupe.organeRef).toMatch(/^PO\d+$/);
      expect(q.auteur.groupe.abrege.length).toBeGreaterThan(0);
      expect(q.auteur.groupe.developpe.length).toBeGreaterThan(0);
      expect(q.minInt.organeRef).toMatch(/^PO\d+$/);
      for (const a of attribsOf(q)) {
        expect(a.infoJO.dateJO).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(a.denomination.organeRef).toMatch(/^PO\d+$/);
        expect(typeof a.denomination.abrege).toBe('string');
        expect(typeof a.denomination.developpe).toBe('string');
      }
      expect(attribsOf(q)[0]!.denomination).toEqual(q.minInt);
      const tq = q.textesQuestion.texteQuestion;
      expect(tq.infoJO.dateJO).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(tq.infoJO.pageJO).toMatch(/^\d+$/);
      expect(tq.infoJO.numJO).toMatch(/^\d+$/);
      expect(tq.texte.startsWith('<p>')).toBe(true);
      if (q.textesReponse !== null) {
        expect(q.textesReponse.texteReponse.infoJO.dateJO).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(q.textesReponse.texteReponse.texte).toContain('<p>');
        expect(q.cloture).toMatchObject({ codeCloture: 'REP_PUB', libelleCloture: 'Réponse publiée' });
        expect(q.cloture!.dateCloture).toBe(q.textesReponse.texteReponse.infoJO.dateJO);
      } else if (q.cloture !== null) {
        expect(['Retirée', 'Caduque']).toContain(q.cloture.libelleCloture);
      }
    }
  });

  it('produces both forms of minAttrib, of analyse, a null and a set tête d’analyse, and every status', () => {
    const transferred = MIXED.filter((q) => Array.isArray(q.minAttribs.minAttrib));
    expect(transferred.length).toBeGreaterThan(MIXED.length * 0.04);
    expect(transferred.length).toBeLessThan(MIXED.length * 0.2);
    expect(MIXED.some((q) => !Array.isArray(q.minAttribs.minAttrib))).toBe(true);
    expect(MIXED.some((q) => Array.isArray(q.indexationAN.analyses.analyse))).toBe(true);
    expect(MIXED.some((q) => typeof q.indexationAN.analyses.analyse === 'string')).toBe(true);
    expect(MIXED.some((q) => q.indexationAN.teteAnalyse === null)).toBe(true);
    expect(MIXED.some((q) => q.indexationAN.teteAnalyse !== null)).toBe(true);
    const labels = new Set(MIXED.map((q) => q.cloture?.libelleCloture ?? 'pending'));
    expect([...labels].sort()).toEqual(['Caduque', 'Retirée', 'Réponse publiée', 'pending']);
    expect(MIXED.some((q) => q.textesReponse?.texteReponse.texte.includes('<table'))).toBe(true);
  });

  it('answers about 65 % of the questions of a running legislature by default, and honours the shares given', () => {
    const live = take({ count: 1500, seed: 8, legislature: 17 });
    const answered = live.filter((q) => q.textesReponse !== null).length / live.length;
    expect(answered).toBeGreaterThan(0.55);
    expect(answered).toBeLessThan(0.72);
    const none = take({ count: 300, seed: 8, legislature: 17, answeredShare: 0, withdrawnShare: 0, transferShare: 0 });
    expect(
      none.every((q) => q.textesReponse === null && q.cloture === null && !Array.isArray(q.minAttribs.minAttrib)),
    ).toBe(true);
  });

  it('lets unanswered questions of a finished legislature lapse (« Caduque » at its end)', () => {
    const q14 = MIXED.filter((q) => q.identifiant.legislature === '14');
    expect(q14.every((q) => q.cloture !== null)).toBe(true);
    const lapsed = q14.filter((q) => q.cloture?.libelleCloture === 'Caduque');
    expect(lapsed.length).toBeGreaterThan(0);
  });

  it('dates everything on Tuesdays inside the legislature, answers 1 to 24 months after the question', () => {
    for (const q of MIXED) {
      const span = legislatureSpan(Number(q.identifiant.legislature));
      const asked = q.textesQuestion.texteQuestion.infoJO.dateJO;
      expect(isTuesday(asked)).toBe(true);
      expect(asked >= span.start && asked <= span.end).toBe(true);
      let previous = asked;
      for (const a of attribsOf(q)) {
        expect(isTuesday(a.infoJO.dateJO)).toBe(true);
        expect(a.infoJO.dateJO >= previous).toBe(true);
        previous = a.infoJO.dateJO;
      }
      if (q.textesReponse) {
        const answered = q.textesReponse.texteReponse.infoJO.dateJO;
        expect(isTuesday(answered)).toBe(true);
        const days = isoToDay(answered) - isoToDay(asked);
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(24 * 31 + 7);
        expect(answered > previous).toBe(true);
        expect(answered <= span.end).toBe(true);
      }
    }
  });

  it('keeps question numbers chronological within a legislature', () => {
    const qs = take({ count: 400, seed: 4, legislature: 15, startNumber: 1000 });
    const dates = qs.map((q) => q.textesQuestion.texteQuestion.infoJO.dateJO);
    expect([...dates].sort()).toEqual(dates);
  });

  it('shares a mix of legislatures in proportion to their real volumes, oldest first', () => {
    const parts = allocateCounts({ count: 1000, seed: 1, legislatures: [17, 14] });
    expect(parts.map((p) => p.legislature)).toEqual([14, 17]);
    expect(parts.reduce((s, p) => s + p.count, 0)).toBe(1000);
    expect(parts[0]!.count).toBeGreaterThan(parts[1]!.count * 5);
    const legs = MIXED.map((q) => Number(q.identifiant.legislature));
    expect([...legs].sort((x, y) => x - y)).toEqual(legs);
  });

  it('rejects an unknown legislature with a French message', () => {
    expect(() => take({ count: 1, seed: 1, legislature: 3 })).toThrow(/législature 3 non prise en charge/);
  });
});

describe('generateQuestions: realistic French text', () => {
  it('has questions of ~150-250 words and answers of ~300-500 words on average, with a heavy tail', () => {
    const q = MIXED.map((x) => words(x.textesQuestion.texteQuestion.texte));
    const a = MIXED.filter((x) => x.textesReponse).map((x) => words(x.textesReponse!.texteReponse.texte));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(q)).toBeGreaterThan(150);
    expect(mean(q)).toBeLessThan(250);
    expect(mean(a)).toBeGreaterThan(300);
    expect(mean(a)).toBeLessThan(520);
    expect(mean(q) + mean(a)).toBeGreaterThan(500);
    expect(mean(q) + mean(a)).toBeLessThan(720);
    expect(Math.max(...a)).toBeGreaterThan(2500);
    const sorted = [...a].sort((x, y) => x - y);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThan(mean(a));
  });

  it('names the author and addresses the minister asked in the opening sentence', () => {
    for (const q of MIXED.slice(0, 200)) {
      expect(plain(q.textesQuestion.texteQuestion.texte)).toMatch(
        /^ ?(M\.|Mme) [^ ]+.* (attire|appelle|interroge|alerte|souhaite|interpelle) .*(M\. le|Mme la) /,
      );
    }
  });

  it('uses elisions, « guillemets » and sometimes the typographic apostrophe', () => {
    const all = MIXED.map(
      (q) => q.textesQuestion.texteQuestion.texte + (q.textesReponse?.texteReponse.texte ?? ''),
    ).join('\n');
    expect(all).toMatch(/ l'[a-zéèêàâîôûh]/);
    expect(all).toMatch(/ d'[a-zéèêàâîôûh]/);
    expect(all).toMatch(/ qu'/);
    expect(all).toMatch(/« [^»]+ »/);
    expect(all).toMatch(/ l’[a-zéèêàâîôûh]/);
    expect(all).not.toMatch(/ de le | de les | à le | à les /);
    expect(all).not.toMatch(/@everyone|<@\d+>/);
  });

  it('has a vocabulary of thousands of stems with a Zipf-like frequency curve', () => {
    const byWord = new Map<string, number>();
    for (const q of MIXED) {
      const text = plain(
        `${q.textesQuestion.texteQuestion.texte} ${q.textesReponse?.texteReponse.texte ?? ''}`,
      ).toLowerCase();
      for (const w of text.match(/[a-zà-ÿœæ]{3,}/g) ?? []) byWord.set(w, (byWord.get(w) ?? 0) + 1);
    }
    const freq = new Map<string, number>();
    for (const [w, n] of byWord) {
      const s = PorterStemmerFr.stem(w);
      freq.set(s, (freq.get(s) ?? 0) + n);
    }
    expect(freq.size).toBeGreaterThan(2500);
    const counts = [...freq.values()].sort((x, y) => y - x);
    // Frequent head, long tail: rank 10 much rarer than rank 1, rank 1000 much rarer than rank 10, hapaxes exist.
    expect(counts[0]! / counts[9]!).toBeGreaterThan(3);
    expect(counts[9]! / counts[999]!).toBeGreaterThan(50);
    expect(counts.filter((c) => c === 1).length).toBeGreaterThan(100);
  });

  it('covers about forty rubriques', () => {
    expect(new Set(MIXED.map((q) => q.indexationAN.rubrique)).size).toBeGreaterThanOrEqual(38);
  });
});
