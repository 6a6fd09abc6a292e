/**
 * `npm run build` (run by `npm start` first, as `prestart`): the bot's TypeScript (src/ and commands/) to plain
 * JavaScript in dist/, one .js file per .ts file at the same place (dist/src/..., dist/commands/...), so that
 * production starts without compiling anything, in the main thread, the worker threads or the ingest child.
 *
 * esbuild only strips types (the type check is `npm run lint`'s job). The sources import without extensions
 * ("moduleResolution": "Bundler"), which Node does not resolve: each relative import is rewritten to the .js file
 * it compiles to (`./x` -> `./x.js`, `./dir` -> `./dir/index.js`); packages stay imports of node_modules. Every
 * other file under src/ and commands/ (migrations .sql, lexicon .json, the tsx worker boot .mjs) is copied beside
 * the compiled code, so `new URL('./migrations', import.meta.url)` finds them from dist/ as from src/.
 */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(REPO, 'dist');
const TREES = ['src', 'commands'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/**
 * A package's file imported without its extension (`stream-json/Parser`): tsx and bundlers find it, Node's ESM
 * resolution only when the package maps it in "exports"; otherwise the import names the file.
 */
function packageImport(spec: string): string {
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  if (spec.startsWith('node:') || parts.length <= nameLength) return spec;
  const dir = path.join(REPO, 'node_modules', ...parts.slice(0, nameLength));
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { exports?: unknown };
  if (manifest.exports !== undefined) return spec;
  const file = path.join(dir, ...parts.slice(nameLength));
  return !existsSync(file) && existsSync(`${file}.js`) ? `${spec}.js` : spec;
}

/** Relative imports point at the compiled .js file; everything else (packages, node:) stays external. */
const relativeToJs: Plugin = {
  name: 'relative-to-js',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (!args.path.startsWith('.')) return { path: packageImport(args.path), external: true };
      const target = path.resolve(args.resolveDir, args.path);
      const rewritten = existsSync(`${target}.ts`)
        ? `${args.path}.js`
        : existsSync(path.join(target, 'index.ts'))
          ? `${args.path}/index.js`
          : existsSync(target)
            ? args.path
            : null;
      if (rewritten === null)
        return { errors: [{ text: `cannot resolve ${args.path} from ${path.relative(REPO, args.importer)}` }] };
      return { path: rewritten, external: true };
    });
  },
};

const started = performance.now();
// Written beside dist/ (same depth: the compiled code finds the repository two levels up), then swapped in whole:
// a failed build leaves the previous dist/ as it was, and a bot running from dist/ never sees half a tree.
const staging = path.join(REPO, `.dist-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
const files = TREES.flatMap((t) => filesUnder(path.join(REPO, t)));
const sources = files.filter((f) => f.endsWith('.ts'));
const assets = files.filter((f) => !f.endsWith('.ts'));
let warnings = 0;
try {
  const result = await build({
    entryPoints: sources,
    outdir: staging,
    outbase: REPO,
    bundle: true,
    plugins: [relativeToJs],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  warnings = result.warnings.length;
  for (const f of assets) cpSync(f, path.join(staging, path.relative(REPO, f)));
  rmSync(OUT, { recursive: true, force: true });
  renameSync(staging, OUT);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
console.log(
  `dist/: ${sources.length} TypeScript files compiled, ${assets.length} files copied in ${Math.round(performance.now() - started)} ms${warnings ? ` (${warnings} warning(s))` : ''}`,
);
