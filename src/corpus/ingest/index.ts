export { ingest } from './ingest';
export { ensureSeedCorpus } from './ensureSeedCorpus';
export { formatSummary } from './formatSummary';
export type { IngestOptions, IngestSummary, InputReport, Rejection, FetchLike } from './types';
