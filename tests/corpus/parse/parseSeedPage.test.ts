import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeedPage } from '../../../src/corpus/parse/parseSeedPage';
import { decodeText } from '../../../src/corpus/parse/decodeText';
import type { Question } from '../../../src/corpus/types';
import { SEEDS_DIR } from './paths';

function seedFile(prefix: string): string {
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} missing`);
  return path.join(SEEDS_DIR, name);
}

function seedText(prefix: string): string {
  const decoded = decodeText(readFileSync(seedFile(prefix)));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value.text;
}

function parseSeed(prefix: string): Question {
  const r = parseSeedPage(seedText(prefix), seedFile(prefix));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** The paragraph of the page dump that starts with `start`, markdown asterisks removed. */
function printedParagraph(prefix: string, start: string): string {
  const line = seedText(prefix)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith(start));
  if (!line) throw new Error(`no paragraph starting with ${start}`);
  return line.replace(/\*/g, '');
}

const ministry = (name: string) => ({ name, fullName: null, organeRef: null });

interface Expected {
  seed: string;
  uid: string;
  format: 'seed-page-a' | 'seed-page-b';
  legislature: number;
  number: number;
  author: string;
  civility: string;
  fullName: string;
  department: string;
  circonscription: number | null;
  group: string;
  rubrique: string;
  teteAnalyse: string;
  analyses: string[];
  asked: string;
  assigned: string;
  history: Array<[string, string | null]>;
  question: { start: string; end: string; length: number; joDate: string; joPage: string | null };
  answer: { start: string; end: string; length: number; joDate: string; joPage: string };
}

const EXPECTED: Expected[] = [
  {
    seed: '000',
    uid: 'QANR5L14QE50862',
    format: 'seed-page-a',
    legislature: 14,
    number: 50862,
    author: 'M. Lionel Tardy',
    civility: 'M.',
    fullName: 'Lionel Tardy',
    department: 'Haute-Savoie',
    circonscription: 2,
    group: 'Les Républicains',
    rubrique: 'Télécommunications',
    teteAnalyse: 'Internet',
    analyses: [],
    asked: 'Justice',
    assigned: 'Justice',
    history: [['Justice', '2014-02-25']],
    question: {
      start: "M. Lionel Tardy attire l'attention",
      end: 'en matière de lutte contre la cybercriminalité.',
      length: 1114,
      joDate: '2014-02-25',
      joPage: '1736',
    },
    answer: {
      start: "L'entraide pénale non-extraditionnelle",
      end: 'qui concernent la lutte contre la cybercriminalité.',
      length: 1253,
      joDate: '2014-07-01',
      joPage: '5652',
    },
  },
  {
    seed: '001',
    uid: 'QANR5L14QE81473',
    format: 'seed-page-a',
    legislature: 14,
    number: 81473,
    author: 'M. Jacques Cresta',
    civility: 'M.',
    fullName: 'Jacques Cresta',
    department: 'Pyrénées-Orientales',
    circonscription: 1,
    group: 'Socialiste, écologiste et républicain',
    rubrique: 'Justice',
    teteAnalyse: "juge d'instruction",
    analyses: [],
    asked: 'Numérique',
    assigned: 'Justice',
    history: [
      ['Numérique', '2015-06-16'],
      ['Justice', null],
    ],
    question: {
      start: "M. Jacques Cresta attire l'attention",
      end: 'pour protéger la société et nos concitoyens.',
      length: 1424,
      joDate: '2015-06-16',
      joPage: '4463',
    },
    answer: {
      start: 'Le cyberspace pose des difficultés',
      end: 'dédiée à la lutte contre la cybercriminalité.',
      length: 1715,
      joDate: '2016-09-06',
      joPage: '7992',
    },
  },
  {
    seed: '002',
    uid: 'QANR5L14QE60080',
    format: 'seed-page-b',
    legislature: 14,
    number: 60080,
    author: 'M. Thierry Lazaro',
    civility: 'M.',
    fullName: 'Thierry Lazaro',
    department: 'Nord',
    circonscription: null,
    group: 'Union pour un Mouvement Populaire',
    rubrique: 'télécommunications',
    teteAnalyse: 'Internet',
    analyses: ['cybercriminalité', 'rapport', 'préconisations'],
    asked: 'Justice',
    assigned: 'Justice',
    history: [
      ['Justice', '2014-07-08'],
      ['Justice', '2014-08-27'],
    ],
    question: {
      start: "M. Thierry Lazaro attire l'attention",
      end: 'sur le fondement du droit national préconisé à cet effet.',
      length: 853,
      joDate: '2014-07-08',
      joPage: null,
    },
    answer: {
      start: 'La garde des sceaux tient à saluer',
      end: "d'un magistrat référent en matière de cybercriminalité dans chaque parquet.",
      length: 1996,
      joDate: '2014-09-16',
      joPage: '7835',
    },
  },
  {
    seed: '003',
    uid: 'QANR5L14QE64109',
    format: 'seed-page-a',
    legislature: 14,
    number: 64109,
    author: 'M. Thierry Lazaro',
    civility: 'M.',
    fullName: 'Thierry Lazaro',
    department: 'Nord',
    circonscription: 6,
    group: 'Les Républicains',
    rubrique: 'Informatique',
    teteAnalyse: 'sécurité',
    analyses: [],
    asked: 'Numérique',
    assigned: 'Justice',
    history: [
      ['Numérique', '2014-09-16'],
      ['Justice', null],
    ],
    question: {
      start: "M. Thierry Lazaro attire l'attention",
      end: "d'un groupe interétatique en matière de cybercriminalité.",
      length: 417,
      joDate: '2014-09-16',
      joPage: '7627',
    },
    answer: {
      start: 'La proposition no 47 du rapport',
      end: 'sans véritable concertation ni coordination.',
      length: 2081,
      joDate: '2016-09-06',
      joPage: '7986',
    },
  },
  {
    seed: '004',
    uid: 'QANR5L13QE78603',
    format: 'seed-page-a',
    legislature: 13,
    number: 78603,
    author: 'M. Dino Cinieri',
    civility: 'M.',
    fullName: 'Dino Cinieri',
    department: 'Loire',
    circonscription: 4,
    group: 'Union pour un Mouvement Populaire',
    rubrique: 'Télécommunications',
    teteAnalyse: 'Internet',
    analyses: [],
    asked: 'Justice et libertés (garde des sceaux)',
    assigned: 'Intérieur, outre-mer et collectivités territoriales',
    history: [
      ['Justice et libertés (garde des sceaux)', '2010-05-11'],
      ['Intérieur, outre-mer et collectivités territoriales', null],
    ],
    question: {
      start: 'M. Dino Cinieri interroge Mme la ministre',
      end: 'entre les polices spécialisées européennes.',
      length: 335,
      joDate: '2010-05-11',
      joPage: '5189',
    },
    answer: {
      start: 'La cybercriminalité ne connaissant pas de frontières',
      end: 'détecter et combattre cette criminalité.',
      length: 2775,
      joDate: '2010-11-23',
      joPage: '12920',
    },
  },
];

describe('parseSeedPage on the five real seed pages', () => {
  for (const e of EXPECTED) {
    describe(`seed ${e.seed} (${e.uid})`, () => {
      const q = parseSeed(e.seed);

      it('reads the identity: uid, legislature, number, type, layout, official URL', () => {
        expect(q.uid).toBe(e.uid);
        expect(q.legislature).toBe(e.legislature);
        expect(q.number).toBe(e.number);
        expect(q.type).toBe('QE');
        expect(q.source).toEqual({ file: seedFile(e.seed), format: e.format });
        expect(q.url).toBe(`https://www.assemblee-nationale.fr/dyn/${e.legislature}/questions/${e.uid}`);
      });

      it('reads the author, department, circonscription and the group shown by the page', () => {
        expect(q.author).toEqual({
          name: e.author,
          civility: e.civility,
          fullName: e.fullName,
          acteurRef: null,
          mandatRef: null,
          group: { name: e.group, abbrev: null, organeRef: null },
          department: e.department,
          departmentNumber: null,
          circonscription: e.circonscription,
        });
      });

      it('reads rubrique, tête d’analyse and analyses as printed', () => {
        expect(q.rubrique).toBe(e.rubrique);
        expect(q.teteAnalyse).toBe(e.teteAnalyse);
        expect(q.analyses).toEqual(e.analyses);
      });

      it('reads the ministries and their history', () => {
        expect(q.ministryAsked).toEqual(ministry(e.asked));
        expect(q.ministryAssigned).toEqual(ministry(e.assigned));
        expect(q.ministryHistory).toEqual(e.history.map(([name, date]) => ({ ministry: ministry(name), date })));
      });

      it('reads the full question text with its JO date and page', () => {
        expect(q.question).not.toBeNull();
        const text = q.question?.text ?? '';
        expect(text.startsWith(e.question.start)).toBe(true);
        expect(text.endsWith(e.question.end)).toBe(true);
        expect(text.length).toBe(e.question.length);
        expect(text).toBe(printedParagraph(e.seed, e.question.start));
        expect(q.question?.joDate).toBe(e.question.joDate);
        expect(q.question?.joPage).toBe(e.question.joPage);
      });

      it('reads the full answer text with its JO date and page, and marks the question answered', () => {
        const text = q.answer?.text ?? '';
        expect(text.startsWith(e.answer.start)).toBe(true);
        expect(text.endsWith(e.answer.end)).toBe(true);
        expect(text.length).toBe(e.answer.length);
        expect(text).toBe(printedParagraph(e.seed, e.answer.start));
        expect(q.answer?.joDate).toBe(e.answer.joDate);
        expect(q.answer?.joPage).toBe(e.answer.joPage);
        expect(q.status).toBe('answered');
        expect(q.closure).toEqual({ code: 'REP_PUB', label: 'Réponse publiée', date: e.answer.joDate });
      });
    });
  }

  it('keeps the words of markdown emphasis and drops the asterisks (seed 000)', () => {
    const text = parseSeed('000').question?.text ?? '';
    expect(text).toContain('un accord, le mutual legal assistance treaty (MLAT) permet');
    expect(text).not.toContain('*');
  });

  it('finds « Ainsi ce sont 20 % des demandes » in the answer of seed 000', () => {
    expect(parseSeed('000').answer?.text).toContain('Ainsi ce sont 20 % des demandes');
  });

  it('repairs the damaged URL of seed 002 into QANR5L14QE60080', () => {
    expect(seedText('002')).toContain('QANR5I 14QF60080');
    expect(parseSeed('002').uid).toBe('QANR5L14QE60080');
  });
});

