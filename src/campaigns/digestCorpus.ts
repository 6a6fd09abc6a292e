/** The digests' view of the corpus, with each question's campaign (issue 21): a campaign's new questions in one entry. */
import type { DigestCorpus } from '../digest/types';
import type { QuestionStore } from '../store/QuestionStore';
import { CampaignStore } from './CampaignStore';

export function campaignAwareCorpus(store: QuestionStore): DigestCorpus {
  const campaigns = new CampaignStore(store);
  return {
    eventsSince: (afterId, limit) => store.eventsSince(afterId, limit),
    maxEventId: () => store.maxEventId(),
    getQuestions: (uids) => store.getQuestions(uids),
    campaignOf: (uid) => {
      const c = campaigns.computed() ? campaigns.ofQuestion(uid).campaign : null;
      return c ? { id: c.id, subject: c.subject } : null;
    },
  };
}
