import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli';
import { openStore } from '../../src/store/openStore';
import { allQuestions } from './helpers';

describe('npm run cli -- search', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cli-search-'));
    db = path.join(dir, 'questions.db');
    const store = openStore(db);
    store.upsertQuestions(allQuestions(), { seenAt: '2025-06-01T00:00:00Z' });
    store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['search', ...args, '--db', db, '--index-dir', path.join(dir, 'index')], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      now: new Date('2025-06-01T00:00:00Z'),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints JSON results with uid, score, title, author, excerpt with **matches**, url, total and mode', async () => {
    const r = await run('entraide pénale', '--legislature', '14', '--statut', 'repondu', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { total: number; mode: string; results: Array<Record<string, unknown>> };
    expect(json.mode).toBe('all');
    expect(json.total).toBe(3);
    expect(json.results[0]).toMatchObject({
      uid: 'QANR5L14QE60080',
      author: 'M. Thierry Lazaro',
      url: expect.stringContaining('QANR5L14QE60080'),
    });
    expect(typeof json.results[0]!.score).toBe('number');
    expect(json.results[0]!.title).toContain('cybercriminalité');
    expect(json.results[0]!.excerpt).toMatch(/\*\*entraide\*\* \*\*pénale\*\*/i);
  });

  it('prints a French listing, and says when it fell back to any word', async () => {
    const r = await run('europol éoliennes', '--tri', 'recent');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Aucune question ne contient tous les mots');
    expect(r.out).toContain('n° 78603 (13e législature)');
  });

  it('accepts the status words of Discord (en_attente), of the CLI (en-attente) and plain French alike', async () => {
    const totals = [];
    for (const statut of ['en_attente', 'en-attente', 'en attente', 'EN ATTENTE']) {
      const r = await run('justice', '--statut', statut, '--json');
      expect(r, statut).toMatchObject({ code: 0 });
      const json = JSON.parse(r.out) as { total: number; results: Array<{ status: string }> };
      expect(json.results.every((x) => x.status === 'pending')).toBe(true);
      totals.push(json.total);
    }
    expect(new Set(totals).size).toBe(1);
    for (const statut of ['repondue', 'répondues', 'repondu'])
      expect(await run('justice', '--statut', statut), statut).toMatchObject({ code: 0 });
  });

  it('rejects impossible dates and unknown statuses with a French message', async () => {
    expect(await run('justice', '--depuis', '31/02/2024')).toMatchObject({
      code: 1,
      err: expect.stringContaining("n'existe pas"),
    });
    expect(await run('justice', '--statut', 'perdu')).toMatchObject({
      code: 1,
      err: expect.stringContaining('inconnu'),
    });
    expect(await run('justice', '--depuis', '2024-05-01', '--jusqua', '01/01/2024')).toMatchObject({ code: 1 });
  });
});
