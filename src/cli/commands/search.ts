/**
 * `npm run cli -- search "entraide pénale" --legislature 14 [--depute X --groupe G --ministere Y --rubrique R
 *  --departement D --chambre an|senat|tous --statut repondu|en-attente|retiree --depuis JJ/MM/AAAA --jusqua JJ/MM/AAAA
 *  --repondu-sous N --en-attente-depuis N --tri pertinence|recent|ancien --limite N --page N --index-dir DIR] [--json]`
 *
 * Uses the saved index (`--index-dir`, else the configuration's INDEX_DIR: beside the database by default), rebuilt
 * and saved when the corpus changed.
 */
import type { Chamber } from '../../corpus/types';
import { createSearchService } from '../../search/createSearchService';
import { excerptToPlain } from '../../search/excerpt';
import type { SearchFilters, SearchRequest, SearchResponse, SortOrder } from '../../search/types';
import { CHAMBER_MARKS, frenchDate, frNumber, STATUS_WORDS, searchModeNote, statusOfWord } from '../../format/french';
import { describeUnsearchable } from '../../search/searchableText';
import { isUserError, UserError } from '../../present/UserError';
import { type CliCommand, parseCliArgs } from '../types';
import { writeFileSync } from 'node:fs';
import { createCorpusQueries } from '../../insights/corpusQueries';
import { MAX_EXPORT_ROWS, questionsCsv } from '../../export/questionsCsv';
import type { Collected } from '../../search/SearchService';
import type { QuestionStore } from '../../store/QuestionStore';
import { foldKey } from '../../text/fold';

/** Writes the CSV export of a search; returns the line to print. */
function writeSearchCsv(file: string, collected: Collected, store: QuestionStore): string {
  const rows = createCorpusQueries(store.db).exportRows(collected.hits.map((h) => h.uid));
  writeFileSync(file, questionsCsv(rows));
  return `CSV : ${file} (${frNumber(rows.length)} question(s)${collected.total > rows.length ? ` sur ${frNumber(collected.total)}` : ''})`;
}

/** A search refused for its input; `code` names the reason in the --json error object. */
class SearchInputError extends UserError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const SORTS: Record<string, SortOrder> = { pertinence: 'relevance', recent: 'newest', ancien: 'oldest' };

/** JJ/MM/AAAA or AAAA-MM-JJ -> ISO; throws a French UserError for an impossible date. */
function parseFrenchDate(value: string, option: string): string {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const [y, m, d] = fr ? [fr[3], fr[2], fr[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d)
    throw new UserError(`Option ${option} : date « ${value} » non reconnue (JJ/MM/AAAA ou AAAA-MM-JJ).`);
  const out = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = new Date(`${out}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== out) {
    throw new UserError(`Option ${option} : la date « ${value} » n'existe pas.`);
  }
  return out;
}

function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UserError(`Option ${option} : nombre entier attendu, reçu « ${value} ».`);
  return n;
}

/** The filter options every CLI command that lists questions takes (search, tendance). */
export const FILTER_ARGS = {
  legislature: { type: 'string' },
  depute: { type: 'string' },
  groupe: { type: 'string' },
  ministere: { type: 'string' },
  rubrique: { type: 'string' },
  departement: { type: 'string' },
  depuis: { type: 'string' },
  jusqua: { type: 'string' },
  chambre: { type: 'string' },
} as const;

const CHAMBERS: Record<string, Chamber | undefined> = { an: 'an', assemblee: 'an', senat: 'senat', tous: undefined };

/** `--chambre an|senat|tous` (accents and case aside): one chamber, or both (undefined). */
export function parseChamberArg(value: string | undefined): Chamber | undefined {
  if (value === undefined) return undefined;
  const key = foldKey(value);
  if (!(key in CHAMBERS)) throw new UserError(`Option --chambre : « ${value} » inconnue (an, senat ou tous).`);
  return CHAMBERS[key];
}

type FilterValues = { [K in keyof typeof FILTER_ARGS]?: string };

/**
 * The filters of `FILTER_ARGS` but the legislature (each command checks it its own way): names, department and a
 * date range, with a French UserError for an impossible date or range.
 */
export function namedFilters(v: FilterValues): SearchFilters {
  const filters: SearchFilters = {};
  const chamber = parseChamberArg(v.chambre);
  if (chamber) filters.chamber = chamber;
  if (v.depute) filters.deputy = v.depute;
  if (v.groupe) filters.group = v.groupe;
  if (v.ministere) filters.ministry = v.ministere;
  if (v.rubrique) filters.rubrique = v.rubrique;
  if (v.departement) filters.department = v.departement;
  if (v.depuis) filters.from = parseFrenchDate(v.depuis, '--depuis');
  if (v.jusqua) filters.to = parseFrenchDate(v.jusqua, '--jusqua');
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new UserError('La date --depuis est postérieure à --jusqua.');
  }
  return filters;
}

