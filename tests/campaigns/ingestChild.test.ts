import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CampaignStore } from '../../src/campaigns/CampaignStore';
import { ingestInChildProcess } from '../../src/corpus/ingest/ingestInChildProcess';
import { openStore } from '../../src/store/openStore';
import { writeArchive } from '../../tools/generator';
import { tempDir } from '../support/botCorpus';

const tmp = tempDir('campaigns-child-');
afterAll(() => tmp.cleanup());

describe('campaigns after an ingest in the child process', () => {
  it('are computed by the child, fully the first time, then for the new questions only', async () => {
    const dbPath = path.join(tmp.dir, 'q.db');
    const day1 = path.join(tmp.dir, 'day1.json');
    const day2 = path.join(tmp.dir, 'day2.json');
    await writeArchive({ out: day1, layout: 'single', count: 300, seed: 4, legislature: 17, campaignShare: 0.2 });
    await writeArchive({
      out: day2,
      layout: 'single',
      count: 100,
      seed: 4,
      legislature: 17,
      campaignShare: 0.2,
      startNumber: 301,
    });
    const logs: string[] = [];
    const now = new Date('2025-06-01T08:00:00Z');
    await ingestInChildProcess([day1], { dbPath, now, log: (l) => logs.push(l) });
    expect(logs.find((l) => l.startsWith('Campagnes'))).toMatch(/^Campagnes \(calcul complet\) : 300 questions lues/);
    await ingestInChildProcess([day2], { dbPath, now, log: (l) => logs.push(l) });
    expect(logs.filter((l) => l.startsWith('Campagnes'))[1]).toMatch(/^Campagnes \(mise à jour\) : 100 questions lues/);
    const store = openStore(dbPath);
    const campaigns = new CampaignStore(store);
    expect(campaigns.computed()).toBe(true);
    expect(campaigns.largest()[0]!.size).toBeGreaterThan(3);
    store.close();
  }, 60_000);
});
