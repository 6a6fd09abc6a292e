/**
 * Questions holding campaigns, a common answer and lookalikes, made from the labelled set's real texts
 * (tests/fixtures/campaigns/pairs.json): used by the campaign store's tests and the bot's end-to-end tests.
 *  - « télémédecine »: 8 questions of the real text of qosd15.csv row 552 (the original, its two derived variants,
 *    five more signed by others), 2 to 17 March 2025, 5 answered with the same answer;
 *  - « dédoublement »: 3 questions of row 569 (the original and its two variants), in April 2025;
 *  - lookalikes: the two texts of each of the first two real-lookalike pairs (same subject, written separately), two
 *    of them answered with one common answer although they are no campaign.
 */
import type { Question } from '../../src/corpus/types';
import { makeQuestion } from '../digest/support/questions';
import { type LabelledPair, labelledPairs } from './campaignSet';

const OTHERS = ['M. Paul Girard', 'Mme Léa Fontaine', 'M. Hugo Lambert', 'Mme Inès Caron', 'M. Louis Marchand'];
const COMMON_ANSWER =
  'Le Gouvernement est pleinement mobilisé pour le déploiement de la télémédecine dans les territoires ruraux. ' +
  'Les services départementaux d’incendie et de secours peuvent expérimenter ces dispositifs dans le cadre ' +
  'fixé par la loi, en lien avec les agences régionales de santé, et une évaluation nationale sera conduite.';
const LOOKALIKE_ANSWER =
  'La ministre a pris connaissance avec attention de ces préoccupations. Une concertation associant les élus, ' +
  'les services de l’État et les acteurs concernés a été engagée et ses conclusions seront rendues publiques ' +
  'au cours du prochain semestre, afin de définir les mesures adaptées à chaque territoire.';

function basedOn(pairs: LabelledPair[], row: number) {
  const ref = `qosd15.csv row ${row}`;
  const own = pairs.filter((p) => p.same && p.kind.startsWith('synthetic') && p.a.ref === ref);
  return [own[0]!.a, ...own.map((p) => p.b)];
}

export const TELEMEDECINE_FIRST = 'QANR5L17QE9001';

export function campaignCorpus(): Question[] {
  const pairs = labelledPairs();
  const out: Question[] = [];
  const tele = basedOn(pairs, 552);
  const original = tele[0]!;
  const texts = [
    ...tele,
    ...OTHERS.map((name) => ({ ...original, text: original.text.replace(original.author!, name), author: name })),
  ];
  texts.forEach((t, i) => {
    const day = String(2 + 2 * i).padStart(2, '0');
    out.push(
      makeQuestion({
        number: 9001 + i,
        author: t.author!,
        acteurRef: `PA9000${i}`,
        group: i % 3 === 0 ? 'LR' : i % 3 === 1 ? 'SOC' : 'RE',
        ministry: 'Intérieur',
        questionText: t.text,
        questionDate: `2025-03-${day}`,
        answerText: i < 5 ? COMMON_ANSWER : null,
        answerDate: i < 5 ? '2025-05-20' : null,
      }),
    );
  });
  basedOn(pairs, 569).forEach((t, i) => {
    out.push(
      makeQuestion({
        number: 9101 + i,
        author: t.author!,
        acteurRef: `PA9100${i}`,
        ministry: 'Éducation nationale',
        questionText: t.text,
        questionDate: `2025-04-0${1 + i}`,
      }),
    );
  });
  const lookalikes = pairs.filter((p) => p.kind === 'real-lookalike').slice(0, 2);
  lookalikes
    .flatMap((p) => [p.a, p.b])
    .forEach((t, i) => {
      out.push(
        makeQuestion({
          number: 9201 + i,
          author: t.author!,
          acteurRef: `PA9200${i}`,
          questionText: t.text,
          questionDate: `2025-02-1${i}`,
          answerText: i < 2 ? LOOKALIKE_ANSWER : null,
          answerDate: i < 2 ? '2025-04-01' : null,
        }),
      );
    });
  return out;
}
