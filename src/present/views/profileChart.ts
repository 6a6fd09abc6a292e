/** The chart of /depute and /ministere: questions per period by status, and the distribution of answer delays. */
import { chartFile, imageOf } from '../../charts/chartFiles';
import { describeDelays, describeTrend } from '../../charts/describe';
import { profileSpec } from '../../charts/specs';
import { aggregateTrend, delayDistribution, profileTrendFact } from '../../insights/trend';
import type { QuestionFacts } from '../../insights/types';
import type { CommandDeps } from '../deps';
import type { Reply, ReplyFile } from '../reply';
import type { APIButtonComponent } from 'discord-api-types/v10';

export { imageOf };

export async function profileChart(
  deps: CommandDeps,
  facts: readonly QuestionFacts[],
  title: string,
): Promise<ReplyFile | null> {
  if (!deps.charts || facts.length === 0) return null;
  const trend = aggregateTrend(facts.map(profileTrendFact));
  const bins = delayDistribution(facts);
  const text = `${describeTrend(trend, 'au total')}\n${describeDelays(bins)}`;
  return chartFile(deps.charts, 'profil.png', profileSpec(trend, bins, title.slice(0, 120)), text);
}

/** Adds a button to the last row that has room, or a new row. */
export function appendButton(reply: Reply, button: APIButtonComponent): void {
  const rows = (reply.components ??= []);
  const last = rows[rows.length - 1];
  if (last && last.components.length < 5 && last.components.every((c) => c.type === 2)) last.components.push(button);
  else rows.push({ type: 1, components: [button] });
}
