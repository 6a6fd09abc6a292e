import { describe, expect, it } from 'vitest';
import { generateActeurs, generateQuestions, type OfficialQuestion } from '../../tools/generator';
import { parseOpenDataQuestion } from '../../src/corpus/parse/parseOpenDataQuestion';
import { applyActeur, parseActeur } from '../../src/corpus/parse/parseActeur';
import type { Acteur, Question } from '../../src/corpus/types';

const LEGISLATURES = [14, 15, 16, 17];
const raw: OfficialQuestion[] = [...generateQuestions({ count: 2000, seed: 21, legislatures: LEGISLATURES })];
const acteurFiles = generateActeurs({ seed: 21, legislatures: LEGISLATURES });

describe('generated questions and the official parser', () => {
  const parsed = raw.map((q, i) =>
    // Alternate both accepted inputs: the per-file object and the inner object of the single-file layout.
    parseOpenDataQuestion(i % 2 === 0 ? { question: q } : q, `gen/${q.uid}.json`),
  );

  it('parses every generated question', () => {
    const failures = parsed.flatMap((r, i) => (r.ok ? [] : [`${raw[i]!.uid}: ${r.reason}`]));
    expect(failures).toEqual([]);
  });

  it('reads back what the generator meant: status, dates, ministries, analyses, plain texts', () => {
    parsed.forEach((r, i) => {
      const q = raw[i]!;
      if (!r.ok) throw new Error(r.reason);
      const v: Question = r.value;
      expect(v.uid).toBe(q.uid);
      expect(v.legislature).toBe(Number(q.identifiant.legislature));
      expect(v.number).toBe(Number(q.identifiant.numero));
      expect(v.type).toBe('QE');
      const expected = q.textesReponse ? 'answered' : q.cloture ? 'withdrawn' : 'pending';
      expect(v.status).toBe(expected);
      expect(v.rubrique).toBe(q.indexationAN.rubrique);
      expect(v.teteAnalyse).toBe(q.indexationAN.teteAnalyse);
      const analyses = q.indexationAN.analyses.analyse;
      expect(v.analyses.length).toBeGreaterThanOrEqual(Array.isArray(analyses) ? analyses.length : 1);
      const attribs = Array.isArray(q.minAttribs.minAttrib) ? q.minAttribs.minAttrib : [q.minAttribs.minAttrib];
      expect(v.ministryHistory).toHaveLength(attribs.length);
      expect(v.ministryAssigned?.organeRef).toBe(attribs[attribs.length - 1]!.denomination.organeRef);
      expect(v.ministryAsked?.name).toBe(q.minInt.abrege);
      expect(v.author.group?.abbrev).toBe(q.auteur.groupe.abrege);
      expect(v.question?.joDate).toBe(q.textesQuestion.texteQuestion.infoJO.dateJO);
      expect(v.question?.text).not.toMatch(/<[a-z/]/i);
      if (q.textesReponse) {
        expect(v.answer?.joDate).toBe(q.textesReponse.texteReponse.infoJO.dateJO);
        expect(v.answer?.text.length).toBeGreaterThan(100);
        expect(v.answer?.text).not.toMatch(/<[a-z/]/i);
      } else {
        expect(v.answer).toBeNull();
      }
      if (q.cloture && !q.textesReponse) expect(v.closure?.label).toBe(q.cloture.libelleCloture);
    });
  });
});

describe('generateActeurs', () => {
  const acteurs = new Map<string, Acteur>();
  for (const f of acteurFiles) {
    const r = parseActeur(f);
    if (!r.ok) throw new Error(r.reason);
    acteurs.set(r.value.uid, r.value);
  }

  it('writes about 600 deputies per legislature, some re-elected over several legislatures', () => {
    const one = generateActeurs({ seed: 21, legislature: 17 });
    expect(one.length).toBeGreaterThanOrEqual(577);
    expect(one.length).toBeLessThanOrEqual(610);
    const multi = [...acteurs.values()].filter((a) => new Set(a.mandates.map((m) => m.legislature)).size > 1);
    expect(multi.length).toBeGreaterThan(100);
    expect(acteurs.size).toBeLessThan(4 * 602);
  });

  it('writes the AMO shape: uid #text, etatCivil.ident, ASSEMBLEE mandates with election.lieu', () => {
    const f = acteurFiles[0]!;
    expect(f.acteur.uid['#text']).toMatch(/^PA\d+$/);
    expect(['M.', 'Mme']).toContain(f.acteur.etatCivil.ident.civ);
    const m = f.acteur.mandats.mandat.find((x) => x.typeOrgane === 'ASSEMBLEE')!;
    expect(m.uid).toMatch(/^PM\d+$/);
    expect(m.election?.lieu.departement.length).toBeGreaterThan(0);
    expect(m.election?.lieu.numCirco).toMatch(/^\d+$/);
  });

  it('has the deputy of every question, whose name is the one written in the question text', () => {
    const missing: string[] = [];
    for (const q of raw) {
      const a = acteurs.get(q.auteur.identite.acteurRef);
      const r = parseOpenDataQuestion(q, q.uid);
      if (!a || !r.ok) {
        missing.push(q.uid);
        continue;
      }
      const withAuthor = applyActeur(r.value, a);
      const mandate = a.mandates.find((m) => m.uid === q.auteur.identite.mandatRef);
      expect(mandate?.typeOrgane).toBe('ASSEMBLEE');
      expect(mandate?.legislature).toBe(Number(q.identifiant.legislature));
      expect(withAuthor.author.name).not.toBeNull();
      expect(withAuthor.author.department).not.toBeNull();
      expect(withAuthor.author.circonscription).toBeGreaterThan(0);
      expect(withAuthor.question?.text.startsWith(`${withAuthor.author.name} `)).toBe(true);
    }
    expect(missing).toEqual([]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(generateActeurs({ seed: 21, legislature: 16 }))).toBe(
      JSON.stringify(generateActeurs({ seed: 21, legislature: 16 })),
    );
  });
});
