/**
 * `npm run cli -- campagnes [texte] [--legislature N] [--depuis D] [--jusqua D] [--limite N] [--json]`: the largest
 * campaigns of identical questions (issue 21), as /campagnes lists them, with their questions' uids in JSON.
 */
import { type CampaignFilters, CampaignStore, type CampaignSummary } from '../../campaigns/CampaignStore';
import { frCount, frenchPeriod, frNumber } from '../../format/french';
import { parseDateRange } from '../../present/userInput';
import { UserError } from '../../present/UserError';
import { type CliCommand, parseCliArgs } from '../types';

function renderCampaign(c: CampaignSummary, i: number): string {
  const facts = [
    `${frCount(c.size, 'question')} ${frenchPeriod(c.firstDate, c.lastDate) ?? ''}`.trim(),
    `${frCount(c.authors, 'auteur')}, ${frCount(c.groups, 'groupe')}`,
    ...(c.ministry ? [c.ministry] : []),
    `${Math.round((100 * c.answered) / Math.max(1, c.size))} % répondues`,
    ...(c.commonAnswer > 1 ? [`réponse commune à ${frNumber(c.commonAnswer)}`] : []),
  ];
  return `${i + 1}. ${c.subject}\n   ${facts.join(' · ')}`;
}

export const campagnesCommand: CliCommand = {
  name: 'campagnes',
  summary: 'les plus grandes campagnes de questions au texte identique',
  usage: 'campagnes [texte] [--legislature N] [--depuis JJ/MM/AAAA] [--jusqua JJ/MM/AAAA] [--limite N] [--json]',
  run(args, ctx) {
    const { values, positionals } = parseCliArgs({
      args,
      allowPositionals: true,
      options: {
        legislature: { type: 'string' },
        depuis: { type: 'string' },
        jusqua: { type: 'string' },
        limite: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const legislature = values.legislature === undefined ? undefined : Number(values.legislature);
    if (legislature !== undefined && !(Number.isInteger(legislature) && legislature > 0))
      throw new UserError(`Législature invalide : « ${values.legislature} » (un nombre, ex. 16).`);
    const limit = values.limite === undefined ? 10 : Number(values.limite);
    if (!(Number.isInteger(limit) && limit > 0 && limit <= 1000))
      throw new UserError(`Limite invalide : « ${values.limite} » (un nombre de 1 à 1000).`);
    const range = parseDateRange(values.depuis, values.jusqua);
    const text = positionals.join(' ').trim();
    const filters: CampaignFilters = {
      ...(text ? { text } : {}),
      ...(legislature !== undefined ? { legislature } : {}),
      ...(range.from ? { since: range.from } : {}),
      ...(range.to ? { until: range.to } : {}),
      limit,
    };
    const campaigns = new CampaignStore(ctx.store());
    if (!campaigns.computed())
      throw new UserError(
        'Les campagnes ne sont pas encore calculées : lancez une ingestion (npm run ingest ou corpus).',
      );
    const list = campaigns.largest(filters);
    if (values.json) {
      ctx.out(JSON.stringify({ campaigns: list.map((c) => ({ ...c, uids: campaigns.members(c.id) })) }, null, 2));
      return 0;
    }
    ctx.out(
      list.length
        ? list.map(renderCampaign).join('\n')
        : 'Aucune campagne. Une campagne : au moins deux questions dont le texte est repris presque mot pour mot.',
    );
    return 0;
  },
};
