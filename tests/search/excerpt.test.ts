import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/search/analyzeFrench';
import { buildExcerpt, excerptToMarkdown, excerptToPlain } from '../../src/search/excerpt';
import type { Excerpt } from '../../src/search/types';
import { seedQuestions } from './helpers';

const seeds = seedQuestions();
const cinieri = seeds.find((q) => q.number === 78603)!; // long answer (about 2,600 characters)
const texts = (q: (typeof seeds)[number]) => ({ question: q.question?.text ?? null, answer: q.answer?.text ?? null });
const plain = (e: Excerpt) => e.parts.map((p) => p.text).join('');

describe('excerpts', () => {
  it('takes the best matching sentence of a long real answer, within the length, cut on a word with "…"', () => {
    const answer = cinieri.answer!.text;
    expect(answer.length).toBeGreaterThan(2000);
    const e = buildExcerpt(texts(cinieri), analyzeText('fichier cyborg europol'), 160)!;
    expect(e.from).toBe('answer');
    const text = plain(e);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toContain('cyborg');
    expect(e.parts.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(
      expect.arrayContaining(['fichier', 'cyborg', 'europol']),
    );
    if (text.endsWith('…')) {
      const body = text.replace(/^…/, '').slice(0, -1);
      const at = answer.indexOf(body);
      expect(at).toBeGreaterThanOrEqual(0);
      // The cut falls between words: the original continues with a space or punctuation.
      expect(answer[at + body.length]).toMatch(/[\s,.;:»)]/);
    }
  });

  it('keeps a whole sentence (and adds the next one) when it fits, without "…"', () => {
    const e = buildExcerpt(texts(cinieri), analyzeText('pédopornographiques'), 400)!;
    const text = plain(e);
    expect(text.startsWith('Limitée au départ aux contenus pédopornographiques')).toBe(true);
    expect(text).not.toContain('…');
    expect(text.length).toBeLessThanOrEqual(400);
  });

  it('uses the question when there is no answer, and when only the question matches', () => {
    const pending = { question: 'M. X interroge le ministre sur le prix du lait payé aux producteurs.', answer: null };
    expect(buildExcerpt(pending, analyzeText('lait'))!.from).toBe('question');
    const tardy = seeds.find((q) => q.number === 50862)!;
    const e = buildExcerpt(texts(tardy), analyzeText('mutual legal assistance treaty'), 300)!;
    expect(e.from).toBe('question');
    expect(e.parts.some((p) => p.match && p.text === 'mutual')).toBe(true);
  });

  it('never lets HTML, entities or line breaks leak into an excerpt', () => {
    const e = buildExcerpt(
      {
        question: null,
        answer:
          '<p>Le <strong>plafond</strong>&nbsp;de ressources&nbsp;:</p>\n\n<table><tr><td>2023</td><td>24 232 &euro;</td></tr></table>\n## Suite\nLe plafond est revalorisé.',
      },
      analyzeText('plafond'),
      300,
    )!;
    const text = plain(e);
    expect(text).not.toMatch(/[<>]|&[a-z]+;|\n|##/);
    expect(text).toContain('plafond');
  });

  it('shows accented letters written as entities (« r&eacute;ponse ») as letters, not as a cut word', () => {
    const e = buildExcerpt(
      {
        question: null,
        answer:
          'La r&eacute;ponse du minist&egrave;re est pr&ecirc;te&nbsp;: 24&#160;232&nbsp;&euro; et l&#8217;aide &inconnue; suit.',
      },
      analyzeText('réponse'),
      300,
    )!;
    const text = plain(e);
    expect(text).toContain('réponse du ministère est prête');
    expect(text).toContain('24 232 €');
    expect(text).toContain('l’aide');
    expect(text).not.toMatch(/&[a-z]+;/);
  });

  it('renders markdown with matches in bold and every piece escaped by the caller', () => {
    const e: Excerpt = {
      from: 'answer',
      parts: [
        { text: 'le *don* ', match: false },
        { text: 'données', match: true },
        { text: ' …', match: false },
      ],
    };
    const escapeMarkdown = (s: string) => s.replace(/[*_`~|\\]/g, '\\$&');
    expect(excerptToMarkdown(e, escapeMarkdown)).toBe('le \\*don\\* **données** …');
    expect(excerptToPlain(e)).toBe('le *don* **données** …');
  });

  it('returns null when there is no text at all', () => {
    expect(buildExcerpt({ question: null, answer: null }, ['x'])).toBeNull();
  });
});
