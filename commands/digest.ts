/**
 * /digest ajouter | modifier | liste | retirer | apercu: a server's daily digests of what is new (see
 * src/digest/). Reserved to members who can manage the server: `default_member_permissions` = ManageGuild,
 * AND checked again at run time on the caller's permissions (a server may override the command's
 * permissions for a role; changing subscriptions must still require ManageGuild).
 */
import { authorKind, corpusChoices } from './shared/autocompleteCorpus';
import {
  defineCommand,
  requireBotInGuild,
  type CallContext,
  type RawArgs,
  type SubcommandSpecs,
} from '../src/present/commandKit';
import type { CommandDeps } from '../src/present/deps';
import type { Choice, Reply } from '../src/present/reply';
import { escapeCorpus, plainText } from '../src/present/markdown';
import { UserError } from '../src/present/UserError';
import type { DigestCommandDeps } from '../src/digest/commandDeps';
import '../src/digest/commandDeps';
import { describeSchedule, describeSubscription } from '../src/digest/DigestService';
import { parseKeywords } from '../src/digest/filters';
import { escapeText } from '../src/digest/format';
import { frenchWeekdayDate } from '../src/format/french';
import { parseDays, parseTime, wallTimeAt } from '../src/digest/schedule';
import type { ChannelKind, DigestContent, Subscription } from '../src/digest/types';
import { CHAMBER_OPTION, chamberOf } from '../src/present/views/filters';

const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;
const MENTION_EVERYONE = 1n << 17n;
/** Discord's channel types a digest may post to: text, announcements, forum, media. */
const TEXT_CHANNELS = [0, 5];
const FORUM_CHANNELS = [15, 16];
/** Subscriptions per server: enough for real use, bounded against mistakes. */
export const MAX_SUBSCRIPTIONS_PER_GUILD = 25;

export function digestDeps(deps: CommandDeps): DigestCommandDeps {
  if (!deps.digest) throw new UserError('Les digests ne sont pas disponibles sur cette instance du bot.');
  return deps.digest;
}

export function requireManager(ctx: CallContext): string {
  if (ctx.guildId === null) throw new UserError('Les digests se gèrent depuis un serveur, pas en message privé.');
  requireBotInGuild(ctx, 'Un digest');
  const p = ctx.memberPermissions;
  if (p === null || ((p & MANAGE_GUILD) === 0n && (p & ADMINISTRATOR) === 0n)) {
    throw new UserError(
      'Seuls les membres qui peuvent gérer le serveur peuvent ajouter, modifier ou retirer un digest.',
    );
  }
  return ctx.guildId;
}

function whenText(sub: Subscription, now: Date): string {
  const next = new Date(sub.nextRunAt);
  const w = wallTimeAt(next, sub.timeZone);
  const hour = `${String(w.hour).padStart(2, '0')} h ${String(w.minute).padStart(2, '0')}`;
  return `${describeSchedule(sub)} · prochain envoi ${next.getTime() <= now.getTime() ? 'imminent' : `le ${frenchWeekdayDate(next, sub.timeZone)} à ${hour}`}`;
}

function subscriptionLine(sub: Subscription, now: Date): string {
  const state = sub.enabled
    ? whenText(sub, now)
    : `**désactivé** : ${escapeText(sub.disabledReason ?? 'raison inconnue')}`;
  const where = `<#${sub.channelId}>${sub.channelKind === 'forum' ? ' (forum)' : ''}`;
  // Shown, not pinged: the answers to commands carry allowed_mentions parse [].
  const mention = sub.mentionRoleId ? ` · mentionne <@&${sub.mentionRoleId}>` : '';
  return `**n° ${sub.id}** · ${where}${mention} · ${escapeText(describeSubscription(sub).replace(/^Abonnement n° \d+ · /, ''))}\n${state}`;
}

const CONTENT_CHOICES = [
  { name: 'nouvelles questions et réponses, transferts, retraits', nameEn: 'everything', value: 'tout' },
  { name: 'nouvelles questions seulement', nameEn: 'new questions only', value: 'questions' },
  { name: 'réponses publiées seulement', nameEn: 'published answers only', value: 'reponses' },
] as const;

