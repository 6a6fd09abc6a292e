/**
 * /demander texte: a question in plain French (« combien de questions sur les déserts médicaux en 2024 ? »),
 * answered with the view of the slash command that fits (src/ask). The same parser reads mentions and DMs.
 */
import { answerAsk, MAX_ASK_LENGTH } from '../src/ask/answerAsk';
import { defineCommand } from '../src/present/commandKit';

export default defineCommand({
  name: 'demander',
  nameEn: 'ask',
  description: 'Une question en français : « qui pose des questions sur… », « combien de… », « que répond… »',
  descriptionEn: 'A question in plain French: who asks, how many, what was answered…',
  defer: true,
  help: {
    what: 'Posez une question en français ; le bot la comprend et répond avec la bonne vue (graphique, classement, extraits de réponses). Marche aussi en mentionnant le bot ou en message privé.',
    examples: [
      '/demander texte:qui pose des questions sur la cybercriminalité ?',
      '/demander texte:que répond le ministère de la Justice sur les prisons ?',
    ],
  },
  options: {
    texte: {
      type: 'string',
      required: true,
      nameEn: 'text',
      maxLength: MAX_ASK_LENGTH,
      description: 'Votre question, en français',
      descriptionEn: 'Your question, in French',
    },
  },
  async run(args, deps, ctx) {
    return answerAsk(args.texte, deps, ctx.now);
  },
});
