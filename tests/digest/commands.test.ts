import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import digest from '../../commands/digest';
import suivis from '../../commands/suivis';
import suivre from '../../commands/suivre';
import type { CallContext, RawArgs } from '../../src/present/commandKit';
import type { CommandDeps } from '../../src/present/deps';
import { UserError } from '../../src/present/UserError';
import { makeQuestion } from './support/questions';
import { openTestDb, type TestDb } from './support/store';

const NOW = new Date('2025-03-05T10:00:00Z'); // Wednesday
let t: TestDb;
let deps: CommandDeps;

function ctx(over: Partial<CallContext> = {}): CallContext {
  return { userId: 'u1', guildId: 'g1', channelId: 'c1', memberPermissions: 32n, locale: 'fr', now: NOW, ...over };
}

function run(cmd: typeof digest, raw: RawArgs, c: CallContext = ctx()) {
  return cmd.execute(raw, deps, c);
}

beforeEach(() => {
  t = openTestDb();
  t.store.upsertQuestions(
    [
      makeQuestion({ number: 1 }),
      makeQuestion({ number: 2, answerText: 'Déjà répondu.' }),
      makeQuestion({ number: 3, closure: { label: 'Caduque', date: '2024-06-10' } }),
    ],
    { seenAt: NOW.toISOString() },
  );
  // Only what these commands use; the rest of CommandDeps is the bot's.
  deps = {
    store: t.store,
    digest: {
      service: t.service,
      timeZone: 'Europe/Paris',
      defaultTime: '08:00',
      defaultLegislature: 17,
      scheduler: null,
    },
  } as unknown as CommandDeps;
});
afterEach(() => t.cleanup());

describe('/digest', () => {
  it('adds a Tuesday digest at the default hour and schedules it for next Tuesday 08:00 Paris', async () => {
    const reply = await run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000009', jours: 'mardi' } });
    expect(reply.ephemeral).toBe(true);
    const [sub] = t.repo.listSubscriptions('g1');
    expect(sub).toMatchObject({
      channelId: '900000000000000009',
      days: [2],
      time: '08:00',
      content: 'tout',
      createdBy: 'u1',
    });
    expect(sub!.nextRunAt).toBe('2025-03-11T07:00:00.000Z');
    expect(reply.content).toContain('le mardi à 08 h');
  });

  it('follows one chamber when asked, keeps it through other changes, and goes back to both with « tous »', async () => {
    const added = await run(digest, {
      subcommand: 'ajouter',
      values: { salon: '900000000000000009', chambre: 'senat' },
    });
    const [sub] = t.repo.listSubscriptions('g1');
    expect(sub!.chamber).toBe('senat');
    expect(added.content).toContain('Sénat · contenu : tout');
    await run(digest, { subcommand: 'modifier', values: { id: sub!.id, heure: '9h' } });
    expect(t.repo.getSubscription(sub!.id)).toMatchObject({ chamber: 'senat', time: '09:00' });
    await run(digest, { subcommand: 'modifier', values: { id: sub!.id, chambre: 'an' } });
    expect(t.repo.getSubscription(sub!.id)!.chamber).toBe('an');
    await run(digest, { subcommand: 'modifier', values: { id: sub!.id, chambre: 'tous' } });
    expect(t.repo.getSubscription(sub!.id)!.chamber).toBeNull();
    await run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000008' } });
    expect(t.repo.listSubscriptions('g1').map((s) => s.chamber)).toEqual([null, null]);
  });

  it('checks the permission at run time, whatever the command declaration', async () => {
    await expect(
      run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000009' } }, ctx({ memberPermissions: 0n })),
    ).rejects.toThrow(UserError);
    await expect(
      run(
        digest,
        { subcommand: 'ajouter', values: { salon: '900000000000000009' } },
        ctx({ memberPermissions: null, guildId: null }),
      ),
    ).rejects.toThrow(/serveur/);
    // Administrator counts as managing the server.
    await expect(
      run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000009' } }, ctx({ memberPermissions: 8n })),
    ).resolves.toBeDefined();
    const id = t.repo.listSubscriptions('g1')[0]!.id;
    await expect(
      run(digest, { subcommand: 'retirer', values: { id } }, ctx({ memberPermissions: 0n })),
    ).rejects.toThrow(/gérer le serveur/);
    expect(t.repo.listSubscriptions('g1')).toHaveLength(1);
  });

  it('rejects an impossible hour or day with a French message', async () => {
    await expect(
      run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000009', heure: '25h' } }),
    ).rejects.toThrow(/Heure invalide/);
    await expect(
      run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000009', jours: 'mardy' } }),
    ).rejects.toThrow(/Jour inconnu/);
    await expect(
      run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000009', 'mots-cles': ', ;' } }),
    ).rejects.toThrow(/aucun mot/);
    expect(t.repo.listSubscriptions('g1')).toHaveLength(0);
  });

  it('changes filters and schedule with « modifier », « - » clearing a filter, and never touches another server', async () => {
    await run(digest, {
      subcommand: 'ajouter',
      values: { salon: '900000000000000009', depute: 'Martin', rubrique: 'santé' },
    });
    const id = t.repo.listSubscriptions('g1')[0]!.id;
    await run(digest, {
      subcommand: 'modifier',
      values: { id, depute: '-', contenu: 'reponses', heure: '18h30', jours: 'lundi, jeudi' },
    });
    expect(t.repo.getSubscription(id)).toMatchObject({
      deputy: null,
      rubrique: 'santé',
      content: 'reponses',
      time: '18:30',
      days: [1, 4],
    });
    expect(t.repo.getSubscription(id)!.nextRunAt).toBe('2025-03-06T17:30:00.000Z');
    await expect(
      run(digest, { subcommand: 'modifier', values: { id, heure: '9h' } }, ctx({ guildId: 'other' })),
    ).rejects.toThrow(/Aucun digest n° /);
    await expect(run(digest, { subcommand: 'apercu', values: { id } }, ctx({ guildId: 'other' }))).rejects.toThrow(
      /Aucun digest n° /,
    );
  });

  it('previews an empty next digest without consuming anything', async () => {
    await run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000009' } });
    const id = t.repo.listSubscriptions('g1')[0]!.id;
    const reply = await run(digest, { subcommand: 'apercu', values: { id } });
    expect(reply).toMatchObject({ ephemeral: true });
    expect(reply.content).toContain('rien de nouveau');
  });

  it('limits the number of digests per server', async () => {
    for (let i = 0; i < 25; i++)
      await run(digest, { subcommand: 'ajouter', values: { salon: `9000000000000001${String(i).padStart(2, '0')}` } });
    await expect(run(digest, { subcommand: 'ajouter', values: { salon: '900000000000000099' } })).rejects.toThrow(
      /déjà 25 digests/,
    );
  });
});

