/**
 * What a results message remembers between clicks (the query of /recherche or the question of /similaires), kept
 * in the page store under an id carried by its buttons. Its own file: the results view and the export button both
 * read it, and neither imports the other for it.
 */
import type { SearchRequest } from '../../search/types';
import type { CommandDeps } from '../deps';
import { expiredMessage, UserError } from '../UserError';

const RESULTS_STATE = 'results';

export type ResultsState =
  | { k: 'search'; req: Pick<SearchRequest, 'text' | 'filters' | 'sort'>; label: string }
  | { k: 'similar'; uid: string; label: string };

/** Stores a state; returns the id its buttons carry. */
export function saveResultsState(deps: CommandDeps, state: ResultsState, now: Date): string {
  return deps.pages.save(RESULTS_STATE, state, now);
}

export function loadResultsState(deps: CommandDeps, stateId: string): ResultsState {
  const s = deps.pages.load(RESULTS_STATE, stateId);
  if (!s || typeof s !== 'object' || !('k' in s)) {
    throw new UserError(expiredMessage('Cette recherche'));
  }
  return s as ResultsState;
}
