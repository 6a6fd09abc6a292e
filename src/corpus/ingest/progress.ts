import cliProgress from 'cli-progress';
import { frNumber } from '../../format/french';

/**
 * Reports an ingest as it goes: on a terminal, one bar at a time (a download: bytes, size and time left; then the
 * records read); elsewhere, one French line per step (a download starts, ends) and a line every few seconds.
 */
export interface Progress {
  /** Called after each record (question or acteur) with the running total and the current file. */
  tick(records: number, file: string): void;
  /** Bytes of `url` received so far; `total` when the server announced it. */
  download(url: string, received: number, total: number | null): void;
  stop(): void;
}

function mb(n: number): string {
  return (n / 1024 / 1024).toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function shortName(s: string, max = 60): string {
  return s.length > max ? `…${s.slice(-(max - 1))}` : s;
}

export function createProgress(opts: {
  enabled: boolean;
  log: (line: string) => void;
  isTTY?: boolean;
  intervalMs?: number;
}): Progress {
  if (!opts.enabled) return { tick() {}, download() {}, stop() {} };
  if (opts.isTTY ?? process.stderr.isTTY) return terminalProgress();
  return lineProgress(opts.log, opts.intervalMs ?? 5000);
}

function terminalProgress(): Progress {
  let bar: cliProgress.SingleBar | null = null;
  let phase: 'download' | 'records' | null = null;
  let current = '';
  const open = (p: 'download' | 'records', format: string, total: number, payload: Record<string, string>) => {
    bar?.stop();
    phase = p;
    bar = new cliProgress.SingleBar(
      { format, stream: process.stderr, hideCursor: true, fps: 5, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, payload);
  };
  return {
    tick(records, file) {
      if (phase !== 'records') open('records', 'Ingestion {value} enregistrements | {file}', 0, { file: '' });
      bar?.update(records, { file: shortName(file) });
    },
    download(url, received, total) {
      if (phase !== 'download' || current !== url) {
        current = url;
        const format =
          total !== null
            ? 'Téléchargement {name} |{bar}| {percentage} % | {got}/{size} Mo | reste {eta_formatted}'
            : 'Téléchargement {name} | {got} Mo';
        open('download', format, total ?? 0, {
          name: shortName(url.split('/').pop() ?? url, 40),
          got: '0',
          size: total ? mb(total) : '?',
        });
      }
      bar?.update(total !== null ? received : 0, { got: mb(received) });
      if (total !== null && received >= total) {
        bar?.stop();
        bar = null;
        phase = null;
      }
    },
    stop() {
      bar?.stop();
      bar = null;
      phase = null;
    },
  };
}

function lineProgress(log: (line: string) => void, interval: number): Progress {
  let last = performance.now();
  let downloading: { url: string; started: number; lastLog: number } | null = null;
  return {
    tick(records, file) {
      const t = performance.now();
      if (t - last < interval) return;
      last = t;
      log(`… ${records.toLocaleString('fr-FR')} enregistrements lus (${file})`);
    },
    download(url, received, total) {
      const t = performance.now();
      if (!downloading || downloading.url !== url) {
        downloading = { url, started: t, lastLog: t };
        log(
          `Téléchargement de ${url}${total !== null ? ` (${mb(total)} Mo)` : ''}${received > 0 ? `, reprise à ${mb(received)} Mo` : ''}…`,
        );
      } else if (t - downloading.lastLog >= interval * 6) {
        downloading.lastLog = t;
        log(`… ${mb(received)} Mo${total !== null ? ` sur ${mb(total)}` : ''}`);
      }
      if (total !== null && received >= total) {
        const secs = (t - downloading.started) / 1000;
        log(`… téléchargé (${mb(received)} Mo en ${frNumber(Math.round(secs * 10) / 10)} s)`);
        downloading = null;
      }
    },
    stop() {},
  };
}
