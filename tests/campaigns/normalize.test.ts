import { describe, expect, it } from 'vitest';
import { answerKey, groupCampaigns } from '../../src/campaigns/detect';
import { campaignWords } from '../../src/campaigns/normalize';
import { estimate, jaccard, minhash, shingles } from '../../src/campaigns/signature';

const BODY =
  "sur la fermeture des classes de l'école rurale. Les parents d'élèves, les enseignants et les maires constatent " +
  'que la carte scolaire supprime chaque année des postes dans les communes de moins de mille habitants, alors que ' +
  "les effectifs restent stables. Il lui demande quelles mesures le Gouvernement entend prendre pour préserver l'école.";

describe('campaign normalisation', () => {
  it('sets aside the opening, the civility, the author and their département', () => {
    const a = campaignWords({
      text: `M. Jean Dupont attire l'attention de M. le ministre de l'éducation nationale ${BODY} Dans le Cantal aussi.`,
      authorName: 'M. Jean Dupont',
      department: 'Cantal',
    });
    const b = campaignWords({
      text: `Mme Anne Martin interroge Mme la ministre de l'éducation ${BODY.replace('Il lui', 'Elle lui')} Dans le Gers aussi.`,
      authorName: 'Mme Anne Martin',
      department: 'Gers',
    });
    expect(a).toEqual(b);
    expect(a).not.toContain('dupont');
    expect(a).not.toContain('attention');
    expect(a[0]).toBe('fermeture');
  });

  it('estimates the Jaccard similarity from the signatures', () => {
    const words = Array.from({ length: 400 }, (_, i) => `mot${i}`);
    const a = shingles(words);
    const b = shingles([...words.slice(0, 300), ...Array.from({ length: 100 }, (_, i) => `autre${i}`)]);
    expect(Math.abs(estimate(minhash(a), minhash(b)) - jaccard(a, b))).toBeLessThan(0.15);
    expect(estimate(minhash(a), minhash(a))).toBe(1);
  });

  it('does not group one-line questions, too short to tell', () => {
    const short = shingles(['situation', 'hopitaux', 'ruraux']);
    expect([...groupCampaigns([short, short]).root]).toEqual([-1, -1]);
  });

  it('keys a common answer by its folded words, not a short referral', () => {
    const answer = `${'Le Gouvernement est pleinement mobilisé sur ce sujet. '.repeat(5)}`;
    expect(answerKey(answer)).toBe(answerKey(answer.toUpperCase()));
    expect(answerKey('Voir la réponse à la question n° 1234.')).toBeNull();
    expect(answerKey(null)).toBeNull();
  });
});
