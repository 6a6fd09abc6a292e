/** /question on numbers shared by several types of question (issue 12), on a real SQLite store. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { commands } from '../../commands/index';
import { createRegistry, type CallContext } from '../../src/present/commandKit';
import { createCommandDeps } from '../../src/present/createCommandDeps';
import type { CommandDeps } from '../../src/present/deps';
import { handleCommand } from '../../src/present/handleInvocation';
import type { Reply } from '../../src/present/reply';
import { ingest } from '../../src/corpus/ingest';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { SAMPLES } from '../ingest/support/cloneCorpus';
import { tempDir } from '../support/botCorpus';

const registry = createRegistry(commands);
const now = new Date('2025-06-01T08:00:00Z');
const ctx: CallContext = { userId: '42', guildId: '1', channelId: '2', memberPermissions: null, locale: 'fr', now };
const noSearch = {
  ready: false,
  search: () => {
    throw new Error('unused');
  },
  similar: () => {
    throw new Error('unused');
  },
  suggest: () => [],
};

let tmp: ReturnType<typeof tempDir>;
let store: QuestionStore;
let deps: CommandDeps;

const text = (r: Reply): string =>
  [
    r.content ?? '',
    ...(r.embeds ?? []).flatMap((e: APIEmbed) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');
const run = (values: Record<string, string | number>) => handleCommand(registry, 'question', { values }, deps, ctx);

beforeAll(async () => {
  tmp = tempDir();
  store = openStore(path.join(tmp.dir, 'q.db'));
  await ingest([path.join(SAMPLES, 'QANR5L17QG1.json')], { store, now });
  deps = createCommandDeps(store, noSearch);
});
afterAll(() => {
  store.close();
  tmp.cleanup();
});

describe('/question and types of question', () => {
  it('shows the question au Gouvernement n° 1 when it is the only question n° 1, with an honest text and author', async () => {
    const r = await run({ numero: 1 });
    const t = text(r);
    expect(t).toContain('Question au Gouvernement n° 1 — Assemblée nationale, 17e législature');
    expect(t).toContain('député(e) PA842279 (RN)');
    expect(t).toContain(
      'pas (encore) dans les données ouvertes de l’Assemblée : [voir la page officielle](https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QG1)',
    );
  });

  it('lists the types sharing a number and shows the one chosen with the type option', async () => {
    const qg = store.getQuestion('QANR5L17QG1')!;
    store.upsertQuestions([{ ...qg, uid: 'QANR5L17QE1', type: 'QE' }], { seenAt: now.toISOString() });
    deps = createCommandDeps(store, noSearch);
    const both = await run({ numero: 1, legislature: 17 });
    expect(both).toMatchObject({ ephemeral: true });
    expect(both.content).toContain(
      'Plusieurs questions portent le n° 1 dans la 17e législature : question écrite (type:QE), question au Gouvernement (type:QG). Précisez le type avec l’option type.',
    );
    expect(text(await run({ numero: 1, type: 'QG' }))).toContain('Question au Gouvernement n° 1');
    expect(text(await run({ numero: 1, legislature: 17, type: 'QE' }))).toContain('Question écrite n° 1');
  });
});
