/**
 * `npm run cli -- demander "combien de questions sur les prisons en 2019 ?" [--json] [--fichiers DOSSIER]`: the
 * plain-French parser and the bot's answer, as text; --json gives what was understood (intent, subject, filters,
 * the equivalent slash command) with the answer's text.
 */
import { answerAsk, explainAsk } from '../../ask/answerAsk';
import { saveReplyFiles } from '../../console/consoleTwin';
import { renderReply } from '../../console/renderReply';
import { fitToLimits } from '../../present/limits';
import { openBotDeps } from '../botDeps';
import { UserError } from '../../present/UserError';
import { type CliCommand, parseCliArgs } from '../types';

export const demanderCommand: CliCommand = {
  name: 'demander',
  summary: 'une question en français, comprise et répondue comme par le bot',
  usage: 'demander "qui pose des questions sur la cybercriminalité ?" [--json] [--fichiers dossier]',
  async run(args, ctx) {
    const parsed = parseCliArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, fichiers: { type: 'string' }, 'index-dir': { type: 'string' } },
    });
    const text = parsed.positionals.join(' ').trim();
    if (!text)
      throw new UserError('Posez une question, par ex. : demander "combien de questions sur les prisons en 2019 ?"');
    const { deps, close } = await openBotDeps(ctx.store(), parsed.values['index-dir'] ?? ctx.config.indexDir);
    try {
      const reply = fitToLimits(await answerAsk(text, deps, ctx.now));
      const saved = parsed.values.fichiers ? saveReplyFiles(reply, parsed.values.fichiers) : undefined;
      if (saved?.failure) ctx.err(`Fichiers non enregistrés : ${saved.failure}`);
      const answer = renderReply(reply, saved);
      if (parsed.values.json)
        ctx.out(JSON.stringify({ question: text, ...explainAsk(text, deps, ctx.now), answer }, null, 2));
      else ctx.out(answer);
      return 0;
    } finally {
      await close();
    }
  },
};