const FILTER_OPTIONS = {
  'mots-cles': {
    type: 'string',
    nameEn: 'keywords',
    maxLength: 200,
    description: 'Mots-clés (virgule = ou) : « retraite, déserts médicaux »',
    descriptionEn: 'Keywords (comma = or)',
  },
  depute: {
    type: 'string',
    autocomplete: true,
    nameEn: 'deputy',
    maxLength: 100,
    description: 'Seulement les questions de ce député',
    descriptionEn: 'Only this deputy’s questions',
  },
  ministere: {
    type: 'string',
    autocomplete: true,
    nameEn: 'ministry',
    maxLength: 100,
    description: 'Seulement ce ministère (interrogé ou attributaire)',
    descriptionEn: 'Only this ministry',
  },
  rubrique: {
    type: 'string',
    autocomplete: true,
    nameEn: 'topic',
    maxLength: 100,
    description: 'Seulement cette rubrique (ex. agriculture)',
    descriptionEn: 'Only this topic',
  },
  contenu: {
    type: 'string',
    nameEn: 'content',
    choices: CONTENT_CHOICES,
    description: 'Ce que le digest contient (par défaut tout)',
    descriptionEn: 'What the digest contains (default everything)',
  },
  heure: {
    type: 'string',
    nameEn: 'time',
    maxLength: 10,
    description: 'Heure d’envoi, heure de Paris (ex. 8h, 08:30 ; par défaut 08:00)',
    descriptionEn: 'Time of day, Paris time (default 08:00)',
  },
  chambre: CHAMBER_OPTION,
  jours: {
    type: 'string',
    autocomplete: true,
    nameEn: 'days',
    maxLength: 80,
    description: 'Jours d’envoi : « mardi » (jour du JO), « lundi, jeudi », « semaine », « tous »',
    descriptionEn: 'Days: "mardi", "lundi, jeudi", "semaine", "tous"',
  },
} as const;

const MENTION_OPTION = {
  mention: {
    type: 'role',
    description: 'Un rôle à mentionner dans chaque envoi (jamais @everyone)',
    descriptionEn: 'A role to mention in each post (never @everyone)',
  },
} as const;

const ID_OPTION = {
  id: {
    type: 'integer',
    required: true,
    minValue: 1,
    autocomplete: true,
    description: 'Numéro du digest (voir /digest liste)',
    descriptionEn: 'Digest number (see /digest liste)',
  },
} as const;

interface FilterArgs {
  'mots-cles'?: string;
  chambre?: string;
  depute?: string;
  ministere?: string;
  rubrique?: string;
  contenu?: string;
  heure?: string;
  jours?: string;
}

function checkKeywords(keywords: string | undefined): string | null {
  if (keywords === undefined) return null;
  if (parseKeywords(keywords).length === 0) throw new UserError('Les mots-clés ne contiennent aucun mot utilisable.');
  return keywords;
}

function checkTime(heure: string | undefined, fallback: string): string {
  if (heure === undefined) return fallback;
  const t = parseTime(heure);
  if (t === null) throw new UserError(`Heure invalide : « ${escapeCorpus(heure)} ». Exemples : 8h, 08:30, 18h15.`);
  return t;
}

function checkDays(jours: string | undefined, fallback: number[] | null): number[] | null {
  if (jours === undefined) return fallback;
  const d = parseDays(jours);
  // The message quotes what the user typed.
  if (!d.ok) throw new UserError(escapeCorpus(d.error));
  return d.days;
}

/**
 * The role a digest may mention: one the bot can ping (mentionable, or the bot may mention every role), never
 * @everyone (whose id is the server's). Without what Discord resolved (console), the id is taken as given.
 */
function checkRole(roleId: string, ctx: CallContext): string {
  if (roleId === ctx.guildId) {
    throw new UserError('Un digest ne mentionne jamais @everyone ni @here : choisissez un rôle précis.');
  }
  const role = ctx.resolved?.roles?.[roleId];
  const perms = ctx.appPermissions ?? 0n;
  const botMentionsAll = (perms & (MENTION_EVERYONE | ADMINISTRATOR)) !== 0n;
  if (role && !role.mentionable && !botMentionsAll) {
    throw new UserError(
      `Le bot ne peut pas mentionner le rôle « ${escapeCorpus(role.name)} » : il n’est pas mentionnable et le bot n’a pas ` +
        'la permission « Mentionner @everyone, @here et tous les rôles ». Rendez le rôle mentionnable (Paramètres du ' +
        'serveur > Rôles) ou donnez cette permission au bot, puis recommencez.',
    );
  }
  return roleId;
}

