export { ingest } from './ingest';
export { ensureSeedCorpus } from './ensureSeedCorpus';
export { formatSummary } from './formatSummary';
export type { IngestSummary, FetchLike } from './types';
