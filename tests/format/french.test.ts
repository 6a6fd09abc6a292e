import { describe, expect, it } from 'vitest';
import { frCount, frenchDate, frNoun, ordinal } from '../../src/format/french';

describe('French wording', () => {
  it('takes the plural from 2: « 0 question », « 1 question », « 2 questions »', () => {
    expect(frCount(0, 'question')).toBe('0 question');
    expect(frCount(1, 'question')).toBe('1 question');
    expect(frCount(2, 'question')).toBe('2 questions');
    expect(frNoun(3, 'réponse publiée', 'réponses publiées')).toBe('réponses publiées');
  });

  it('groups thousands as French does', () => {
    expect(frCount(104_000, 'question')).toMatch(/^104\s000 questions$/u);
  });

  it('writes « 1re » for the first legislature and « 1er » for the first day', () => {
    expect(ordinal(1)).toBe('1re');
    expect(ordinal(14)).toBe('14e');
    expect(frenchDate('2014-02-01')).toBe('1er février 2014');
  });
});
