import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRecord } from '../../../src/corpus/parse/jsonFields';
import { parseActeur } from '../../../src/corpus/parse/parseActeur';
import { parseOpenDataQuestion } from '../../../src/corpus/parse/parseOpenDataQuestion';
import { parseSeedPage } from '../../../src/corpus/parse/parseSeedPage';
import { decodeText } from '../../../src/corpus/parse/decodeText';
import { collapseSpaces, htmlToText } from '../../../src/text/htmlToText';
import { officialUrl, parseUid, type ParseResult, type Question } from '../../../src/corpus/types';
import { FIXTURES_DIR, SEEDS_DIR, SAMPLES_DIR, readJson } from './paths';

/** A failure always says why. */
function expectWellFormed<T>(r: ParseResult<T>): void {
  if (!r.ok) {
    expect(typeof r.reason).toBe('string');
    expect(r.reason.trim()).not.toBe('');
  }
}

/** Invariants every parsed Question keeps, whatever the input. */
function expectValidQuestion(q: Question): void {
  const id = parseUid(q.uid);
  expect(id).toEqual({ chamber: q.chamber, legislature: q.legislature, type: q.type, number: q.number });
  expect(q.url).toBe(officialUrl(q.legislature, q.uid));
  expect(q.status === 'answered').toBe(q.answer !== null);
  expect(q.ministryAssigned).toEqual(q.ministryHistory.at(-1)?.ministry ?? null);
  for (const a of q.analyses) expect(typeof a).toBe('string');
  for (const d of [q.question?.joDate, q.answer?.joDate, q.closure?.date, ...q.ministryHistory.map((h) => h.date)]) {
    if (d !== undefined && d !== null) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  // unknown values are null, never undefined: a JSON round trip changes nothing
  expect(JSON.parse(JSON.stringify(q))).toEqual(q);
}

const seedTexts = readdirSync(SEEDS_DIR)
  .sort()
  .map((f) => {
    const r = decodeText(readFileSync(path.join(SEEDS_DIR, f)));
    if (!r.ok) throw new Error(r.reason);
    return r.value.text;
  });

const fixtureFiles = readdirSync(FIXTURES_DIR).filter((f) => /^QANR5L.*\.json$/.test(f));
const fixtureObjects: unknown[] = [
  ...fixtureFiles.map((f) => readJson(path.join(FIXTURES_DIR, f))),
  readJson(path.join(SAMPLES_DIR, 'QANR5L17QG1.json')),
];
const acteurObjects: unknown[] = readdirSync(path.join(SAMPLES_DIR, 'acteurs')).map((f) =>
  readJson(path.join(SAMPLES_DIR, 'acteurs', f)),
);

/** Every path (list of keys / indexes) to a value inside a JSON tree. */
function allPaths(v: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...prefix, i], ...allPaths(x, [...prefix, i]));
    });
  else if (isRecord(v))
    for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...allPaths(x, [...prefix, k]));
  return out;
}

