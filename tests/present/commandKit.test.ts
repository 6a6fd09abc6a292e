import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index';
import { createRegistry, customId, defineCommand, validateArgs } from '../../src/present/commandKit';
import { handleCommand, handleComponent, GENERIC_ERROR } from '../../src/present/handleInvocation';
import { UserError } from '../../src/present/UserError';
import { parseDateRange, parseUserDate } from '../../src/present/userInput';
import type { CommandDeps } from '../../src/present/deps';
import { checkCommandDeclarations } from '../support/discordFake';

const ctx = {
  userId: '1',
  guildId: null,
  channelId: null,
  memberPermissions: null,
  locale: 'fr',
  now: new Date('2025-01-01T00:00:00Z'),
};
const deps = {} as CommandDeps;

describe('command declarations', () => {
  it('are accepted by what Discord checks (names, lengths, option order, English localizations)', () => {
    const registry = createRegistry(commands);
    expect(checkCommandDeclarations(registry.declarations())).toEqual([]);
    for (const d of registry.declarations()) {
      expect(d.description_localizations?.['en-US'], d.name).toBeTruthy();
      for (const o of d.options ?? []) expect(o.description.length, `${d.name} ${o.name}`).toBeGreaterThan(0);
    }
  });

  it('give every legislature option, wherever it appears, the same type and range', () => {
    type Opt = { name: string; type: number; min_value?: number; max_value?: number; options?: Opt[] };
    const found: Array<{ where: string; type: number; min?: number; max?: number }> = [];
    const walk = (where: string, options: Opt[] | undefined) => {
      for (const o of options ?? []) {
        if (o.name === 'legislature') found.push({ where, type: o.type, min: o.min_value, max: o.max_value });
        walk(`${where} ${o.name}`, o.options);
      }
    };
    for (const d of createRegistry(commands).declarations()) walk(d.name, d.options as Opt[] | undefined);
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(new Set(found.map((f) => JSON.stringify([f.type, f.min, f.max])))).toEqual(new Set(['[4,1,20]']));
  });

  it('put required options first and declare subcommands', () => {
    const cmd = defineCommand({
      name: 'digest',
      description: 'd',
      descriptionEn: 'd',
      subcommands: {
        ajouter: {
          description: 'a',
          descriptionEn: 'a',
          options: {
            heure: { type: 'string', description: 'h', descriptionEn: 'h' },
            salon: { type: 'channel', required: true, description: 's', descriptionEn: 's' },
          },
        },
        liste: { description: 'l', descriptionEn: 'l' },
      },
      run: async (args) => ({ content: args.subcommand === 'ajouter' ? `salon ${args.salon}` : 'liste' }),
    });
    const ajouter = cmd.data.options?.[0] as { type: number; options: Array<{ name: string }> };
    expect(ajouter.type).toBe(1);
    expect(ajouter.options.map((o) => o.name)).toEqual(['salon', 'heure']);
    expect(checkCommandDeclarations([cmd.data])).toEqual([]);
  });

  it('declare where they are installed and used, once: everywhere by default, servers only when asked', () => {
    const run = () => ({ content: 'x' });
    const reading = defineCommand({ name: 'lire', description: 'Lit', descriptionEn: 'Reads', run });
    expect(reading.data).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2], dm_permission: true });
    const config = defineCommand({
      name: 'regler',
      description: 'Règle',
      descriptionEn: 'Sets',
      installs: 'server',
      run,
    });
    expect(config.data).toMatchObject({ integration_types: [0], contexts: [0], dm_permission: false });
  });

  it('take a role as its id, typed or as a mention', () => {
    const specs = { mention: { type: 'role', description: 'r', descriptionEn: 'r' } } as const;
    expect(validateArgs(specs, { mention: '<@&123456789012345678>' })).toEqual({ mention: '123456789012345678' });
    expect(() => validateArgs(specs, { mention: '@veille' })).toThrow(UserError);
  });

  it('refuses two commands sharing a component prefix', () => {
    const a = defineCommand({
      name: 'a',
      description: 'a',
      descriptionEn: 'a',
      run: async () => ({}),
      components: { xx: async () => ({}) },
    });
    const b = defineCommand({
      name: 'b',
      description: 'b',
      descriptionEn: 'b',
      run: async () => ({}),
      components: { xx: async () => ({}) },
    });
    expect(() => createRegistry([a, b])).toThrow(/préfixe de composant « xx »/);
  });
});

