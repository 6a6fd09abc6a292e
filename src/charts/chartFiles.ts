/**
 * Charts as reply attachments: spec -> PNG (worker, cache) + alt text. A chart that cannot be rendered is logged
 * and left out: the reply still gives the figures in text.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReplyFile } from '../present/reply';
import type { ChartDeps } from './chartDeps';
import { altText } from './describe';

export async function chartFile(
  charts: ChartDeps | undefined,
  name: string,
  spec: TopLevelSpec,
  text: string,
): Promise<ReplyFile | null> {
  if (!charts) return null;
  try {
    const r = await charts.service.render(spec);
    return { name, data: r.png, description: altText(text), text };
  } catch (err) {
    charts.logger?.error({ err, chart: name }, 'chart render failed; answering without the image');
    return null;
  }
}

/** The embed fields that show a chart: `image` pointing at the attachment. */
export function imageOf(file: ReplyFile | null): { image?: { url: string } } {
  return file ? { image: { url: `attachment://${file.name}` } } : {};
}
