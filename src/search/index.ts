/** Public API of the search domain. */
export type * from './types';
export { createSearchService, type SearchServiceHandle } from './createSearchService';
export { SearchNotReadyError, SearchUnavailableError } from './SearchService';
