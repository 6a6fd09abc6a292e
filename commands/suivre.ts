/**
 * /suivre numero [legislature] [chambre] [ou: moi | salon]: be told (DM, or this channel) when a question gets its answer,
 * is transferred, or is withdrawn. The notice is posted by the digest scheduler (src/digest/), exactly once.
 */
import { defineCommand } from '../src/discord/commandKit';
import { CHAMBER_MARKS, CHAMBER_PLACES, frenchDate, ordinal } from '../src/format/french';
import { escapeCorpus } from '../src/discord/markdown';
import { UserError } from '../src/discord/UserError';
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
    examples: ['/suivre numero:1234', '/suivre numero:1234 ou:salon', '/suivre numero:4132 chambre:senat'],
  },
  options: {
    numero: {
      type: 'integer',
      required: true,
      nameEn: 'number',
      minValue: 1,
      maxValue: 999_999,
      description: 'Numéro de la question écrite',
      descriptionEn: 'Written question number',
    },
    legislature: {
      type: 'integer',
      minValue: 1,
      maxValue: 20,
      description: 'Législature (par défaut la législature en cours)',
      descriptionEn: 'Legislature (default: the current one)',
    },
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
    const where = args.ou ?? 'moi';
    if (where === 'salon' && (ctx.guildId === null || ctx.channelId === null)) {
      throw new UserError('« ce salon » ne s’utilise que dans un salon de serveur.');
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
    return { d, q, where };
  },
  run({ d, q, where }, _deps, ctx) {
    const { created } = d.service.addFollow(
      {
        userId: ctx.userId,
        guildId: ctx.guildId,
        target: where === 'salon' ? 'channel' : 'dm',
        channelId: where === 'salon' ? ctx.channelId : null,
        uid: q.uid,
      },
      ctx.now,
    );
    const place = where === 'salon' ? `dans <#${ctx.channelId}>` : 'en message privé';
    return {
      ephemeral: true,
      content: created
        ? `C’est noté : vous serez prévenu(e) ${place} quand la [question n° ${q.number}](<${q.url}>) (${q.chamber === 'senat' ? `${CHAMBER_MARKS.senat}, ` : ''}${ordinal(q.legislature)} législature) recevra sa réponse, sera transférée ou retirée.` +
          (where === 'moi' ? '\n-# Les messages privés du bot doivent être autorisés.' : '')
        : `Vous suivez déjà la question n° ${q.number} ${place}. /suivis pour la liste.`,
    };
  },
});
