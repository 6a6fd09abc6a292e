/**
 * Synthetic archives of written questions in the Assemblée's official open-data shape (deterministic by seed).
 * See generateQuestions.ts (questions), generateActeurs.ts (deputy files), planEvolution.ts (day 1 -> day 2),
 * writeArchive.ts (files and zips, streamed).
 */
export { generateQuestions, allocateCounts, type GenerateOptions } from './generateQuestions';
export { generateActeurs, type GenerateActeursOptions } from './generateActeurs';
export {
  planEvolution,
  type EvolutionChanges,
  type EvolutionChangeLists,
  type EvolutionPlan,
} from './planEvolution';
export {
  writeArchive,
  writeDeputiesHistory,
  type ArchiveLayout,
  type DeputiesHistoryOptions,
  type WriteArchiveOptions,
  type WriteArchiveResult,
} from './writeArchive';
export { generateOrganes, type OfficialOrganeFile } from './generateOrganes';
export { SUPPORTED_LEGISLATURES, legislatureSpan } from './joDates';
export type {
  OfficialQuestion,
  OfficialQuestionFile,
  OfficialSingleFile,
  OfficialActeurFile,
  OfficialMinAttrib,
} from './officialTypes';
