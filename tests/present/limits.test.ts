import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { fitChoices, fitToLimits, truncate } from '../../src/present/limits';
import { escapeCorpus } from '../../src/present/markdown';
import { checkMessageBody } from '../support/discordFake';
import { longText } from '../support/botCorpus';

describe('truncate', () => {
  it('keeps short texts unchanged', () => {
    expect(truncate('Texte de la réponse', 100)).toBe('Texte de la réponse');
  });

  it('cuts on a word boundary and ends with an ellipsis', () => {
    const out = truncate('La procédure d’entraide pénale internationale relève des autorités judiciaires', 40);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out.endsWith('…')).toBe(true);
    expect(
      'La procédure d’entraide pénale internationale relève des autorités judiciaires'.startsWith(out.slice(0, -1)),
    ).toBe(true);
    expect(out.slice(0, -1)).not.toMatch(/\s$/);
    expect(out).toBe('La procédure d’entraide pénale…');
  });

  it('never leaves a dangling escape or an unclosed bold marker', () => {
    expect(truncate(`${'a '.repeat(10)}**gras coupé au milieu du texte**`, 30)).toMatch(/\*\*…$|[^*]…$/);
    const bold = truncate('du texte **entraide pénale internationale et encore des mots**', 30);
    expect((bold.match(/\*\*/g) ?? []).length % 2).toBe(0);
    const esc = truncate(`${'x'.repeat(18)}\\*suite du texte`, 20);
    expect(esc).not.toMatch(/(?<!\\)\\…$/);
  });

  it('respects the maximum for any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 300 }), (s, max) => {
        expect(truncate(s, max).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('fitToLimits', () => {
  it('brings the longest real-size texts within every Discord limit', () => {
    const huge = escapeCorpus(longText(8000));
    const embeds: APIEmbed[] = Array.from({ length: 12 }, (_, i) => ({
      title: `Titre ${i} ${huge.slice(0, 400)}`,
      description: huge,
      footer: { text: huge.slice(0, 3000) },
      author: { name: huge.slice(0, 300) },
      fields: Array.from({ length: 30 }, (_, j) => ({
        name: `${j} ${huge.slice(0, 300)}`,
        value: huge.slice(0, 2000),
      })),
    }));
    const fitted = fitToLimits({ content: huge, embeds });
    expect(checkMessageBody({ ...fitted, allowed_mentions: { parse: [] } }, { requireContent: true })).toEqual([]);
    expect(fitted.embeds?.length).toBeGreaterThanOrEqual(1);
    expect(fitted.embeds?.length).toBeLessThanOrEqual(10);
    expect(fitted.content?.endsWith('…')).toBe(true);
  });

  it('holds for random embeds (property)', () => {
    const text = fc.string({ maxLength: 3000 });
    const embed = fc.record({
      title: fc.option(fc.string({ maxLength: 400 }), { nil: undefined }),
      description: fc.option(text, { nil: undefined }),
      fields: fc.array(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 300 }),
          value: fc.string({ minLength: 1, maxLength: 1500 }),
        }),
        { maxLength: 30 },
      ),
    });
    fc.assert(
      fc.property(fc.array(embed, { minLength: 1, maxLength: 12 }), (embeds) => {
        const fitted = fitToLimits({ embeds: embeds as APIEmbed[] });
        const problems = checkMessageBody({ ...fitted, allowed_mentions: { parse: [] } }, { requireContent: false });
        expect(problems.filter((p) => !p.includes('empty message'))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses (throws) a custom id over 100 characters rather than cutting it', () => {
    expect(() =>
      fitToLimits({
        components: [{ type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'a'.repeat(101) }] }],
      }),
    ).toThrow(/custom_id trop long/);
  });

  it('cuts select options to 25 and labels to 100', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({
      label: `${i} ${'é'.repeat(150)}`,
      value: `v${i}`,
      description: 'd'.repeat(150),
    }));
    const fitted = fitToLimits({ components: [{ type: 1, components: [{ type: 3, custom_id: 'rso:x', options }] }] });
    const select = fitted.components?.[0]?.components[0] as { options: Array<{ label: string; description?: string }> };
    expect(select.options).toHaveLength(25);
    expect(select.options.every((o) => o.label.length <= 100 && (o.description?.length ?? 0) <= 100)).toBe(true);
  });

  it('cuts autocomplete choices to 25 with names of at most 100', () => {
    const choices = fitChoices(
      Array.from({ length: 40 }, (_, i) => ({ name: `${i} ${'x'.repeat(200)}`, value: `v${i}` })),
    );
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);
  });
});

describe('escapeCorpus', () => {
  it('neutralises @everyone, @here and user/role mentions', () => {
    const out = escapeCorpus('Alerte @everyone et @here, voir <@123456789012345678> et <@&42>');
    expect(out).not.toMatch(/@everyone|@here|<@\d|<@&/);
    expect(out.replace(/\u200b/g, '')).toContain('@everyone');
  });

  it('escapes Markdown so that corpus text displays literally', () => {
    expect(escapeCorpus('*gras* _ital_ `code` ~~barré~~ ||spoiler|| [lien](x)')).toBe(
      '\\*gras\\* \\_ital\\_ \\`code\\` \\~\\~barré\\~\\~ \\|\\|spoiler\\|\\| \\[lien\\](x)',
    );
    expect(escapeCorpus('# Titre\n> citation\n- liste\n1. un')).toBe('\\# Titre\n\\> citation\n\\- liste\n1\\. un');
  });

  it('is fast on the longest answers (45,000 characters in well under 50 ms)', () => {
    const text = longText(7000);
    const started = performance.now();
    escapeCorpus(text);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
