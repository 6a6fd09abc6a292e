/**
 * Vega-Lite spec -> Vega -> SVG (vega's headless renderer) -> PNG (resvg, with only the shipped font: system
 * fonts are not loaded, so a chart is the same on every machine). Synchronous CPU work: called from the chart
 * worker (chartWorker.ts), or in-process by the CLI.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FONT_FAMILY, FONT_FILES, FR_NUMBER_LOCALE, FR_TIME_LOCALE } from './theme';

let localeSet = false;

function setFrenchLocale(): void {
  if (localeSet) return;
  vega.formatLocale(FR_NUMBER_LOCALE);
  vega.timeFormatLocale(FR_TIME_LOCALE);
  localeSet = true;
}

export interface RenderedChart {
  png: Uint8Array;
  width: number;
  height: number;
  ms: number;
}

/** Pixels per Vega unit: sharp on high-density screens, still small files. */
export const DEFAULT_SCALE = 1.5;

export async function renderChartPng(spec: TopLevelSpec, scale = DEFAULT_SCALE): Promise<RenderedChart> {
  const started = performance.now();
  setFrenchLocale();
  // Vega-Lite's warnings ("domains … conflicting sort properties") are about specs we control: not for the logs.
  const vgSpec = compile(spec, { logger: vega.logger(vega.None) }).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.Error });
  const svg = await view.toSVG();
  view.finalize();
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: FONT_FILES,
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: scale },
    shapeRendering: 2,
    textRendering: 1,
  });
  const image = resvg.render();
  const png = image.asPng();
  return { png, width: image.width, height: image.height, ms: performance.now() - started };
}

/** Reads width and height from a PNG's IHDR chunk (bytes 16-23). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}
