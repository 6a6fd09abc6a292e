/**
 * Every slash command, in one list used by the dispatcher, the console twin and the deploy script
 * (`npm run deploy-commands`). To add a command: write commands/<name>.ts with `export default defineCommand(...)`
 * (see src/present/commandKit.ts) and add it here.
 */
import type { CommandModule } from '../src/present/commandKit';
import createAide from './aide';
import campagnes from './campagnes';
import depute from './depute';
import digest from './digest';
import ministere from './ministere';
import question from './question';
import recherche from './recherche';
import senateur from './senateur';
import similaires from './similaires';
import stats from './stats';
import suivis from './suivis';
import suivre from './suivre';
import palmares from './palmares';
import tendance from './tendance';
import demander from './demander';

export const commands: CommandModule[] = [
  recherche,
  question,
  similaires,
  depute,
  senateur,
  ministere,
  stats,
  tendance,
  palmares,
  campagnes,
  demander,
  digest,
  suivre,
  suivis,
];
/** /aide lists every command, itself included: it reads this list when it runs. */
commands.push(createAide(() => commands));
