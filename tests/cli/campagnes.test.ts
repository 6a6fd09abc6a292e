/** `npm run cli -- campagnes` and the campaign in `question --json` (issue 21), on the campaigns' test corpus. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCampaigns } from '../../src/campaigns/updateCampaigns';
import { buildCorpus, tempDir } from '../support/botCorpus';
import { campaignCorpus } from '../support/campaignCorpus';
import { runCliText } from '../support/cliRun';

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;

beforeAll(async () => {
  tmp = tempDir();
  dbPath = path.join(tmp.dir, 'questions.db');
  const store = await buildCorpus({ dbPath, seeds: false, extra: campaignCorpus() });
  updateCampaigns(store, () => {});
  store.close();
});

afterAll(() => tmp?.cleanup());

const cli = (...argv: string[]) => runCliText([...argv, '--db', dbPath]);

describe('npm run cli -- campagnes', () => {
  it('lists the campaigns as JSON with their questions, and the campaign in question --json', async () => {
    const r = await cli('campagnes', 'télémédecine', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { campaigns: Array<{ size: number; uids: string[]; commonAnswer: number }> };
    expect(json.campaigns).toHaveLength(1);
    expect(json.campaigns[0]).toMatchObject({ size: 8, commonAnswer: 5 });
    expect(json.campaigns[0]!.uids).toHaveLength(8);
    const q = JSON.parse((await cli('question', '17-9003', '--json')).out) as {
      campagne: { campaign: { size: number } };
    };
    expect(q.campagne.campaign.size).toBe(8);
  });

  it('prints the list in French and explains a bad option', async () => {
    expect((await cli('campagnes')).out).toMatch(/^1\. sur l'expérimentation de valise de télémédecine/);
    const bad = await cli('campagnes', '--legislature', 'seize');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Législature invalide');
  });
});

describe('npm run cli -- tendance --campagnes', () => {
  it('counts each campaign once, and says so', async () => {
    const total = async (...extra: string[]) => {
      const r = await cli('tendance', 'télémédecine', '--json', ...extra);
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as { total: number; query: { campaignOnce?: boolean } };
    };
    const all = await total();
    const once = await total('--campagnes');
    // The « télémédecine » campaign's 8 questions count as its first one.
    expect(all.total - once.total).toBe(7);
    expect(once.query.campaignOnce).toBe(true);
    expect((await cli('tendance', 'télémédecine', '--campagnes')).out).toContain(
      'Chaque campagne de questions identiques compte une fois',
    );
  });
});