function parseSearchArgs(
  args: string[],
  now: Date,
  defaultIndexDir: string,
): { request: SearchRequest; json: boolean; indexDir: string; csv?: string } {
  const parsed = parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      ...FILTER_ARGS,
      statut: { type: 'string' },
      'repondu-sous': { type: 'string' },
      'en-attente-depuis': { type: 'string' },
      tri: { type: 'string' },
      limite: { type: 'string' },
      page: { type: 'string' },
      'index-dir': { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'string' },
    },
  });
  const v = parsed.values;
  const filters: SearchFilters = {};
  if (v.legislature !== undefined) filters.legislature = positiveInt(v.legislature, '--legislature');
  if (v.statut) {
    const s = statusOfWord(v.statut);
    if (!s) throw new UserError(`Option --statut : « ${v.statut} » inconnu (repondue, en_attente, retiree).`);
    filters.status = s;
  }
  Object.assign(filters, namedFilters(v));
  const within = positiveInt(v['repondu-sous'], '--repondu-sous');
  if (within !== undefined) filters.answeredWithinDays = within;
  const pendingFor = positiveInt(v['en-attente-depuis'], '--en-attente-depuis');
  if (pendingFor !== undefined) filters.pendingForMoreThanDays = pendingFor;
  let sort: SortOrder = 'relevance';
  if (v.tri) {
    const s = SORTS[v.tri];
    if (!s) throw new UserError(`Option --tri : « ${v.tri} » inconnu (pertinence, recent, ancien).`);
    sort = s;
  }
  const limit = positiveInt(v.limite, '--limite') ?? 5;
  const page = Math.max(1, positiveInt(v.page, '--page') ?? 1);
  const text = parsed.positionals.join(' ').trim();
  if (!text && Object.keys(filters).length === 0) {
    throw new UserError(
      'Indiquez des mots à chercher ou au moins un filtre (ex. : search "entraide pénale" --legislature 14).',
    );
  }
  if (text.length > 300) throw new UserError('Recherche trop longue (300 caractères au plus).');
  // A text with no searchable word would list the whole corpus as if it matched (filters alone need no text).
  const unsearchable = text ? describeUnsearchable(text) : null;
  if (unsearchable) {
    throw new SearchInputError(
      `${unsearchable}${Object.keys(filters).length ? ' Sans texte, les filtres seuls listent les questions les plus récentes.' : ''}`,
      'aucun_mot_cherchable',
    );
  }
  return {
    request: { text, filters, sort, limit: Math.max(1, Math.min(50, limit)), offset: (page - 1) * limit, now },
    json: !!v.json,
    indexDir: v['index-dir'] ?? defaultIndexDir,
    ...(v.csv ? { csv: v.csv } : {}),
  };
}

function renderSearch(r: SearchResponse, req: SearchRequest): string {
  if (r.total === 0) return 'Aucun résultat. Essayez moins de mots, sans filtre, ou une autre orthographe.';
  const lines: string[] = [];
  const from = (req.offset ?? 0) + 1;
  const note = searchModeNote(r.mode, r.allTotal);
  lines.push(`${frNumber(r.total)} question(s) trouvée(s) ; résultats ${from} à ${from + r.hits.length - 1} :`);
  if (note) lines.push(note);
  r.hits.forEach((h, i) => {
    lines.push('');
    lines.push(`${from + i}. ${CHAMBER_MARKS[h.chamber]} n° ${h.number} (${h.legislature}e législature) — ${h.title}`);
    const who = [h.author, h.group].filter(Boolean).join(', ');
    if (who) lines.push(`   ${who}${h.ministry ? ` → ${h.ministry}` : ''}`);
    const dates = [`posée le ${frenchDate(h.questionDate) ?? '?'}`];
    if (h.answerDate) dates.push(`réponse le ${frenchDate(h.answerDate)}`);
    lines.push(`   ${STATUS_WORDS[h.status].adjective} ; ${dates.join(', ')}`);
    if (h.excerpt) lines.push(`   « ${excerptToPlain(h.excerpt)} »`);
    lines.push(`   ${h.url}`);
  });
  return lines.join('\n');
}

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'recherche plein texte avec filtres (députés, ministères, dates, statut)',
  usage:
    'search "mots" [--legislature N --depute X --ministere Y --statut repondu ... --tri recent] [--json] [--csv f.csv]',
  async run(args, ctx) {
    let parsed: ReturnType<typeof parseSearchArgs>;
    try {
      parsed = parseSearchArgs(args, ctx.now, ctx.config.indexDir);
    } catch (err) {
      // Under --json, a refused input is a JSON error object on stdout (exit code 1), not text on stderr.
      if (!isUserError(err) || !args.includes('--json')) throw err;
      ctx.out(
        JSON.stringify(
          { error: { code: err instanceof SearchInputError ? err.code : 'entree_invalide', message: err.message } },
          null,
          2,
        ),
      );
      return 1;
    }
    const { request, json, indexDir, csv } = parsed;
    const store = ctx.store();
    const service = createSearchService({ store, indexDir });
    try {
      await service.whenReady;
      // --csv FILE (issue 13): every match in list order, up to 5,000, as the bot's export button writes them.
      if (csv) ctx.err(writeSearchCsv(csv, await service.engine.collect(request, MAX_EXPORT_ROWS), store));
      const r = await service.engine.search(request);
      if (json) {
        ctx.out(
          JSON.stringify(
            {
              total: r.total,
              mode: r.mode,
              ...(r.allTotal !== undefined ? { allTotal: r.allTotal } : {}),
              tookMs: Math.round(r.tookMs * 10) / 10,
              results: r.hits.map((h) => ({
                uid: h.uid,
                chamber: h.chamber,
                score: h.score,
                legislature: h.legislature,
                number: h.number,
                title: h.title,
                author: h.author,
                group: h.group,
                ministry: h.ministry,
                status: h.status,
                questionDate: h.questionDate,
                answerDate: h.answerDate,
                excerpt: h.excerpt ? excerptToPlain(h.excerpt) : null,
                url: h.url,
              })),
            },
            null,
            2,
          ),
        );
      } else ctx.out(renderSearch(r, request));
      return 0;
    } finally {
      await service.close();
    }
  },
};
