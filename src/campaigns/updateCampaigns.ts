/**
 * The campaigns' pass after an ingest, where the ingest ran (its child process, `npm run ingest`, `npm run corpus`):
 * incremental when a pass was made before, else full. A failure is logged and leaves the ingest's outcome alone (the
 * next pass catches up: it starts from the last revision it completed).
 */
import { type CampaignPassReport, CampaignStore } from './CampaignStore';
import type { QuestionStore } from '../store/QuestionStore';

export function updateCampaigns(store: QuestionStore, log: (line: string) => void): CampaignPassReport | null {
  try {
    const r = new CampaignStore(store).update();
    log(
      `Campagnes (${r.mode === 'full' ? 'calcul complet' : 'mise à jour'}) : ${r.questions} questions lues, ` +
        `${r.campaigns} campagnes (${r.members} questions) en ${r.durationMs} ms`,
    );
    return r;
  } catch (err) {
    log(`Campagnes : échec du calcul (${err instanceof Error ? err.message : String(err)})`);
    return null;
  }
}
