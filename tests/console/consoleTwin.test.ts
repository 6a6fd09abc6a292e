import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index';
import {
  createConsoleSession,
  parseCommandLine,
  saveReplyFiles,
  type ConsoleSession,
} from '../../src/console/consoleTwin';
import { markdownToText, renderReply } from '../../src/console/renderReply';
import { createRegistry } from '../../src/present/commandKit';
import { createCommandDeps } from '../../src/present/createCommandDeps';
import { createSearchService, type SearchServiceHandle } from '../../src/search';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { buildCorpus, tempDir } from '../support/botCorpus';

const registry = createRegistry(commands);

describe('parseCommandLine', () => {
  it('reads options written name:value, with quotes or up to the next option', () => {
    expect(parseCommandLine('/recherche texte:cybercriminalité depute:Tardy', registry)).toEqual({
      kind: 'command',
      name: 'recherche',
      raw: { values: { texte: 'cybercriminalité', depute: 'Tardy' } },
    });
    expect(parseCommandLine('/recherche texte:"entraide pénale" legislature:14', registry)).toMatchObject({
      raw: { values: { texte: 'entraide pénale', legislature: '14' } },
    });
    expect(
      parseCommandLine('/recherche texte:entraide pénale internationale depute:Lionel Tardy', registry),
    ).toMatchObject({
      raw: { values: { texte: 'entraide pénale internationale', depute: 'Lionel Tardy' } },
    });
  });

  it('keeps a colon inside a value that is not an option name', () => {
    expect(parseCommandLine('/recherche texte:article 4 : alinéa', registry)).toMatchObject({
      raw: { values: { texte: 'article 4 : alinéa' } },
    });
  });

  it('explains an unknown command or a missing option syntax in French', () => {
    expect(parseCommandLine('/inconnue', registry)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('Commande inconnue'),
    });
    expect(parseCommandLine('/recherche cybercriminalité', registry)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('nom:valeur'),
    });
  });

  it('presses a button of the last message by number or by label', () => {
    const actions = [
      { label: 'Page suivante ▶', customId: 'rsp:x:2:n' },
      { label: 'n° 50862', customId: 'rso:x', value: 'QANR5L14QE50862' },
    ];
    expect(parseCommandLine('1', registry, actions)).toEqual({ kind: 'press', action: actions[0] });
    expect(parseCommandLine('page suivante', registry, actions)).toEqual({ kind: 'press', action: actions[0] });
    expect(parseCommandLine('2', registry, actions)).toEqual({ kind: 'press', action: actions[1] });
  });
});

describe('renderReply', () => {
  it('renders embeds as titled blocks, links as text and buttons as [labels]', () => {
    const out = renderReply({
      embeds: [
        {
          title: 'Recherche : « internet »',
          description: '**2** résultats',
          fields: [{ name: '1. Internet', value: '[n° 50862 (14e lég.)](https://x.fr/q) · M\\. Tardy' }],
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, label: 'Page suivante ▶', custom_id: 'rsp:a:2:n' },
            { type: 2, style: 2, label: '1 / 2', custom_id: 'rsp:a:1:i', disabled: true },
          ],
        },
      ],
    });
    expect(out).toContain('── Recherche : « internet »');
    expect(out).toContain('1. Internet : n° 50862 (14e lég.) <https://x.fr/q> · M. Tardy');
    expect(out).toContain('1. [Page suivante ▶]');
    expect(out).not.toContain('[1 / 2]');
  });

  it('removes escapes and zero-width spaces added for Discord', () => {
    expect(markdownToText('\\*gras\\* @\u200beveryone')).toBe('*gras* @everyone');
  });
});

describe('attachments at the console', () => {
  it('says where a file was written, or that it could not be and why, never silently', () => {
    const tmp = tempDir();
    try {
      const reply = { content: 'x', files: [{ name: 'corpus.png', data: Buffer.from([1, 2, 3]), text: 'Figures.' }] };
      const ok = saveReplyFiles(reply, path.join(tmp.dir, 'out'));
      expect(ok.failure).toBeNull();
      expect(renderReply(reply, ok)).toContain(
        `📎 corpus.png — enregistré : ${path.join(tmp.dir, 'out', 'corpus.png')}`,
      );
      // A folder that cannot be made (a file is in the way).
      writeFileSync(path.join(tmp.dir, 'occupe'), 'x');
      const failed = saveReplyFiles(reply, path.join(tmp.dir, 'occupe', 'out'));
      expect(failed.failure).toMatch(/occupe.+ENOTDIR|occupe.+EEXIST/);
      const text = renderReply(reply, failed);
      expect(text).toMatch(/📎 corpus\.png — non enregistré \(.*occupe/);
      expect(text).toContain('Figures.');
    } finally {
      tmp.cleanup();
    }
  });
});

describe('console session', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: QuestionStore;
  let search: SearchServiceHandle;
  let session: ConsoleSession;
  const output = new PassThrough();

  beforeAll(async () => {
    tmp = tempDir();
    store = await buildCorpus({ dbPath: path.join(tmp.dir, 'q.db'), generated: 60 });
    search = createSearchService({ store, indexDir: null, workers: 0 });
    await search.whenReady;
    session = createConsoleSession({
      registry,
      deps: createCommandDeps(store, search.engine),
      input: new PassThrough(),
      output,
      clock: () => new Date('2025-06-01T00:00:00Z'),
    });
  });

  afterAll(async () => {
    session?.close();
    await search?.close();
    store?.close();
    tmp?.cleanup();
  });

  it('prints the same payloads as Discord, as text, and presses buttons', async () => {
    const first = await session.handleLine('/recherche texte:ministre');
    expect(first).toMatch(/── Recherche : « ministre »/);
    expect(first).toMatch(/page 1\/\d+/);
    expect(first).toContain('[Page suivante ▶]');
    const second = await session.handleLine('Page suivante');
    expect(second).toMatch(/page 2\/\d+/);
    const opened = await session.handleLine('/question numero:50862 legislature:14');
    expect(opened).toContain('Question écrite n° 50862 — Assemblée nationale, 14e législature');
    expect(opened).toContain('[Questions similaires]');
  });

  it('shows errors in French', async () => {
    expect(await session.handleLine('/question numero:abc')).toMatch(/attend un nombre entier/);
    expect(await session.handleLine('/recherche texte:internet depuis:31/02/2024')).toMatch(/Date impossible/);
  });
});
