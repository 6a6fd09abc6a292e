/**
 * The command kit's declarations as Discord wants them (the JSON the deploy script sends): names checked,
 * options sorted and localized, install scopes.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { AnyDefinition, InstallScope, OptionSpec, OptionSpecs } from './commandTypes';

/** The declaration fields of an install scope (the same for slash commands and context menus). */
export function installJson(scope: InstallScope): { integration_types: number[]; contexts: number[] } {
  return scope === 'server'
    ? { integration_types: [0], contexts: [0] }
    : { integration_types: [0, 1], contexts: [0, 1, 2] };
}

const NAME_RE = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

const TYPE_CODES = { string: 3, integer: 4, boolean: 5, user: 6, channel: 7, role: 8, number: 10 } as const;

function localized(fr: string, en: string | undefined): Record<string, string> | undefined {
  return en === undefined || en === fr ? undefined : { 'en-US': en, 'en-GB': en };
}

function optionJson(name: string, o: OptionSpec): APIApplicationCommandBasicOption {
  if (!NAME_RE.test(name)) throw new Error(`nom d'option invalide : ${name}`);
  const base: Record<string, unknown> = {
    type: TYPE_CODES[o.type],
    name,
    description: o.description,
    description_localizations: { 'en-US': o.descriptionEn, 'en-GB': o.descriptionEn },
    required: o.required === true,
  };
  const nl = localized(name, o.nameEn);
  if (nl) base.name_localizations = nl;
  if (o.type === 'string' || o.type === 'integer') {
    if (o.autocomplete) base.autocomplete = true;
    if (o.choices) {
      base.choices = o.choices.map((c) => ({
        name: c.name,
        value: c.value,
        ...(c.nameEn ? { name_localizations: { 'en-US': c.nameEn, 'en-GB': c.nameEn } } : {}),
      }));
    }
  }
  if (o.type === 'string') {
    if (o.minLength !== undefined) base.min_length = o.minLength;
    if (o.maxLength !== undefined) base.max_length = o.maxLength;
  }
  if (o.type === 'integer' || o.type === 'number') {
    if (o.minValue !== undefined) base.min_value = o.minValue;
    if (o.maxValue !== undefined) base.max_value = o.maxValue;
  }
  if (o.type === 'channel' && o.channelTypes) base.channel_types = [...o.channelTypes];
  return base as unknown as APIApplicationCommandBasicOption;
}

function optionsJson(specs: OptionSpecs | undefined): APIApplicationCommandBasicOption[] {
  const entries = Object.entries(specs ?? {});
  // Discord requires required options first.
  entries.sort(([, a], [, b]) => Number(b.required === true) - Number(a.required === true));
  return entries.map(([n, o]) => optionJson(n, o));
}

function checkName(name: string): void {
  if (!NAME_RE.test(name)) throw new Error(`nom de commande invalide : ${name}`);
}

/** The JSON declaration of a command (subcommands and options included); throws on an invalid name. */
export function commandJson(def: AnyDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  checkName(def.name);
  const isSub = 'subcommands' in def;
  const options: APIApplicationCommandOption[] = isSub
    ? Object.entries(def.subcommands).map(([sub, s]) => {
        checkName(sub);
        const nl = localized(sub, s.nameEn);
        return {
          type: 1,
          name: sub,
          ...(nl ? { name_localizations: nl } : {}),
          description: s.description,
          description_localizations: { 'en-US': s.descriptionEn, 'en-GB': s.descriptionEn },
          options: optionsJson(s.options),
        } as APIApplicationCommandOption;
      })
    : optionsJson(def.options);
  const nl = localized(def.name, def.nameEn);
  const data: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    type: 1,
    name: def.name,
    ...(nl ? { name_localizations: nl } : {}),
    description: def.description,
    description_localizations: { 'en-US': def.descriptionEn, 'en-GB': def.descriptionEn },
    options,
    default_member_permissions: def.defaultMemberPermissions ?? null,
    dm_permission: def.dmPermission ?? def.installs !== 'server',
    ...installJson(def.installs ?? 'everywhere'),
  };
  return data;
}