describe('/suivre and /suivis', () => {
  it('follows a pending question of the live legislature by default, once', async () => {
    const first = await run(suivre, { values: { numero: 1 } });
    expect(first.content).toContain('C’est noté');
    const again = await run(suivre, { values: { numero: 1 } });
    expect(again.content).toContain('suivez déjà');
    expect(t.repo.activeFollowsOfUser('u1')).toHaveLength(1);
  });

  it('explains why an answered, closed or unknown question cannot be followed', async () => {
    await expect(run(suivre, { values: { numero: 2 } })).rejects.toThrow(/déjà reçu sa réponse/);
    await expect(run(suivre, { values: { numero: 3 } })).rejects.toThrow(/Caduque/);
    await expect(run(suivre, { values: { numero: 1, legislature: 16 } })).rejects.toThrow(/16e législature/);
    await expect(
      run(suivre, { values: { numero: 1, ou: 'salon' } }, ctx({ guildId: null, channelId: null })),
    ).rejects.toThrow(/salon de serveur/);
  });

  it('lists follows with a menu that stops following one', async () => {
    await run(suivre, { values: { numero: 1, ou: 'salon' } });
    const list = await run(suivis, { values: {} });
    expect(list.embeds?.[0]?.description).toContain('n° 1');
    const menu = list.components?.[0]?.components[0] as { custom_id: string; options: Array<{ value: string }> };
    expect(menu.custom_id).toBe('svr');
    const updated = await suivis.components.svr!({ args: [], values: [menu.options[0]!.value] }, deps, ctx());
    expect(updated.content).toContain('Suivi retiré');
    expect(updated.content).toContain('aucune question');
    // Someone else cannot remove it.
    await run(suivre, { values: { numero: 1 } });
    const mine = t.repo.activeFollowsOfUser('u1')[0]!;
    await suivis.components.svr!({ args: [], values: [String(mine.id)] }, deps, ctx({ userId: 'intruder' }));
    expect(t.repo.activeFollowsOfUser('u1')).toHaveLength(1);
  });
});
