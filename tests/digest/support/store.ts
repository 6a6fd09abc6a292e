import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DigestRepository } from '../../../src/digest/DigestRepository';
import { DigestService } from '../../../src/digest/DigestService';
import { openStore } from '../../../src/store/openStore';
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
