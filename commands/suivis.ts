/**
 * /suivis: the caller's followed questions, with a select menu to stop following one (`svr:` component; the
 * list is rebuilt from the database each time, so the menu keeps working after a restart).
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { component, customId, defineCommand, type CallContext } from '../src/present/commandKit';
import type { CommandDeps } from '../src/present/deps';
import { CHAMBER_MARKS, ordinal, questionTitle } from '../src/format/french';
import { plainText } from '../src/present/markdown';
import type { Reply } from '../src/present/reply';
import { UserError } from '../src/present/UserError';
import '../src/digest/commandDeps';
import { cutText, escapeAndCut } from '../src/digest/format';
import { digestDeps } from './digest';

export function followsReply(deps: CommandDeps, ctx: CallContext, notice?: string): Reply {
  const d = digestDeps(deps);
  const follows = d.service.repo.activeFollowsOfUser(ctx.userId);
  if (follows.length === 0) {
    return {
      ephemeral: true,
      content: `${notice ? `${notice}\n` : ''}Vous ne suivez aucune question. Utilisez /suivre numero:… pour en suivre une.`,
      components: [],
    };
  }
  const questions = new Map(deps.store.getQuestions(follows.map((f) => f.uid)).map((q) => [q.uid, q]));
  const lines = follows.map((f) => {
    const q = questions.get(f.uid);
    const where = f.target === 'channel' ? `<#${f.channelId}>` : 'message privé';
    if (!q) return `• ${f.uid} · ${where}`;
    return `• ${CHAMBER_MARKS[q.chamber]} · [n° ${q.number}](${q.url}) (${ordinal(q.legislature)} lég.) · ${escapeAndCut(questionTitle(q), 120)} · ${where}`;
  });
  let description = '';
  let shown = 0;
  for (const line of lines) {
    if (description.length + line.length + 1 > 3900) break;
    description += `${line}\n`;
    shown++;
  }
  if (shown < lines.length) description += `… et ${lines.length - shown} autres.`;
  const embed: APIEmbed = { title: `Vos questions suivies (${follows.length})`, description, color: 0x8b5cf6 };
  return {
    ephemeral: true,
    ...(notice ? { content: notice } : {}),
    embeds: [embed],
    components: [
      {
        type: 1,
        components: [
          {
            type: 3,
            custom_id: customId('svr'),
            placeholder: 'Ne plus suivre…',
            options: follows.slice(0, 25).map((f) => {
              const q = questions.get(f.uid);
              return {
                // Select options show plain text: corpus text made inert, not escaped.
                label: cutText(plainText(q ? `n° ${q.number} (${q.legislature}e) · ${questionTitle(q)}` : f.uid), 100),
                value: String(f.id),
                description: f.target === 'channel' ? 'dans un salon' : 'en message privé',
              };
            }),
          },
        ],
      },
    ],
  };
}

export default defineCommand({
  name: 'suivis',
  nameEn: 'following',
  description: 'Les questions que vous suivez (et ne plus en suivre une)',
  descriptionEn: 'The questions you follow (and stop following one)',
  help: { what: 'Les questions que vous suivez, avec un menu pour arrêter d’en suivre une.', examples: ['/suivis'] },
  ephemeral: true,
  prepare: (_args, deps) => digestDeps(deps),
  run: (_d, deps, ctx) => followsReply(deps, ctx),
  components: {
    /** svr (select: follow id) -> stop following it, then show the updated list. */
    svr: component({
      answer: 'update',
      prepare(call, deps) {
        const id = Number(call.values[0]);
        if (!Number.isInteger(id)) throw new UserError('Choix invalide.');
        return { id, d: digestDeps(deps) };
      },
      run({ id, d }, deps, ctx) {
        const removed = d.service.repo.removeFollow(ctx.userId, id, ctx.now);
        return followsReply(deps, ctx, removed ? 'Suivi retiré.' : 'Ce suivi était déjà terminé.');
      },
    }),
  },
});