/** A forum or media channel gets a post per question; any other channel one digest message per run. */
function channelKindOf(channelId: string, ctx: CallContext): ChannelKind {
  const type = ctx.resolved?.channels?.[channelId]?.type;
  if (type !== undefined && !TEXT_CHANNELS.includes(type) && !FORUM_CHANNELS.includes(type)) {
    throw new UserError('Un digest se poste dans un salon textuel, d’annonces, forum ou multimédia.');
  }
  return type !== undefined && FORUM_CHANNELS.includes(type) ? 'forum' : 'text';
}

function ownSubscription(d: DigestCommandDeps, guildId: string, id: number): Subscription {
  const sub = d.service.repo.getSubscription(id);
  if (!sub || sub.guildId !== guildId)
    throw new UserError(`Aucun digest n° ${id} sur ce serveur (voir /digest liste).`);
  return sub;
}

/** What a subcommand's checks leave to do (run after the checks, see `prepare` in commandKit). */
type Act = () => Reply;

function add(args: FilterArgs & { salon: string; mention?: string }, deps: CommandDeps, ctx: CallContext): Act {
  const guildId = requireManager(ctx);
  const d = digestDeps(deps);
  if (d.service.repo.listSubscriptions(guildId).length >= MAX_SUBSCRIPTIONS_PER_GUILD) {
    throw new UserError(`Ce serveur a déjà ${MAX_SUBSCRIPTIONS_PER_GUILD} digests : retirez-en un avant d’en ajouter.`);
  }
  const input = {
    guildId,
    channelId: args.salon,
    channelKind: channelKindOf(args.salon, ctx),
    mentionRoleId: args.mention === undefined ? null : checkRole(args.mention, ctx),
    createdBy: ctx.userId,
    keywords: checkKeywords(args['mots-cles']),
    deputy: args.depute ?? null,
    ministry: args.ministere ?? null,
    rubrique: args.rubrique ?? null,
    content: (args.contenu ?? 'tout') as DigestContent,
    chamber: chamberOf(args.chambre) ?? null,
    time: checkTime(args.heure, d.defaultTime),
    days: checkDays(args.jours, null),
    timeZone: d.timeZone,
  };
  return () => {
    const sub = d.service.addSubscription(input, ctx.now);
    const forum =
      sub.channelKind === 'forum'
        ? 'Forum : une publication par question (titre, fiche, étiquettes), puis ses réponses, transferts et retraits dans son fil. '
        : '';
    return {
      ephemeral: true,
      content:
        `Digest n° ${sub.id} créé pour <#${sub.channelId}>.\n${subscriptionLine(sub, ctx.now)}\n` +
        `-# ${forum}Il ne contiendra que ce qui arrive à partir de maintenant ; un jour sans nouveauté, rien n’est posté. ` +
        `Le bot doit pouvoir écrire dans ce salon${sub.channelKind === 'forum' ? ' (et y créer des publications)' : ''}.`,
    };
  };
}

function modify(
  args: FilterArgs & { id: number; mention?: string; 'sans-mention'?: boolean },
  deps: CommandDeps,
  ctx: CallContext,
): Act {
  const guildId = requireManager(ctx);
  const d = digestDeps(deps);
  const sub = ownSubscription(d, guildId, args.id);
  const clear = (v: string | undefined, old: string | null): string | null =>
    v === undefined ? old : v === '-' ? null : v;
  const changes = {
    keywords:
      args['mots-cles'] === '-'
        ? null
        : args['mots-cles'] !== undefined
          ? checkKeywords(args['mots-cles'])
          : sub.keywords,
    deputy: clear(args.depute, sub.deputy),
    ministry: clear(args.ministere, sub.ministry),
    rubrique: clear(args.rubrique, sub.rubrique),
    content: (args.contenu ?? sub.content) as DigestContent,
    // « tous » goes back to both chambers; no option keeps the chamber followed.
    chamber: args.chambre === undefined ? (sub.chamber ?? null) : (chamberOf(args.chambre) ?? null),
    time: checkTime(args.heure, sub.time),
    days: checkDays(args.jours, sub.days),
    ...(args['sans-mention'] === true
      ? { mentionRoleId: null }
      : args.mention !== undefined
        ? { mentionRoleId: checkRole(args.mention, ctx) }
        : {}),
  };
  return () => {
    const updated = d.service.updateSubscription(sub.id, changes, ctx.now);
    return {
      ephemeral: true,
      content: `Digest n° ${updated.id} modifié${sub.enabled ? '' : ' et réactivé'}.\n${subscriptionLine(updated, ctx.now)}`,
    };
  };
}

