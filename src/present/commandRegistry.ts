/** Component custom ids, and the registry of commands (by name, by component prefix, their declarations). */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CommandModule, ComponentHandler } from './commandTypes';
import { LIMITS } from './limits';

/** Builds a component custom id `prefix:arg1:arg2`. Throws when it would exceed Discord's 100 characters. */
export function customId(prefix: string, ...args: Array<string | number>): string {
  for (const a of args) {
    if (String(a).includes(':')) throw new Error(`argument de custom_id avec « : » : ${String(a)}`);
  }
  const id = [prefix, ...args.map(String)].join(':');
  if (id.length > LIMITS.customId) throw new Error(`custom_id trop long (${id.length}) : ${id}`);
  return id;
}

function parseCustomId(id: string): { prefix: string; args: string[] } {
  const [prefix = '', ...args] = id.split(':');
  return { prefix, args };
}

export interface CommandRegistry {
  commands: readonly CommandModule[];
  get(name: string): CommandModule | undefined;
  /** The command and handler owning a component custom id. */
  component(
    customIdValue: string,
  ): { command: CommandModule; prefix: string; handler: ComponentHandler; args: string[] } | undefined;
  /** Declarations for the deploy script (the same objects the dispatcher uses). */
  declarations(): RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

export function createRegistry(commands: readonly CommandModule[]): CommandRegistry {
  const byName = new Map<string, CommandModule>();
  const byPrefix = new Map<string, CommandModule>();
  for (const c of commands) {
    if (byName.has(c.name)) throw new Error(`commande déclarée deux fois : ${c.name}`);
    byName.set(c.name, c);
    for (const p of Object.keys(c.components)) {
      const owner = byPrefix.get(p);
      if (owner) throw new Error(`préfixe de composant « ${p} » utilisé par ${owner.name} et ${c.name}`);
      byPrefix.set(p, c);
    }
  }
  return {
    commands,
    get: (name) => byName.get(name),
    component(id) {
      const { prefix, args } = parseCustomId(id);
      const command = byPrefix.get(prefix);
      const handler = command?.components[prefix];
      return command && handler ? { command, prefix, handler, args } : undefined;
    },
    declarations: () => commands.map((c) => c.data),
  };
}