const DELETE = Symbol('delete');
const replacement = fc.oneof(
  fc.constant<unknown>(DELETE),
  fc.constant<unknown>(null),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom<unknown>('', 'QE', 'QX', '2024-13-45', '31/02/2020', '<p>x</p>', { '#text': 'PA1' }, [], [null], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Replaces or deletes the values at some paths of a deep copy. */
function mutate(root: unknown, picks: Array<{ index: number; value: unknown }>): unknown {
  const copy = structuredClone(root);
  for (const { index, value } of picks) {
    const paths = allPaths(copy);
    if (paths.length === 0) break;
    const p = paths[index % paths.length] ?? [];
    let parent: unknown = copy;
    for (const key of p.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
    const last = p.at(-1);
    if (last === undefined || parent === null || typeof parent !== 'object') continue;
    if (value === DELETE) {
      if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
      else delete (parent as Record<string, unknown>)[String(last)];
    } else {
      // A copy: fast-check hands out the same constant object to several picks, and a later pick may write it
      // inside itself (a cyclic tree no JSON file can hold).
      (parent as Record<string | number, unknown>)[last] = structuredClone(value);
    }
  }
  return copy;
}

const mutations = fc.array(fc.record({ index: fc.nat(), value: replacement }), { minLength: 1, maxLength: 6 });

describe('decodeText properties', () => {
  it('never throws on random bytes and always says why it rejects', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const r = decodeText(bytes);
        expectWellFormed(r);
        if (r.ok) {
          expect(r.value.text).not.toMatch(/[\r\0]/);
          expect(r.value.text.trim()).not.toBe('');
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('gives back any printable text encoded as UTF-8, with LF line ends, NFC', () => {
    const printable = fc
      .string({ unit: 'grapheme', maxLength: 80 })
      .filter((s) => s.trim() !== '' && !/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufeff\ufffd]/.test(s));
    fc.assert(
      fc.property(printable, (s) => {
        const r = decodeText(new TextEncoder().encode(s));
        expect(r).toEqual({ ok: true, value: { text: s.replace(/\r\n?/g, '\n').normalize('NFC'), encoding: 'utf-8' } });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('htmlToText properties', () => {
  const TOKENS = [
    '<p>',
    '</p>',
    '<br>',
    '<br/>',
    '<table>',
    '</table>',
    '<tr>',
    '</tr>',
    '<td>',
    '</td>',
    '<th>',
    '<li>',
    '<strong>',
    '</strong>',
    '<a name=PG1>',
    '</a>',
    '<i>',
    '<p align="CENTER">',
    '<!-- c -->',
    '<script>x</script>',
    '&amp;',
    '&nbsp;',
    '&#233;',
    '&rsquo;',
    '&',
    '&#',
    '>',
    ' ',
    '\n',
    '\t',
    'mot',
    'é',
    '«',
    ':',
    '%',
  ];
  const markup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));

  it('never throws and returns tidy text on random strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), markup),
        (s) => {
          const t = htmlToText(s);
          expect(t).toBe(t.trim());
          expect(t).not.toMatch(/\n{3}| \n|\n |\t/);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves no tag behind when every "<" opens a tag', () => {
    fc.assert(
      fc.property(markup, (s) => {
        expect(htmlToText(s)).not.toContain('<');
      }),
      { numRuns: 1000 },
    );
  });

  it('only collapses whitespace in text without markup', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }).filter((s) => !/[<&\u00ad\u200b-\u200d\u2060\ufeff]/.test(s)),
        (s) => {
          expect(htmlToText(s)).toBe(collapseSpaces(s).normalize('NFC'));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseSeedPage properties', () => {
  const seed = fc.constantFrom(...seedTexts.map((text, i) => ({ text, i })));

  it('never throws on truncated, mutated or spliced seed pages', () => {
    const damaged = fc.oneof(
      fc.tuple(seed, fc.nat()).map(([s, n]) => s.text.slice(0, n % (s.text.length + 1))),
      fc.tuple(seed, fc.nat(), fc.nat()).map(([s, a, b]) => {
        const lines = s.text.split('\n');
        lines.splice(a % lines.length, 1 + (b % 5));
        return lines.join('\n');
      }),
      fc.tuple(seed, fc.nat(), fc.string({ maxLength: 40 })).map(([s, n, ins]) => {
        const at = n % (s.text.length + 1);
        return s.text.slice(0, at) + ins + s.text.slice(at);
      }),
      fc
        .tuple(
          seed,
          fc.array(fc.tuple(fc.nat(), fc.constantFrom('\t', '>', ':', '(', ')', '#', '*', 'n°', '\n', '^', '[', '')), {
            maxLength: 20,
          }),
        )
        .map(([s, edits]) => {
          const chars = [...s.text];
          for (const [n, c] of edits) chars[n % chars.length] = c;
          return chars.join('');
        }),
      fc.string({ maxLength: 300 }),
    );
    fc.assert(
      fc.property(damaged, (text) => {
        const r = parseSeedPage(text, 'mutant.txt');
        expectWellFormed(r);
        if (r.ok) expectValidQuestion(r.value);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps the uid of a page cut anywhere after its number', () => {
    fc.assert(
      fc.property(seed, fc.nat(), ({ text, i }, n) => {
        const full = parseSeedPage(text, 's.txt');
        if (!full.ok) throw new Error(full.reason);
        // layout A prints the number before the texts; layout B in its header cells
        const numberLine = /Question (?:écrite n°|N°:) \d+/.exec(text);
        if (!numberLine) throw new Error(`seed ${i} without number line`);
        const from = numberLine.index + numberLine[0].length;
        const cut = text.slice(0, from + (n % (text.length - from + 1)));
        const r = parseSeedPage(cut, 's.txt');
        if (!r.ok) throw new Error(`seed ${i} cut at ${cut.length}: ${r.reason}`);
        expect(r.value.uid).toBe(full.value.uid);
        expectValidQuestion(r.value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseOpenDataQuestion and parseActeur properties', () => {
  it('never throw on random JSON values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (raw) => {
        const q = parseOpenDataQuestion(raw, 'random.json');
        expectWellFormed(q);
        if (q.ok) expectValidQuestion(q.value);
        expectWellFormed(parseActeur(raw));
      }),
      { numRuns: 1500 },
    );
  });

  it('survive fixtures with random fields deleted or replaced by null, numbers, arrays, strings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtureObjects), mutations, (root, picks) => {
        const r = parseOpenDataQuestion(mutate(root, picks), 'mutant.json');
        expectWellFormed(r);
        if (r.ok) expectValidQuestion(r.value);
      }),
      { numRuns: 1500 },
    );
  });

  it('still parse a fixture whose damage spares uid, identifiant and type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtureObjects), mutations, (root, picks) => {
        const mutant = mutate(root, picks);
        const q = isRecord(mutant) && isRecord(mutant['question']) ? mutant['question'] : null;
        const spared =
          q !== null &&
          JSON.stringify([q['uid'], q['identifiant'], q['type']]) ===
            JSON.stringify([
              (root as { question: Record<string, unknown> }).question['uid'],
              (root as { question: Record<string, unknown> }).question['identifiant'],
              (root as { question: Record<string, unknown> }).question['type'],
            ]);
        fc.pre(spared);
        const r = parseOpenDataQuestion(mutant, 'mutant.json');
        expect(r.ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('parseActeur survives mutated deputy files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...acteurObjects), mutations, (root, picks) => {
        const r = parseActeur(mutate(root, picks));
        expectWellFormed(r);
        if (r.ok) expect(JSON.parse(JSON.stringify(r.value))).toEqual(r.value);
      }),
      { numRuns: 500 },
    );
  });
});
