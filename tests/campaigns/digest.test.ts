import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/buildDigest';
import { campaignCorpus } from '../support/campaignCorpus';
import { item } from '../digest/support/questions';

const campaign = { id: 1, subject: 'sur l’expérimentation de valise de télémédecine' };

describe('a digest and campaigns', () => {
  it('shows the new questions of one campaign in one entry, with their authors, and the others one by one', () => {
    const questions = campaignCorpus();
    const tele = questions.filter((q) => q.number >= 9001 && q.number <= 9008);
    const other = questions.find((q) => q.number === 9201)!;
    const items = [...tele.map((q) => ({ ...item(q, 'new_question'), campaign })), item(other, 'new_question')];
    const [message] = buildDigest(items, { title: 'Digest' });
    expect(message!.content).toContain('9 nouvelles questions');
    const text = message!.embeds.map((e) => e.description).join('\n\n');
    const entries = text.split('\n\n');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(/^\*\*8 nouvelles questions reprennent le même texte\*\* sur l’expérimentation/);
    expect(entries[0]).toContain('M. Paul Girard');
    expect(entries[0]!.match(/\[n° \d+\]/g)).toHaveLength(8);
    expect(entries[1]).toContain('n° 9201');
  });

  it('lists a single new question of a campaign as usual', () => {
    const [q] = campaignCorpus();
    const [message] = buildDigest([{ ...item(q!, 'new_question'), campaign }], { title: 'Digest' });
    expect(message!.embeds[0]!.description).not.toContain('même texte');
  });
});
