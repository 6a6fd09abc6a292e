/** Public API of the search domain. */
export type * from './types';
export { createSearchService, type SearchServiceHandle, type SearchStore, type CreateSearchServiceOptions } from './createSearchService';
export { SearchService, SearchNotReadyError, SearchUnavailableError } from './SearchService';
export { excerptToMarkdown, excerptToPlain, buildExcerpt } from './excerpt';
export { analyzeText } from './analyzeFrench';
export { parseQuery } from './query';
