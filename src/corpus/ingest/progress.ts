import cliProgress from 'cli-progress';

/** Reports records read during an ingest: a bar on a TTY, else a log line every few seconds. */
export interface Progress {
  /** Called after each record (question or acteur) with the running total and the current file. */
  tick(records: number, file: string): void;
  stop(): void;
}

export function createProgress(opts: {
  enabled: boolean;
  log: (line: string) => void;
  isTTY?: boolean;
  intervalMs?: number;
}): Progress {
  if (!opts.enabled) return { tick() {}, stop() {} };
  if (opts.isTTY ?? process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'Ingestion {value} enregistrements | {file}',
        stream: process.stderr,
        hideCursor: true,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(0, 0, { file: '' });
    return {
      tick(records, file) {
        bar.update(records, { file: file.length > 60 ? `…${file.slice(-59)}` : file });
      },
      stop() {
        bar.stop();
      },
    };
  }
  const interval = opts.intervalMs ?? 5000;
  let last = performance.now();
  return {
    tick(records, file) {
      const t = performance.now();
      if (t - last < interval) return;
      last = t;
      opts.log(`… ${records.toLocaleString('fr-FR')} enregistrements lus (${file})`);
    },
    stop() {},
  };
}
