/** The chart worker thread: renders Vega-Lite specs to PNG off the thread that talks to Discord. */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderChartPng } from './renderChart';

export interface ChartWorkerRequest {
  id: number;
  spec: TopLevelSpec;
  scale?: number;
}

export type ChartWorkerReply =
  | { id: number; ok: true; png: Uint8Array; width: number; height: number; ms: number }
  | { id: number; ok: false; error: string };

parentPort?.on('message', (req: ChartWorkerRequest) => {
  renderChartPng(req.spec, req.scale).then(
    (r) => {
      const reply: ChartWorkerReply = { id: req.id, ok: true, png: r.png, width: r.width, height: r.height, ms: r.ms };
      parentPort!.postMessage(reply, [r.png.buffer as ArrayBuffer]);
    },
    (e: unknown) =>
      parentPort!.postMessage({
        id: req.id,
        ok: false,
        error: e instanceof Error ? e.message : String(e),
      } satisfies ChartWorkerReply),
  );
});
parentPort?.postMessage({
  id: 0,
  ok: true,
  png: new Uint8Array(0),
  width: 0,
  height: 0,
  ms: 0,
} satisfies ChartWorkerReply);
