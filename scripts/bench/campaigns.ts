/**
 * `tsx scripts/bench/campaigns.ts [--count 180000] [--seed 5] [--share 0.03]` (run by `npm run bench -- --only campaigns`)
 *
 * Campaigns (issue 21):
 *  - the labelled set of real texts (tests/fixtures/campaigns/pairs.json): precision and recall of « same campaign »;
 *  - a generated corpus of `count` questions (14th to 17th legislatures, `share` of them filed in campaigns) in a
 *    SQLite file: the full pass's time and peak RSS (measured in a child process that does nothing else), the
 *    detection against the generator's ground truth (pairs of questions), then the incremental pass over 1,000 and
 *    5,000 new questions.
 * Writes bench-results/campaigns.json and summary lines. Exit code 1 when a target is missed (precision >= 0.95,
 * recall >= 0.9, full pass < 60 s, new questions < 1 s per thousand).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CampaignStore } from '../../src/campaigns/CampaignStore';
import type { Question } from '../../src/corpus/types';
import { parseOpenDataQuestion } from '../../src/corpus/parse/parseOpenDataQuestion';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { generateQuestions } from '../../tools/generator';
import { campaignOf } from '../../tools/generator/campaigns';
import { labelledPairs, measureCampaigns } from '../../tests/support/campaignSet';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LEGISLATURES = [14, 15, 16, 17];
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '180000' },
    seed: { type: 'string', default: '5' },
    share: { type: 'string', default: '0.03' },
    pass: { type: 'string' },
  },
});
const count = Number(values.count) || 180_000;
const seed = Number(values.seed);
const share = Number(values.share);

function upsertGenerated(store: QuestionStore, opts: { count: number; startNumber?: number }): void {
  const seenAt = new Date('2025-06-01T00:00:00Z').toISOString();
  let batch: Question[] = [];
  const flush = () => {
    store.upsertQuestions(batch, { seenAt, baseline: true });
    batch = [];
  };
  for (const raw of generateQuestions({
    count: opts.count,
    seed,
    legislatures: LEGISLATURES,
    campaignShare: share,
    ...(opts.startNumber ? { startNumber: opts.startNumber } : {}),
  })) {
    const r = parseOpenDataQuestion(raw, 'generated');
    if (r.ok) batch.push(r.value);
    if (batch.length >= 2000) flush();
  }
  if (batch.length) flush();
}

interface PassFigures {
  fullSeconds: number;
  /** CPU time of the full pass (user + system): the machine is shared, wall time depends on the others' load. */
  fullCpuSeconds: number;
  fullMaxRssBytes: number;
  campaigns: number;
  members: number;
  truth: { precision: number; recall: number; campaigns: number };
  incremental: Array<{ questions: number; seconds: number; perThousandSeconds: number; cpuSeconds: number }>;
  dbBytes: number;
}

