import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/search/query';
import { rerank, smallestWindow, subjectOf } from '../../src/search/rerank';

describe('re-ranking the first results on their texts', () => {
  it('reads the subject of a question from its first sentence, after « sur »', () => {
    const text =
      "M. Jean Dupont attire l'attention de Mme la ministre des solidarités et de la santé sur la reconnaissance des travailleurs de l'amiante. Il rappelle que les hôpitaux…";
    expect(subjectOf(text)).toBe(" sur la reconnaissance des travailleurs de l'amiante.");
  });

  it('measures how close the words are: the smallest window holding each of them', () => {
    const sets = [new Map([['a', 1]]), new Map([['b', 1]])];
    expect(smallestWindow(['a', 'x', 'x', 'b', 'a', 'b'], sets)).toEqual({ window: 2, found: 2 });
    expect(smallestWindow(['a', 'x'], sets)).toEqual({ window: 0, found: 1 });
  });

  it('puts the question about exactly this before one about the same topic with a higher first score', () => {
    const q = parseQuery('travailleurs amiante', { prefix: false });
    const hits = [
      { uid: 'topic', score: 10, title: 'Question n° 1', terms: ['travailleur', 'amiant'], allWords: true },
      { uid: 'exact', score: 8, title: 'Question n° 2', terms: ['travailleur', 'amiant'], allWords: true },
    ];
    const texts = new Map([
      [
        'topic',
        "M. X interroge M. le ministre sur un site industriel. L'amiante y fut employée. Des travailleurs du site demandent une liste.",
      ],
      ['exact', "Mme Y attire l'attention de M. le ministre sur la reconnaissance des travailleurs de l'amiante."],
    ]);
    expect(rerank(hits, q.clauses, texts).map((h) => h.uid)).toEqual(['exact', 'topic']);
  });

  it('keeps all-words results before most-words ones, whatever their texts', () => {
    const q = parseQuery('travailleurs amiante', { prefix: false });
    const hits = [
      { uid: 'all', score: 1, title: '', terms: ['travailleur', 'amiant'], allWords: true },
      { uid: 'most', score: 0.5, title: 'travailleurs amiante', terms: ['amiant'], allWords: false },
    ];
    const texts = new Map([
      ['all', 'Sur autre chose.'],
      ['most', 'Sur les travailleurs et l’amiante.'],
    ]);
    expect(rerank(hits, q.clauses, texts).map((h) => h.uid)).toEqual(['all', 'most']);
  });
});