describe('validateArgs', () => {
  const specs = {
    texte: { type: 'string', required: true, maxLength: 10, description: 't', descriptionEn: 't' },
    legislature: { type: 'integer', minValue: 1, maxValue: 20, description: 'l', descriptionEn: 'l' },
    statut: { type: 'string', choices: [{ name: 'r', value: 'repondue' }], description: 's', descriptionEn: 's' },
  } as const;

  it('coerces console strings to numbers', () => {
    expect(validateArgs(specs, { texte: 'abc', legislature: '14' })).toEqual({ texte: 'abc', legislature: 14 });
  });

  it.each([
    [{}, /obligatoire/],
    [{ texte: '   ' }, /ne peut pas être vide/],
    [{ texte: 'x'.repeat(11) }, /trop longue/],
    [{ texte: 'a', legislature: 'quatorze' }, /attend un nombre entier/],
    [{ texte: 'a', legislature: 99 }, /au plus 20/],
    [{ texte: 'a', statut: 'bof' }, /Valeur inconnue/],
  ])('refuses %j with a French message', (values, message) => {
    expect(() => validateArgs(specs, values)).toThrow(message);
  });
});

describe('custom ids', () => {
  it('are built within 100 characters and refuse separators in arguments', () => {
    expect(customId('rsp', 'abc', 2, 'n')).toBe('rsp:abc:2:n');
    expect(() => customId('rsp', 'a:b')).toThrow();
    expect(() => customId('rsp', 'x'.repeat(100))).toThrow(/trop long/);
  });
});

describe('the error boundary', () => {
  const boom = defineCommand({
    name: 'boom',
    description: 'b',
    descriptionEn: 'b',
    run: async () => {
      throw new Error('disk on fire');
    },
    components: {
      bx: async () => {
        throw new UserError('Ce bouton a expiré.');
      },
    },
  });
  const oops = defineCommand({
    name: 'oops',
    description: 'o',
    descriptionEn: 'o',
    run: async () => {
      throw new UserError('Numéro inconnu.');
    },
  });
  const registry = createRegistry([boom, oops]);

  it('shows a UserError to the author only', async () => {
    const reply = await handleCommand(registry, 'oops', { values: {} }, deps, ctx);
    expect(reply).toEqual({ content: '⚠️ Numéro inconnu.', ephemeral: true });
  });

  it('logs an unexpected error with context and answers generically', async () => {
    const logged: unknown[] = [];
    const logger = { error: (obj: unknown) => logged.push(obj) } as never;
    const reply = await handleCommand(registry, 'boom', { values: { texte: 'x' } }, deps, ctx, logger);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(GENERIC_ERROR);
    expect(reply.content).not.toContain('disk on fire');
    expect(logged[0]).toMatchObject({ command: 'boom', userId: '1', options: { texte: 'x' } });
  });

  it('answers a stale button politely', async () => {
    const reply = await handleComponent(registry, 'zz:1', [], deps, ctx);
    expect(reply.content).toMatch(/plus valide/);
    const expired = await handleComponent(registry, 'bx:1', [], deps, ctx);
    expect(expired).toMatchObject({ content: '⚠️ Ce bouton a expiré.', ephemeral: true });
  });
});

describe('dates typed by users', () => {
  it('accepts JJ/MM/AAAA and AAAA-MM-JJ', () => {
    expect(parseUserDate('05/03/2019', 'depuis')).toBe('2019-03-05');
    expect(parseUserDate('2019-03-05', 'depuis')).toBe('2019-03-05');
    expect(parseUserDate('5/3/2019', 'depuis')).toBe('2019-03-05');
    expect(parseUserDate('29/02/2024', 'depuis')).toBe('2024-02-29');
  });

  it.each(['31/02/2024', '29/02/2023', '2024-13-01', '00/01/2020'])('refuses the impossible date %s', (d) => {
    expect(() => parseUserDate(d, 'depuis')).toThrow(/Date impossible/);
  });

  it('refuses what is not a date and a "depuis" after "jusqua"', () => {
    expect(() => parseUserDate('hier', 'depuis')).toThrow(/JJ\/MM\/AAAA/);
    expect(() => parseDateRange('01/02/2020', '01/01/2020')).toThrow(/postérieure/);
    expect(parseDateRange('01/01/2020', '01/02/2020')).toEqual({ from: '2020-01-01', to: '2020-02-01' });
  });
});