function list(deps: CommandDeps, ctx: CallContext): Act {
  const guildId = ctx.guildId;
  if (guildId === null) throw new UserError('Les digests se gèrent depuis un serveur.');
  const d = digestDeps(deps);
  return () => listReply(d, guildId, ctx.now);
}

function listReply(d: DigestCommandDeps, guildId: string, now: Date): Reply {
  const subs = d.service.repo.listSubscriptions(guildId);
  if (subs.length === 0) {
    return {
      ephemeral: true,
      content: 'Aucun digest sur ce serveur. Créez-en un avec `/digest ajouter salon:#questions jours:mardi`.',
    };
  }
  const lines = subs.map((s) => subscriptionLine(s, now));
  // 25 subscriptions at most, each line well under 160 characters: fits one 4096 description.
  return {
    ephemeral: true,
    embeds: [
      {
        title: `Digests de ce serveur (${subs.length})`,
        description: lines.join('\n\n').slice(0, 4096),
        color: 0x3b82f6,
      },
    ],
  };
}

function remove(id: number, deps: CommandDeps, ctx: CallContext): Act {
  const guildId = requireManager(ctx);
  const d = digestDeps(deps);
  const sub = ownSubscription(d, guildId, id);
  return () => {
    d.service.repo.removeSubscription(guildId, sub.id);
    return { ephemeral: true, content: `Digest n° ${sub.id} (<#${sub.channelId}>) retiré.` };
  };
}

function preview(id: number, deps: CommandDeps, ctx: CallContext): Act {
  if (ctx.guildId === null) throw new UserError('Les digests se gèrent depuis un serveur.');
  const d = digestDeps(deps);
  const sub = ownSubscription(d, ctx.guildId, id);
  return () => previewReply(d, sub, ctx.now);
}

/** What a forum subscription's manager should know: why posts have no tags, threads that refused replies. */
function forumNotes(d: DigestCommandDeps, sub: Subscription): string {
  if (sub.channelKind !== 'forum') return '';
  const notes: string[] = [];
  if (sub.tagNote) notes.push(`Étiquettes : ${sub.tagNote}.`);
  const closed = d.service.repo.closedForumPosts(sub.id);
  if (closed.locked + closed.deleted > 0) {
    notes.push(
      `${closed.locked} fil(s) verrouillé(s) et ${closed.deleted} supprimé(s) : leurs nouvelles ne sont plus postées.`,
    );
  }
  return notes.map((n) => `\n-# ${n}`).join('');
}

function previewReply(d: DigestCommandDeps, sub: Subscription, now: Date): Reply {
  const notes = forumNotes(d, sub);
  const messages = d.service.preview(sub, now);
  const first = messages[0];
  if (!first) {
    return {
      ephemeral: true,
      content:
        `Aperçu du digest n° ${sub.id} : rien de nouveau pour l’instant depuis le dernier envoi. ${sub.enabled ? `(${whenText(sub, now)})` : ''}`.trim() +
        notes,
    };
  }
  const more = `${messages.length > 1 ? `\n-# Aperçu : partie 1 sur ${messages.length}.` : ''}${notes}`;
  return {
    ephemeral: true,
    content: `${first.content.slice(0, 2000 - more.length - 1)}${more}`,
    embeds: first.embeds,
  };
}

const DAY_SUGGESTIONS = ['mardi', 'tous', 'semaine', 'lundi', 'mercredi', 'jeudi', 'vendredi', 'lundi, jeudi'];

