/**
 * Whether a query text has anything the index can search, decided by the search's own parser (`parseQuery`): no
 * word left after analysis and no question number means nothing to search ("de", "le la les", "???", "☃", emoji).
 * Such a query would otherwise list the whole corpus as if it matched. One rule and one French explanation for
 * every front end (bot, console twin, CLI); each passes its own way of quoting the user's text.
 */
import { parseQuery } from './query';

const SEARCHABLE_EXAMPLE =
  'tapez au moins un mot qui porte le sens (par exemple « retraite », « hôpital » ou « cybercriminalité »), une "expression exacte" ou un numéro de question';

/** Null when `text` can be searched; else the French explanation, starting with « Aucun mot cherchable : … ». */
export function describeUnsearchable(text: string, show: (userText: string) => string = (s) => s): string | null {
  const q = parseQuery(text);
  if (q.words.length > 0 || q.number !== null) return null;
  const why = !/[\p{L}\p{N}]/u.test(text)
    ? 'ne contient ni lettre ni chiffre'
    : q.excluded.length > 0
      ? 'ne contient que des mots exclus (-mot)'
      : 'ne contient que des mots trop courants pour être cherchés (« de », « le », « la », « les »…) ou des signes que la recherche ignore';
  return `Aucun mot cherchable : « ${show(text)} » ${why}. Pour chercher, ${SEARCHABLE_EXAMPLE}.`;
}
