/**
 * /suivre numero [legislature] [chambre] [ou: moi | salon]: be told (DM, or this channel) when a question gets its answer,
 * is transferred, or is withdrawn. The notice is posted by the digest scheduler (src/digest/), exactly once.
 */
import { legislatureOption } from '../src/present/views/filters';
import { defineCommand, requireBotInGuild } from '../src/present/commandKit';
import { CHAMBER_MARKS, CHAMBER_PLACES, frenchDate, ordinal } from '../src/format/french';
import { escapeCorpus } from '../src/present/markdown';
import { UserError } from '../src/present/UserError';
import '../src/digest/commandDeps';
import { digestDeps } from './digest';
import { lookupChamber, QUESTION_REF_OPTIONS } from './question';

/** Active follows per user: enough for real use, bounded against mistakes. */
export const MAX_FOLLOWS_PER_USER = 50;

export default defineCommand({
  name: 'suivre',
  nameEn: 'follow',
  description: 'Prévenez-moi quand cette question reçoit sa réponse, est transférée ou retirée',
  descriptionEn: 'Tell me when this question is answered, transferred or withdrawn',
  help: {
    what: 'Vous prévient (message privé ou salon) quand une question reçoit sa réponse, est transférée ou retirée.',
    examples: [
      '/suivre numero:1234',
      '/suivre numero:1234 ou:salon',
      '/suivre numero:1234 ou:salon fil:True mentionner:True',
      '/suivre numero:4132 chambre:senat',
    ],
  },
  options: {
    numero: QUESTION_REF_OPTIONS.numero,
    legislature: legislatureOption(
      'Législature (par défaut la législature en cours)',
      'Legislature (default: the current one)',
    ),
    chambre: QUESTION_REF_OPTIONS.chambre,
    ou: {
      type: 'string',
      nameEn: 'where',
      description: 'Où prévenir : en message privé (par défaut) ou dans ce salon',
      descriptionEn: 'Where to notify: direct message (default) or this channel',
      choices: [
        { name: 'moi (message privé)', nameEn: 'me (direct message)', value: 'moi' },
        { name: 'ce salon', nameEn: 'this channel', value: 'salon' },
      ],
    },
    fil: {
      type: 'boolean',
      nameEn: 'thread',
      description: 'Dans un fil de ce salon, créé pour la question (avec ou:salon)',
      descriptionEn: 'In a thread of this channel made for the question (with where:channel)',
    },
    mentionner: {
      type: 'boolean',
      nameEn: 'mention-me',
      description: 'Vous mentionner dans le salon à chaque nouvelle (avec ou:salon)',
      descriptionEn: 'Mention you in the channel on each event (with where:channel)',
    },
  },
  ephemeral: true,
  /** Every check (question, status, place, limit) before anything is sent; recording the follow is the work. */
  prepare(args, deps, ctx) {
    const d = digestDeps(deps);
    const legislature = args.legislature ?? d.defaultLegislature;
    const chamber = lookupChamber(args.chambre);
    const q = deps.store.findQuestion(legislature, args.numero, 'QE', chamber);
    if (!q)
      throw new UserError(
        `Aucune question écrite n° ${args.numero} ${CHAMBER_PLACES[chamber]} dans la ${ordinal(legislature)} législature.`,
      );
    const where = args.ou ?? (args.fil === true ? 'salon' : 'moi');
    if (where === 'moi' && (args.fil === true || args.mentionner === true)) {
      throw new UserError(
        '« fil » et « mentionner » valent pour un salon : ajoutez ou:salon (en message privé, rien à mentionner).',
      );
    }
    if (where === 'salon' && (ctx.guildId === null || ctx.channelId === null)) {
      throw new UserError('« ce salon » ne s’utilise que dans un salon de serveur.');
    }
    if (where === 'salon') requireBotInGuild(ctx, 'Être prévenu dans ce salon');
    // Threads (10-12) hold no threads: here the notices simply go to this thread.
    if (args.fil === true && ctx.channelType !== undefined && [10, 11, 12].includes(ctx.channelType)) {
      throw new UserError('Vous êtes déjà dans un fil : demandez ou:salon sans « fil », les nouvelles arriveront ici.');
    }
    if (q.status === 'answered') {
      throw new UserError(
        `La question n° ${q.number} a déjà reçu sa réponse${q.answer?.joDate ? ` (JO du ${frenchDate(q.answer.joDate)})` : ''} : voyez /question ${q.number}${q.chamber === 'senat' ? ' chambre:senat' : ''}.`,
      );
    }
    if (q.status === 'withdrawn') {
      throw new UserError(
        `La question n° ${q.number} est close (${escapeCorpus(q.closure?.label ?? 'retirée')}) : il n’y a plus rien à suivre.`,
      );
    }
    if (d.service.repo.activeFollowsOfUser(ctx.userId).length >= MAX_FOLLOWS_PER_USER) {
      throw new UserError(`Vous suivez déjà ${MAX_FOLLOWS_PER_USER} questions : retirez-en une avec /suivis.`);
    }
    return { d, q, where, inThread: args.fil === true, mention: args.mentionner === true };
  },
  run({ d, q, where, inThread, mention }, _deps, ctx) {
    const { created } = d.service.addFollow(
      {
        userId: ctx.userId,
        guildId: ctx.guildId,
        target: where === 'salon' ? 'channel' : 'dm',
        channelId: where === 'salon' ? ctx.channelId : null,
        uid: q.uid,
        mention,
        inThread,
      },
      ctx.now,
    );
    const place =
      where === 'salon'
        ? `${inThread ? 'dans un fil de' : 'dans'} <#${ctx.channelId}>${mention ? ', en vous mentionnant' : ''}`
        : 'en message privé';
    return {
      ephemeral: true,
      content: created
        ? `C’est noté : vous serez prévenu(e) ${place} quand la [question n° ${q.number}](<${q.url}>) (${q.chamber === 'senat' ? `${CHAMBER_MARKS.senat}, ` : ''}${ordinal(q.legislature)} législature) recevra sa réponse, sera transférée ou retirée.` +
          (where === 'moi' ? '\n-# Les messages privés du bot doivent être autorisés.' : '')
        : `Vous suivez déjà la question n° ${q.number} ${place}. /suivis pour la liste.`,
    };
  },
});
