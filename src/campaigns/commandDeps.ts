/**
 * What /campagnes, /question and the CSV export read about campaigns, added to the bot's CommandDeps by module
 * augmentation (optional: a deps object built without it makes /campagnes answer « indisponible »).
 */
import type { CampaignStore } from './CampaignStore';

export type CampaignReader = Pick<
  CampaignStore,
  'computed' | 'largest' | 'get' | 'members' | 'ofQuestion' | 'shareOf' | 'repeats'
>;

declare module '../present/deps' {
  interface CommandDeps {
    campaigns?: CampaignReader;
  }
}
