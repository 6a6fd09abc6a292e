/**
 * /campagnes [texte] [legislature] [depuis] [jusqua]: the largest campaigns of identical questions (issue 21), each
 * opened by its button (`camp:<id>`) as the list of its questions with « Exporter (CSV) ». Campaigns are computed
 * where the questions are written (src/campaigns/updateCampaigns.ts); this command only reads them.
 */
import { component, defineCommand } from '../src/present/commandKit';
import { UserError } from '../src/present/UserError';
import {
  campaignReply,
  campaignsReply,
  campaignsWhat,
  CAMPAIGNS_SHOWN,
  requireCampaigns,
} from '../src/present/views/campaignView';
import { FILTER_OPTIONS } from '../src/present/views/filters';
import { parseDateRange } from '../src/present/userInput';
import type { CampaignFilters } from '../src/campaigns/CampaignStore';

export default defineCommand({
  name: 'campagnes',
  help: {
    what: 'Les campagnes : des questions au texte repris presque mot pour mot par plusieurs parlementaires.',
    examples: ['/campagnes', '/campagnes texte:pesticides legislature:16'],
  },
  nameEn: 'campaigns',
  description: 'Les plus grandes campagnes de questions au texte identique',
  descriptionEn: 'The largest campaigns of identical questions',
  options: {
    texte: {
      type: 'string',
      nameEn: 'text',
      maxLength: 200,
      description: 'Mots de l’objet de la campagne (ex. pesticides)',
      descriptionEn: 'Words of the campaign’s subject (e.g. pesticides)',
    },
    legislature: FILTER_OPTIONS.legislature,
    depuis: FILTER_OPTIONS.depuis,
    jusqua: FILTER_OPTIONS.jusqua,
  },
  prepare(args, deps) {
    const campaigns = requireCampaigns(deps);
    const range = parseDateRange(args.depuis, args.jusqua);
    const filters: CampaignFilters = {
      ...(args.texte?.trim() ? { text: args.texte.trim() } : {}),
      ...(args.legislature !== undefined ? { legislature: args.legislature } : {}),
      ...(range.from ? { since: range.from } : {}),
      ...(range.to ? { until: range.to } : {}),
      limit: CAMPAIGNS_SHOWN,
    };
    return { campaigns, filters };
  },
  run: ({ campaigns, filters }) => campaignsReply(campaigns.largest(filters), campaignsWhat(filters)),
  components: {
    /** camp:<id> -> the campaign's questions, as a new message. */
    camp: component({
      answer: 'reply',
      prepare(call, deps) {
        const campaigns = requireCampaigns(deps);
        const campaign = campaigns.get(Number(call.args[0]));
        if (!campaign) throw new UserError('Cette campagne a changé depuis : relancez /campagnes.');
        return { campaigns, campaign };
      },
      run: ({ campaigns, campaign }, deps, ctx) =>
        campaignReply(campaign, deps.store.getQuestions(campaigns.members(campaign.id, 15)), ctx.now),
    }),
  },
});
