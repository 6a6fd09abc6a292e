/**
 * Synthetic archives of written questions in the Assemblée's official open-data shape (deterministic by seed).
 * See generateQuestions.ts (questions), generateActeurs.ts (deputy files), planEvolution.ts (day 1 -> day 2),
 * writeArchive.ts (files and zips, streamed).
 */
export { generateQuestions, allocateCounts, type GenerateOptions } from './generateQuestions';
export { generateActeurs } from './generateActeurs';
export { planEvolution } from './planEvolution';
export { writeArchive, writeDeputiesHistory, type ArchiveLayout } from './writeArchive';
export { legislatureSpan } from './joDates';
export type { OfficialQuestion } from './officialTypes';
export { senatQuestions, writeSenatDump, type SenatGenerated } from './senatDump';
