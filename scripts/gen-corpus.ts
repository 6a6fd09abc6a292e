/**
 * `npm run gen-corpus -- --count N --out F [--layout single|per-file] [--seed S] [--legislature L]
 *   [--legislatures 14,15,16,17] [--start-number N] [--acteurs DIR|F.zip] [--entry NAME]`
 *
 * Writes a synthetic archive in the official open-data shape (see tools/generator). `--out x.zip` writes a
 * zip, `--out x.json` the single-file layout, `--out folder` the one-file-per-question layout.
 * Day 2 of the same archive: add `--day2 new=5,answers=3,transfers=2,withdrawals=1` (the changed uids are printed).
 * The deputies' history in the AMO30 layout (acteur/ and organe/): `--amo30 x.zip [--amo30-acteurs 3000] [--seed S]`.
 * The Sénat's questions database (a zip holding one PostgreSQL dump, data-formats §7):
 * `--senat --count N --out questions.zip [--legislatures 16,17] [--seed S]` (`--out x.sql`: the dump unzipped).
 */
import { parseArgs } from 'node:util';
import {
  planEvolution,
  writeArchive,
  writeDeputiesHistory,
  writeSenatDump,
  type ArchiveLayout,
  type GenerateOptions,
} from '../tools/generator';

function fail(message: string): never {
  console.error(`gen-corpus : ${message}`);
  process.exit(2);
}

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[_\s]/g, ''));
  if (!Number.isInteger(n) || n < 0) fail(`--${name} attend un entier positif (reçu « ${value} »)`);
  return n;
}

function shareOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(',', '.'));
  if (!(n >= 0 && n <= 1)) fail(`--${name} attend une proportion entre 0 et 1 (reçu « ${value} »)`);
  return n;
}

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    out: { type: 'string' },
    layout: { type: 'string' },
    seed: { type: 'string' },
    legislature: { type: 'string' },
    legislatures: { type: 'string' },
    'start-number': { type: 'string' },
    acteurs: { type: 'string' },
    entry: { type: 'string' },
    'answered-share': { type: 'string' },
    'withdrawn-share': { type: 'string' },
    'transfer-share': { type: 'string' },
    'campaign-share': { type: 'string' },
    day2: { type: 'string' },
    amo30: { type: 'string' },
    senat: { type: 'boolean', default: false },
    'amo30-acteurs': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.amo30) {
  const written = await writeDeputiesHistory({
    seed: intOption(values.seed, 'seed', 1),
    out: values.amo30,
    ...(values.legislatures
      ? { legislatures: values.legislatures.split(',').map((x) => intOption(x.trim(), 'legislatures', 17)) }
      : {}),
    ...(values['amo30-acteurs'] ? { acteurs: intOption(values['amo30-acteurs'], 'amo30-acteurs', 0) } : {}),
  });
  console.log(
    `Historique des députés (disposition AMO30) écrit dans ${values.amo30} : ${written.acteurs.toLocaleString('fr-FR')} acteurs ` +
      `(dont ${written.deputies.toLocaleString('fr-FR')} députés), ${written.organes} organes.`,
  );
  process.exit(0);
}

if (values.help || !values.out || values.count === undefined) {
  console.log(
    [
      'Usage : npm run gen-corpus -- --count N --out FICHIER [options]',
      '  --out x.zip | x.json | dossier   archive zip, fichier JSON unique, ou dossier (un fichier par question)',
      '  --layout single|per-file          disposition (défaut : single, sauf --out dossier : per-file)',
      '  --seed S                          graine (défaut 1) : même graine, mêmes octets',
      '  --legislature L | --legislatures 14,15,16,17',
      '  --start-number N                  premier numéro de question (défaut 1)',
      '  --acteurs DOSSIER|x.zip           écrit aussi les fiches des députés',
      '  --day2 new=5,answers=3,transfers=2,withdrawals=1   écrit le « jour 2 » de la même archive',
      '  --campaign-share 0.03              part des questions déposées en campagnes (texte commun ; défaut 0)',
      '  --amo30 x.zip [--amo30-acteurs 3000]  écrit l’historique des députés (acteur/ et organe/) au lieu des questions',
      '  --senat                           écrit la base des questions du Sénat (dump PostgreSQL ; --out x.zip ou x.sql)',
    ].join('\n'),
  );
  process.exit(values.help ? 0 : 2);
}