async function autocomplete(
  focused: { name: string; value: string },
  deps: CommandDeps,
  ctx: CallContext,
  raw: RawArgs,
): Promise<Choice[]> {
  switch (focused.name) {
    case 'depute':
      return corpusChoices(authorKind(raw), focused.value, deps);
    case 'ministere':
      return corpusChoices('ministry', focused.value, deps);
    case 'rubrique':
      return corpusChoices('rubrique', focused.value, deps);
    case 'jours': {
      const v = focused.value.trim().toLowerCase();
      return DAY_SUGGESTIONS.filter((s) => s.startsWith(v) || v === '').map((s) => ({ name: s, value: s }));
    }
    case 'id': {
      if (ctx.guildId === null || !deps.digest) return [];
      return deps.digest.service.repo
        .listSubscriptions(ctx.guildId)
        .filter((s) => String(s.id).startsWith(focused.value.trim()))
        .slice(0, 25)
        .map((s) => ({ name: plainText(describeSubscription(s)).slice(0, 100), value: s.id }));
    }
    default:
      return [];
  }
}

const SUBCOMMANDS = {
  ajouter: {
    nameEn: 'add',
    description: 'Abonne un salon à un digest (filtres facultatifs)',
    descriptionEn: 'Subscribe a channel to a digest (optional filters)',
    options: {
      salon: {
        type: 'channel',
        required: true,
        nameEn: 'channel',
        channelTypes: [...TEXT_CHANNELS, ...FORUM_CHANNELS],
        description: 'Salon où poster le digest (un forum : une publication par question)',
        descriptionEn: 'Channel to post to (a forum: one post per question)',
      },
      ...FILTER_OPTIONS,
      ...MENTION_OPTION,
    },
  },
  modifier: {
    nameEn: 'edit',
    description: 'Change les filtres ou l’horaire d’un digest (« - » efface un filtre)',
    descriptionEn: 'Change a digest’s filters or schedule ("-" clears a filter)',
    options: {
      ...ID_OPTION,
      ...FILTER_OPTIONS,
      ...MENTION_OPTION,
      'sans-mention': {
        type: 'boolean',
        nameEn: 'no-mention',
        description: 'Ne plus mentionner de rôle',
        descriptionEn: 'Stop mentioning a role',
      },
    },
  },
  liste: { nameEn: 'list', description: 'Les digests de ce serveur', descriptionEn: 'This server’s digests' },
  retirer: {
    nameEn: 'remove',
    description: 'Supprime un digest',
    descriptionEn: 'Delete a digest',
    options: ID_OPTION,
  },
  apercu: {
    nameEn: 'preview',
    description: 'Montre (à vous seul) ce que contiendrait le prochain envoi',
    descriptionEn: 'Show (to you only) what the next digest would contain',
    options: ID_OPTION,
  },
} as const satisfies SubcommandSpecs;

export default defineCommand<typeof SUBCOMMANDS, Act>({
  name: 'digest',
  description: 'Digests quotidiens des nouvelles questions et réponses, postés dans un salon',
  descriptionEn: 'Daily digests of new questions and answers, posted to a channel',
  help: {
    what: 'Un résumé quotidien des nouvelles questions et réponses dans un salon, filtré par chambre (Assemblée, Sénat ou les deux), mots-clés, député, ministère ou rubrique (membres qui gèrent le serveur).',
    examples: [
      '/digest ajouter salon:#questions jours:mardi',
      '/digest ajouter salon:#sante ministere:Santé contenu:reponses heure:9h',
      '/digest ajouter salon:#senat chambre:senat',
      '/digest liste',
      '/digest apercu id:1',
    ],
  },
  defaultMemberPermissions: String(MANAGE_GUILD),
  dmPermission: false,
  installs: 'server',
  subcommands: SUBCOMMANDS,
  ephemeral: true,
  /** Every check (permissions, ownership, keywords, time, days) before anything is sent; the change is the work. */
  prepare(args, deps, ctx): Act {
    switch (args.subcommand) {
      case 'ajouter':
        return add(args, deps, ctx);
      case 'modifier':
        return modify(args, deps, ctx);
      case 'liste':
        return list(deps, ctx);
      case 'retirer':
        return remove(args.id, deps, ctx);
      case 'apercu':
        return preview(args.id, deps, ctx);
      default:
        throw new UserError('Sous-commande inconnue.');
    }
  },
  run: (act) => act(),
  async autocomplete(focused, deps, ctx, raw) {
    return autocomplete(focused, deps, ctx, raw);
  },
});
