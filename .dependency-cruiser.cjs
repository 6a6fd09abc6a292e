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
      comment: 'store, corpus, format and text are below the domains and the Discord layer: they never import them.',
      from: { path: '^src/(store|corpus|format|text)/' },
      to: { path: [DOMAINS, '^src/discord/', '^src/main\\.ts$'] },
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
      name: 'discord-layer-does-not-import-ask-or-digest',
      severity: 'error',
      comment:
        'The Discord layer (kit, dispatch, views) is shared by the front ends: ask, digest, cli and ops import it, so it does not import them (main.ts binds them).',
      from: { path: '^src/discord/' },
      to: { path: '^src/(ask|digest|cli|console|ops)/', dependencyTypesNot: ['type-only'] },
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