/** The child: the full pass, its peak RSS, the ground truth, then the incremental passes. */
function runPass(dbPath: string): PassFigures {
  const store = openStore(dbPath);
  const campaigns = new CampaignStore(store);
  const cpu = process.cpuUsage();
  const full = campaigns.rebuild();
  const used = process.cpuUsage(cpu);
  const fullMaxRssBytes = process.resourceUsage().maxRSS * 1024;
  // Ground truth: the generator's campaign of each question.
  const rows = store.db
    .prepare<[], { uid: string; legislature: number; number: number; campaign_id: number | null }>(
      `SELECT q.uid, q.legislature, q.number, c.campaign_id FROM questions q JOIN campaign_questions c ON c.qrow = q.rowid`,
    )
    .all();
  const pairs = (groups: Map<string, number>) => [...groups.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const byTruth = new Map<string, number>();
  const byFound = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (const r of rows) {
    const truth = campaignOf(seed, r.legislature, r.number, share)?.key ?? null;
    if (truth) byTruth.set(truth, (byTruth.get(truth) ?? 0) + 1);
    if (r.campaign_id !== null) byFound.set(String(r.campaign_id), (byFound.get(String(r.campaign_id)) ?? 0) + 1);
    if (truth && r.campaign_id !== null) {
      const k = `${truth}|${r.campaign_id}`;
      byBoth.set(k, (byBoth.get(k) ?? 0) + 1);
    }
  }
  const tp = pairs(byBoth);
  const truth = {
    precision: tp / Math.max(1, pairs(byFound)),
    recall: tp / Math.max(1, pairs(byTruth)),
    campaigns: byTruth.size,
  };
  const incremental: PassFigures['incremental'] = [];
  let next = 200_000;
  for (const n of [1000, 5000]) {
    upsertGenerated(store, { count: n, startNumber: next });
    next += n;
    const before = process.cpuUsage();
    const r = campaigns.update();
    const spent = process.cpuUsage(before);
    incremental.push({
      cpuSeconds: (spent.user + spent.system) / 1e6,
      questions: r.questions,
      seconds: r.durationMs / 1000,
      perThousandSeconds: r.durationMs / r.questions,
    });
  }
  store.close();
  return {
    fullSeconds: full.durationMs / 1000,
    fullCpuSeconds: (used.user + used.system) / 1e6,
    fullMaxRssBytes,
    campaigns: full.campaigns,
    members: full.members,
    truth,
    incremental,
    dbBytes: statSync(dbPath).size,
  };
}

if (values.pass) {
  console.log(JSON.stringify(runPass(values.pass)));
} else {
  const labelled = measureCampaigns(labelledPairs());
  console.log(
    `bench campaigns : jeu étiqueté (${labelled.pairs} paires de textes réels) précision ${labelled.precision.toFixed(3)}, rappel ${labelled.recall.toFixed(3)}`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-campaigns-'));
  const dbPath = path.join(dir, 'q.db');
  try {
    const t0 = performance.now();
    const store = openStore(dbPath);
    upsertGenerated(store, { count });
    store.close();
    console.log(
      `  corpus généré : ${count.toLocaleString('fr-FR')} questions (part en campagnes ${share}) en ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/bench/campaigns.ts',
        '--pass',
        dbPath,
        '--seed',
        String(seed),
        '--share',
        String(share),
      ],
      { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`le calcul des campagnes a échoué (code ${child.status})`);
    const pass = JSON.parse(child.stdout.trim().split('\n').pop()!) as PassFigures;
    console.log(
      `  calcul complet : ${pass.fullSeconds.toFixed(1)} s (CPU ${pass.fullCpuSeconds.toFixed(1)} s), RSS max ${Math.round(pass.fullMaxRssBytes / 2 ** 20)} Mo, ` +
        `${pass.campaigns} campagnes (${pass.members} questions) ; vérité du générateur : précision ` +
        `${pass.truth.precision.toFixed(3)}, rappel ${pass.truth.recall.toFixed(3)} (${pass.truth.campaigns} campagnes)`,
    );
    for (const i of pass.incremental) {
      console.log(
        `  mise à jour : ${i.questions} nouvelles questions en ${i.seconds.toFixed(2)} s (${i.perThousandSeconds.toFixed(2)} s pour mille ; CPU ${i.cpuSeconds.toFixed(2)} s)`,
      );
    }
    console.log(`  base : ${Math.round(pass.dbBytes / 2 ** 20)} Mo`);
    mkdirSync(path.join(repoRoot, 'bench-results'), { recursive: true });
    writeFileSync(
      path.join(repoRoot, 'bench-results/campaigns.json'),
      JSON.stringify(
        {
          count,
          share,
          seed,
          labelled: {
            pairs: labelled.pairs,
            precision: labelled.precision,
            recall: labelled.recall,
            byKind: labelled.byKind,
          },
          ...pass,
          loadAverage: os.loadavg(),
        },
        null,
        2,
      ),
    );
    const missed =
      labelled.precision < 0.95 ||
      labelled.recall < 0.9 ||
      pass.fullSeconds >= 60 ||
      pass.incremental.some((i) => i.perThousandSeconds >= 1);
    process.exitCode = missed ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