describe('parseSeedPage on damaged or variant pages', () => {
  it('fails with « numéro de question absent » when the number was cut off', () => {
    const text = seedText('000')
      .split('\n')
      .filter((l) => !/Question écrite n°|Numéro de la question/.test(l))
      .join('\n');
    expect(parseSeedPage(text, 'x.txt')).toEqual({
      ok: false,
      reason: expect.stringContaining('numéro de question absent'),
    });
  });

  it('keeps a page cut before the answer as a pending question', () => {
    const full = seedText('003');
    const cut = full.slice(0, full.indexOf('Texte de la réponse'));
    const r = parseSeedPage(cut, 'cut.txt');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.uid).toBe('QANR5L14QE64109');
    expect(r.value.status).toBe('pending');
    expect(r.value.answer).toBeNull();
    expect(r.value.closure).toBeNull();
    expect(r.value.question?.text.startsWith("M. Thierry Lazaro attire l'attention")).toBe(true);
    // the key data block was cut too: no date, but the text survives
    expect(r.value.question?.joDate).toBeNull();
  });

  it('keeps a layout B page cut in the middle of its answer', () => {
    const full = seedText('002');
    const r = parseSeedPage(full.slice(0, full.indexOf('La garde des sceaux') + 100), 'cut.txt');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.uid).toBe('QANR5L14QE60080');
    expect(r.value.answer?.text.startsWith('La garde des sceaux')).toBe(true);
    expect(r.value.answer?.joDate).toBe('2014-09-16');
  });

  it('reads a page with CRLF line ends and leading blank lines the same way', () => {
    const lf = parseSeed('001');
    const r = parseSeedPage(`\r\n\r\n${seedText('001').replace(/\n/g, '\r\n')}`, lf.source.file);
    expect(r).toEqual({ ok: true, value: lf });
  });

  it('reads a withdrawn question from a layout A page', () => {
    const text = seedText('003')
      .replace(/Texte de la réponse[\s\S]*?Données clés/, 'Données clés')
      .replace(/Réponse publiée au JO le : .*/, 'Question retirée le : 19 juin 2017 (Fin de mandat)');
    const r = parseSeedPage(text, 'retiree.txt');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.status).toBe('withdrawn');
    expect(r.value.answer).toBeNull();
    expect(r.value.closure).toEqual({ code: null, label: 'Fin de mandat', date: '2017-06-19' });
  });

  it('trusts the title number over a key data number cut short', () => {
    const text = seedText('000').replace(/Numéro de la question : 50862[\s\S]*/, 'Numéro de la question : 508');
    const r = parseSeedPage(text, 'x.txt');
    expect(r.ok && r.value.uid).toBe('QANR5L14QE50862');
  });

  it('reads the number from the key data when the title was lost', () => {
    const text = seedText('000').replace('Question écrite n° 50862', '');
    const r = parseSeedPage(text, 'x.txt');
    expect(r.ok && r.value.uid).toBe('QANR5L14QE50862');
  });

  it('fails on text that is not a question page', () => {
    const r = parseSeedPage('Bonjour,\n\nceci est une lettre.', 'lettre.txt');
    expect(r.ok).toBe(false);
  });
});

describe('parseSeedPage on hostile input', () => {
  it('stays fast on huge pathological pages', () => {
    const big = 400_000;
    const inputs = [
      ' '.repeat(big),
      `Question N°: 1\t${' '.repeat(big)}`,
      `14ème législature\nQuestion écrite n° 1\nDonnées clés\nCirconscription : ${'('.repeat(big)}`,
      `Question N°: 12\nQuestion publiée au JO le : ${' '.repeat(big)}x`,
      `## 14ème legislature\nQuestion N°: 3\n${'*a'.repeat(big / 2)}`,
      `14ème législature\nQuestion écrite n° 1\nTexte de la question\n${'[a]('.repeat(big / 4)}`,
      `Question publiée au JO le : 1 ${'1 '.repeat(big / 2)}`,
    ];
    const started = performance.now();
    for (const text of inputs) {
      const r = parseSeedPage(text, 'big.txt');
      expect(r.ok || r.reason.length > 0).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
