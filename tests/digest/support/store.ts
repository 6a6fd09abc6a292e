import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DigestRepository } from '../../../src/digest/DigestRepository';
import { DigestService } from '../../../src/digest/DigestService';
import { openStore } from '../../../src/store/openStore';
import type { NewSubscription } from '../../../src/digest/DigestRepository';
import type { QuestionStore } from '../../../src/store/QuestionStore';

export interface TestDb {
  dir: string;
  dbPath: string;
  store: QuestionStore;
  repo: DigestRepository;
  service: DigestService;
  cleanup(): void;
}

/** A real SQLite file in a temp dir, with every migration applied. */
export function openTestDb(): TestDb {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'digest-'));
  const dbPath = path.join(dir, 'questions.db');
  const store = openStore(dbPath);
  const repo = new DigestRepository(store.db);
  const service = new DigestService({ corpus: store, repo });
  return {
    dir,
    dbPath,
    store,
    repo,
    service,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A daily digest of everything, at 08:00 Paris time, created by user 'u': the subscription tests start from. */
export function newSubscription(
  over: Partial<NewSubscription> & Pick<NewSubscription, 'guildId' | 'channelId'>,
): NewSubscription {
  return {
    createdBy: 'u',
    keywords: null,
    deputy: null,
    ministry: null,
    rubrique: null,
    content: 'tout',
    time: '08:00',
    days: null,
    timeZone: 'Europe/Paris',
    ...over,
  };
}