const out = values.out;
if (values.senat) {
  if (!/\.(zip|sql)$/i.test(out)) fail('--senat s’écrit dans un fichier .zip ou .sql');
  const started = Date.now();
  const r = await writeSenatDump({
    out,
    count: intOption(values.count, 'count', 0),
    seed: intOption(values.seed, 'seed', 1),
    legislature: values.legislature !== undefined ? intOption(values.legislature, 'legislature', 17) : undefined,
    legislatures: values.legislatures?.split(',').map((x) => intOption(x.trim(), 'legislatures', 17)),
  });
  console.log(
    `Base des questions du Sénat écrite dans ${out} : ${r.questions.toLocaleString('fr-FR')} questions écrites, ` +
      `${r.oral} questions orales, ${r.badRows} lignes malformées ; ${(r.sqlBytes / 1e6).toFixed(1)} Mo de SQL, ` +
      `${(r.diskBytes / 1e6).toFixed(1)} Mo sur disque, en ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  process.exit(0);
}
const isFile = /\.(zip|json)$/i.test(out);
const layout = (values.layout ?? (isFile ? 'single' : 'per-file')) as ArchiveLayout;
if (layout !== 'single' && layout !== 'per-file')
  fail(`--layout attend single ou per-file (reçu « ${values.layout} »)`);
if (layout === 'single' && !isFile) fail('la disposition single s’écrit dans un fichier .json ou .zip');
if (layout === 'per-file' && /\.json$/i.test(out)) fail('la disposition per-file s’écrit dans un dossier ou un .zip');

const gen: GenerateOptions = {
  count: intOption(values.count, 'count', 0),
  seed: intOption(values.seed, 'seed', 1),
  legislature: values.legislature !== undefined ? intOption(values.legislature, 'legislature', 17) : undefined,
  legislatures: values.legislatures?.split(',').map((x) => intOption(x.trim(), 'legislatures', 17)),
  startNumber: values['start-number'] !== undefined ? intOption(values['start-number'], 'start-number', 1) : undefined,
  answeredShare: shareOption(values['answered-share'], 'answered-share'),
  withdrawnShare: shareOption(values['withdrawn-share'], 'withdrawn-share'),
  transferShare: shareOption(values['transfer-share'], 'transfer-share'),
  campaignShare: shareOption(values['campaign-share'], 'campaign-share'),
};

function parseDay2(spec: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const part of spec.split(',')) {
    const [key, value] = part.split('=').map((x) => x.trim());
    if (!key || !['new', 'answers', 'transfers', 'withdrawals'].includes(key)) fail(`--day2 : clé inconnue « ${key} »`);
    result[key] = intOption(value, `day2 ${key}`, 0);
  }
  return result;
}

const fmt = (n: number): string => n.toLocaleString('fr-FR');
const mb = (n: number): string => `${(n / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

const started = Date.now();
let lastLog = started;
const onProgress = (n: number): void => {
  if (Date.now() - lastLog > 2000) {
    lastLog = Date.now();
    console.error(`… ${fmt(n)} questions écrites`);
  }
};

try {
  let questions;
  let plan;
  if (values.day2) {
    const d = parseDay2(values.day2);
    plan = planEvolution(gen, {
      newQuestions: d.new,
      newAnswers: d.answers,
      transfers: d.transfers,
      withdrawals: d.withdrawals,
    });
    questions = plan.day2Questions;
  }
  const result = await writeArchive({
    ...gen,
    out,
    layout,
    acteursOut: values.acteurs,
    entryName: values.entry,
    questions,
    onProgress,
  });
  const secs = (Date.now() - started) / 1000;
  const what = layout === 'single' ? 'fichier unique' : 'un fichier par question';
  console.log(
    `${fmt(result.questions)} questions écrites dans ${out} (${what}${result.zipped ? ', zip' : ''}, ` +
      `${mb(result.diskBytes)} sur disque, ${mb(result.jsonBytes)} de JSON) en ${secs.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s ` +
      `(graine ${gen.seed}).`,
  );
  if (result.acteurs !== null)
    console.log(`${fmt(result.acteurs)} fiches de députés écrites dans ${result.acteursOut}.`);
  if (plan) {
    console.log(`Jour 2 (JO du ${plan.day2Date}) :`);
    console.log(
      `  nouvelles questions (${plan.changes.newQuestions.length}) : ${plan.changes.newQuestions.join(' ') || '—'}`,
    );
    console.log(
      `  nouvelles réponses (${plan.changes.newAnswers.length}) : ${plan.changes.newAnswers.join(' ') || '—'}`,
    );
    console.log(
      `  changements de ministère (${plan.changes.transfers.length}) : ${plan.changes.transfers.join(' ') || '—'}`,
    );
    console.log(`  retraits (${plan.changes.withdrawals.length}) : ${plan.changes.withdrawals.join(' ') || '—'}`);
  }
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
