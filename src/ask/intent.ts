/**
 * What a plain-French question asks for: who asks, how many, what was answered, the latest, the unanswered, a
 * comparison of years, campaigns of identical questions, or a plain search; read from the whole folded sentence.
 */
import type { QuestionStatus } from '../corpus/types';
import type { Tok } from './tokens';

export type AskIntent = 'who' | 'count' | 'answer' | 'latest' | 'pending' | 'compare' | 'campaigns' | 'search';

/** The intent, and the status it implies (« sans réponse » -> pending, « que répond » -> answered). */
export function detectIntent(
  toks: Tok[],
  years: number[],
  range: number[],
): { intent: AskIntent; status?: QuestionStatus } {
  const text = ` ${toks.map((t) => t.f).join(' ')} `;
  const has = (re: RegExp) => re.test(text);
  const pending = has(
    / (sans|pas de|pas eu de|aucune|jamais eu de|toujours pas de|toujours sans|pas encore de|en attente de) (reponses?|retours?) | en attente | pas (encore )?(ete )?repondu| toujours pas | non repondues?| restees? sans | en souffrance | ignorees? | sans retour | attend(ent)? (encore |toujours )?(une |des |leur |sa )?reponses? /,
  );
  const countWord = has(
    / (combien|nombre|nb|tendance|evolution|evolue|augmente|augmentent|hausse|baisse|diminue|statistiques?|stats|frequence|volume) /,
  );
  const compareWord = has(/ (compar\w*|vs|versus|par rapport|plus qu en|moins qu en|difference entre) /);
  // Campaigns (issue 21): « quelles campagnes sur… », « cette question a-t-elle déjà été posée ? », « même texte ».
  if (
    has(
      / (campagnes?|deja (ete )?(posee?s?|deposee?s?)|(meme|memes) textes?|textes? (identiques?|repris)|questions? identiques?|copier coller) /,
    )
  )
    return { intent: 'campaigns' };
  if (
    (compareWord && (years.length >= 2 || range.length >= 2)) ||
    (countWord && years.length >= 2) ||
    (years.length >= 2 && has(/ (plus|moins|autant) /))
  ) {
    return { intent: 'compare', ...(pending ? { status: 'pending' as const } : {}) };
  }
  const who =
    has(/^ (qui|c est qui|qui est ce qui|ki) /) ||
    has(
      / (quels?|quelles?) (sont les )?(deputes?|deputees?|senateurs?|senatrices?|elus?|parlementaires?|groupes?|partis?) /,
    ) ||
    has(/ (les deputes?|les senateurs?|les senatrices?|les elus?) (qui|les plus actifs) /) ||
    has(
      / (?<!questions )qui (pose|posent|a pose|ont pose|interroge|interrogent|s interesse|s interessent|parle|parlent le plus|ecrit|ecrivent|demande|demandent|travaille|travaillent|se preoccupe|se soucie|suit|suivent|se penche|se penchent|a le plus|en pose) /,
    ) ||
    has(/ (le plus|les plus) (actifs?|de questions) /);
  if (who) return { intent: 'who', ...(pending ? { status: 'pending' as const } : {}) };
  if (countWord) return { intent: 'count', ...(pending ? { status: 'pending' as const } : {}) };
  const answer =
    has(
      / (que|qu|quoi|ce que|qu est ce que|quelle est la|quelle a ete la|quelles sont les) (a |ont |avait )?(repond|repondu|repondent|dit|dis|dise|disent|pense|pensent|explique|position|reponse|reponses) /,
    ) ||
    has(
      / (reponses?|position|positions|avis) (du|de la|des|de l) (gouvernement|ministere|ministre|ministres|ministeres|justice|interieur|sante) /,
    ) ||
    has(
      / (le gouvernement|le ministere|le ministre|la ministre|la justice|l interieur) (a|ont) (t il |t elle )?(repondu|dit|explique) /,
    ) ||
    has(/ a t (il|elle) repondu | ont ils repondu | repond quoi | repondu quoi | dit quoi /);
  if (answer && !pending) return { intent: 'answer', status: 'answered' };
  if (pending) return { intent: 'pending', status: 'pending' };
  const latest = has(
    / (dernieres?|derniers|plus recentes?|recentes?|recemment|nouvelles?|nouveaux|quoi de neuf|du jour|de la semaine|cette semaine|ce mois ci) /,
  );
  if (latest) return { intent: 'latest' };
  return { intent: 'search' };
}
