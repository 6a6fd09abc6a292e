import type { CliCommand } from '../types';
import { campagnesCommand } from './campagnes';
import { questionCommand } from './question';
import { searchCommand } from './search';
import { statsCommand } from './stats';
import { demanderCommand } from './demander';
import { palmaresCommand } from './palmares';
import { tendanceCommand } from './tendance';

/** Every `npm run cli` subcommand: adding one is one import and one entry here. */
export const commands: CliCommand[] = [
  questionCommand,
  statsCommand,
  searchCommand,
  tendanceCommand,
  palmaresCommand,
  campagnesCommand,
  demanderCommand,
];
