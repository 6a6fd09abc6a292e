import { describe, expect, it } from 'vitest';
import { foldKey, foldText, stripAccents } from '../../src/text/fold';

describe('accent folding', () => {
  it('removes accents and keeps case when only accents are asked off', () => {
    expect(stripAccents('Éducation nationale, Île-de-France')).toBe('Education nationale, Ile-de-France');
  });

  it('folds a capital Œ like a small œ, so « Œuvres sociales » and « œuvres sociales » group together', () => {
    expect(foldKey('Œuvres sociales')).toBe('oeuvres sociales');
    expect(foldKey('Œuvres sociales')).toBe(foldKey('œuvres sociales'));
  });

  it('treats typographic apostrophes and non-breaking hyphens in names and labels as plain ones', () => {
    expect(foldKey('L’Haÿ‑les‑Roses')).toBe(foldKey("L'Haÿ-les-Roses"));
    expect(foldKey('  Ministère   de l’économie ')).toBe("ministere de l'economie");
  });

  it('keeps the spaces of a text as they are for the search analyzer (positions matter there)', () => {
    expect(foldText('Cœur  ÉTATS–UNIS')).toBe('coeur  etats-unis');
  });
});
