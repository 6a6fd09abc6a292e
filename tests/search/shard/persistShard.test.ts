/**
 * The saved shard is one binary file read back without parsing the postings: anything but an intact file of this
 * format (cut short, a byte changed, another program's file, another format) is refused with the reason, never read
 * in part; the service then rebuilds (tests/search/persistence.test.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIndexDoc } from '../../../src/search/indexDoc';
import { parseQuery } from '../../../src/search/query';
import { MINISEARCH_VERSION } from '../../../src/search/shard/miniAdapter';
import { loadShard, saveShard } from '../../../src/search/shard/persistShard';
import { SearchShard } from '../../../src/search/shard/SearchShard';
import { allQuestions } from '../helpers';

const root = mkdtempSync(path.join(tmpdir(), 'persist-shard-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const shard = new SearchShard({ frequentMinDocs: 10 });
shard.add(allQuestions().map(toIndexDoc));
let saved: Buffer;

/** A fresh copy of the saved shard's folder, its file changed by `change`. */
function savedCopy(change: (buf: Buffer) => Buffer): string {
  const dir = path.join(root, `copy-${n++}`);
  const file = path.join(dir, 'shard.bin');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, change(Buffer.from(saved)));
  return dir;
}

beforeAll(async () => {
  await saveShard(shard, path.join(root, 'orig'));
  saved = readFileSync(path.join(root, 'orig', 'shard.bin'));
});

describe('a saved shard file', () => {
  it('reloads intact and answers the same', async () => {
    const loaded = await loadShard(savedCopy((b) => b));
    const q = {
      query: parseQuery('cybercriminalité'),
      filters: {},
      nowDay: 20_000,
      sort: 'relevance' as const,
      top: 10,
    };
    expect(loaded.find(q)).toEqual(shard.find(q));
    expect(loaded.size).toBe(shard.size);
  });

  it('refuses a file cut short', async () => {
    const dir = savedCopy((b) => b);
    const file = path.join(dir, 'shard.bin');
    truncateSync(file, Math.floor(statSync(file).size * 0.7));
    await expect(loadShard(dir)).rejects.toThrow(/out of the file|truncated/);
    truncateSync(file, 10);
    await expect(loadShard(dir)).rejects.toThrow(/not a saved shard/);
  });

  it('refuses a file with one byte changed, in the postings or in the header', async () => {
    await expect(
      loadShard(
        savedCopy((b) => {
          b[b.length - 100]! ^= 0x01;
          return b;
        }),
      ),
    ).rejects.toThrow(/checksum/);
    await expect(
      loadShard(
        savedCopy((b) => {
          b[30]! ^= 0x20;
          return b;
        }),
      ),
    ).rejects.toThrow(/header checksum/);
  });

  it('refuses a foreign file', async () => {
    await expect(loadShard(savedCopy(() => Buffer.from('{"documentCount": 3, "index": []}')))).rejects.toThrow(
      /not a saved shard/,
    );
  });

  it('refuses an intact file of another format (another minisearch version)', async () => {
    const dir = savedCopy((b) => {
      // The header rewritten as another version would have written it, with a valid checksum.
      const length = b.readUInt32LE(8);
      const head = b.subarray(16, 16 + length);
      const text = head.toString('utf8');
      expect(text).toContain(`minisearch-${MINISEARCH_VERSION}`);
      const other = Buffer.from(text.replace(`minisearch-${MINISEARCH_VERSION}`, 'minisearch-6.3.0'), 'utf8');
      expect(other.length).toBe(length);
      other.copy(b, 16);
      b.writeUInt32LE(crc32(other), 12);
      return b;
    });
    await expect(loadShard(dir)).rejects.toThrow(/minisearch-6\.3\.0/);
  });
});
