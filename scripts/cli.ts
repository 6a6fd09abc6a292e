/** `npm run cli -- <commande> [options] [--db chemin]`: see src/cli/commands/index.ts for the list. */
import { runCli } from '../src/cli/runCli';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
});
