import { describe, expect, it } from 'vitest';
import { groupCampaigns } from '../../src/campaigns/detect';
import { campaignWords } from '../../src/campaigns/normalize';
import { shingles } from '../../src/campaigns/signature';
import { parseOpenDataQuestion } from '../../src/corpus/parse/parseOpenDataQuestion';
import { generateQuestions } from '../../tools/generator';
import { campaignOf } from '../../tools/generator/campaigns';

const SEED = 11;
const COUNT = 3000;

describe('generated campaigns', () => {
  it('leaves the output unchanged when campaigns are off', () => {
    const plain = [...generateQuestions({ count: 200, seed: SEED })];
    const off = [...generateQuestions({ count: 200, seed: SEED, campaignShare: 0 })];
    expect(JSON.stringify(off)).toBe(JSON.stringify(plain));
  });

  it('writes campaigns the detection finds: shared text, own openings, common answers', () => {
    const questions = [...generateQuestions({ count: COUNT, seed: SEED, legislature: 16, campaignShare: 0.08 })].map(
      (raw) => {
        const r = parseOpenDataQuestion(raw, 'generated');
        if (!r.ok) throw new Error('unparsable generated question');
        return r.value;
      },
    );
    const truth = questions.map((q) => campaignOf(SEED, 16, q.number, 0.08)?.key ?? null);
    const members = truth.filter((k) => k !== null);
    expect(members.length).toBeGreaterThan(150);
    // Members open with their own names.
    const first = questions.filter((_, i) => truth[i] !== null).slice(0, 2);
    expect(first[0]!.question!.text.startsWith(first[0]!.author.name ?? '')).toBe(true);
    const sets = questions.map((q) =>
      shingles(
        campaignWords({ text: q.question?.text ?? '', authorName: q.author.name, department: q.author.department }),
      ),
    );
    const { root } = groupCampaigns(sets);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < questions.length; i++) {
      for (let j = i + 1; j < questions.length; j++) {
        const same = truth[i] !== null && truth[i] === truth[j];
        const found = root[i] !== -1 && root[i] === root[j];
        if (found && same) tp++;
        else if (found) fp++;
        else if (same) fn++;
      }
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.95);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.9);
  });
});
