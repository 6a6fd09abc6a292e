/**
 * The import rules of DESIGN.md (« Imports »), checked by `npm run lint` (depcruise). Type-only imports of the
 * model's types are allowed where DESIGN.md says so (they vanish at run time); every rule names the DESIGN.md line
 * it checks. Run `npx depcruise src commands scripts tools --config .dependency-cruiser.cjs` to see the violations.
 */
/** The domains: each may use store, corpus, format, text; none may import the root commands/. */
const DOMAINS = '^src/(search|insights|digest|charts|export|ask|cli|console|ops)/';
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module imports itself back through others (run-time imports; type-only ones vanish).',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'text-imports-nothing',
      severity: 'error',
      comment: 'src/text is language-neutral text knowledge: it imports nothing of the project but itself.',
      from: { path: '^src/text/' },
      to: { path: '^(src|commands|tools|tests|scripts)/', pathNot: '^src/text/' },
    },
    {
      name: 'format-imports-text-and-corpus-types',
      severity: 'error',
      comment: 'src/format (French wording) imports src/text, and only the types of the corpus model.',
      from: { path: '^src/format/' },
      to: {
        path: '^(src|commands|tools|tests|scripts)/',
        pathNot: ['^src/format/', '^src/text/', '^src/corpus/types\\.ts$'],
      },
    },
    {
      name: 'format-takes-only-corpus-types',
      severity: 'error',
      comment: 'src/format reads the corpus model’s types, never its code.',
      from: { path: '^src/format/' },
      to: { path: '^src/corpus/types\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lower-layers-do-not-import-domains',
      severity: 'error',
      comment:
        'store, corpus, format and text are below the domains and the presentation: they never import them (nor the discord.js adapter).',
      from: { path: '^src/(store|corpus|format|text)/' },
      to: { path: [DOMAINS, '^src/present/', '^src/discord/', '^src/main\\.ts$'] },
    },
    {
      name: 'store-does-not-import-ingest',
      severity: 'error',
      comment: 'The store keeps the model; the ingest pipeline (corpus/ingest, corpus/official) writes to it, not back.',
      from: { path: '^src/store/' },
      to: { path: '^src/corpus/(ingest|official)/' },
    },
    {
      name: 'parsers-are-pure',
      severity: 'error',
      comment: 'corpus/parse: pure parsers, no store, no ingest.',
      from: { path: '^src/corpus/parse/' },
      to: { path: ['^src/store/', '^src/corpus/(ingest|official)/'] },
    },
    {
      name: 'config-reads-only-the-environment',
      severity: 'error',
      comment: 'src/config.ts parses the environment; it imports nothing of the project.',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^(src|commands|tools|tests|scripts)/', pathNot: '^src/config\\.ts$' },
    },
    {
      name: 'presentation-does-not-import-ask-or-digest',
      severity: 'error',
      comment:
        'The presentation (src/present) and the discord.js adapter (src/discord) are shared by the front ends: ask, digest, cli, console and ops import them, so they do not import those (main.ts binds the plain-French answer).',
      from: { path: '^src/(present|discord)/' },
      to: { path: '^src/(ask|digest|cli|console|ops)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'present-is-front-end-neutral',
      severity: 'error',
      comment:
        'src/present (Reply, escaping, views, UserError, the error boundary, the command kit) serves every front end: it never imports discord.js nor the adapter (src/discord).',
      from: { path: '^src/present/' },
      to: { path: ['^src/discord/', '(^|/)node_modules/(discord\\.js|@discordjs/[^/]+)/'] },
    },
    {
      name: 'present-takes-discord-api-types-as-types-only',
      severity: 'error',
      comment:
        'The Reply and the command declarations are plain data shaped as Discord JSON: src/present may name those shapes (discord-api-types, type-only) but runs none of its code.',
      from: { path: '^src/present/' },
      to: { path: '(^|/)node_modules/discord-api-types/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-main-binds-the-discord-adapter',
      severity: 'error',
      comment:
        'The console, the CLI, the commands and every domain use src/present, never the discord.js adapter (src/discord); main.ts binds it (ops reads its observer types, next rule).',
      from: { path: '^(src|commands)/', pathNot: ['^src/discord/', '^src/present/', '^src/main\\.ts$', '^src/ops/'] },
      to: { path: '^src/discord/' },
    },
    {
      name: 'ops-takes-adapter-types-only',
      severity: 'error',
      comment: 'src/ops observes the dispatcher through its types (InteractionObserver); main.ts hands it the instance.',
      from: { path: '^src/ops/' },
      to: { path: '^src/discord/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-main-imports-commands',
      severity: 'error',
      comment: 'Nothing in src/ imports the root commands/ except main.ts (the composition root).',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^commands/' },
    },
    {
      name: 'product-does-not-import-tools-or-tests',
      severity: 'error',
      comment: 'src/ and commands/ never import tools/, tests/ or scripts/.',
      from: { path: '^(src|commands)/' },
      to: { path: '^(tools|tests|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.mjs$' },
  },
};
