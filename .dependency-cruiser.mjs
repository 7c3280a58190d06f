/**
 * The dependency rule (README, "Layout"): lower layers never import higher ones, and no two
 * folders import each other. `npm run deps:check` enforces it in CI; known violations waiting
 * for a planned change are listed in .dependency-cruiser-known-violations.json, so only a new
 * one fails. Type-only imports count: a type shared upward ties the layers together as much.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Two folders import each other (directly or through others): put the shared piece in the lower one.',
      severity: 'error',
      scope: 'folder',
      // Known: query ⇄ messages (messages/compose.ts uses query's Answer type; query/respond.ts
      // composes). The reply module (issue #13 part 2) ends it: then drop this pathNot.
      // dependency-cruiser's --ignore-known does not cover folder-level rules, hence it is
      // spelt out here. A loop through any third folder is still reported from that folder,
      // and messages → query itself is in the known-violations file.
      from: { pathNot: '^src/(query|messages)$' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'Two modules import each other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'knowledge-imports-only-knowledge',
      comment: 'src/knowledge is the bottom layer (schema, loading, search): it imports nothing else from src.',
      severity: 'error',
      from: { path: '^src/knowledge/' },
      to: { path: '^src/', pathNot: '^src/knowledge/' },
    },
    {
      name: 'messages-imports-only-knowledge',
      comment: 'src/messages says what to say from knowledge alone: no query, Slack, digest or console code.',
      severity: 'error',
      from: { path: '^src/messages/' },
      to: { path: '^src/', pathNot: '^src/(messages|knowledge)/' },
    },
    {
      name: 'root-modules-import-no-feature',
      comment: 'config.ts, log.ts and time.ts serve every layer; importing a feature folder ties them in a loop (config → digest did).',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '^src/main\\.ts$' },
      to: { path: '^src/(query|messages|digest|slack|console)/' },
    },
    {
      name: 'nothing-imports-main',
      comment: 'main.ts is the entry point; the layers it starts never import it.',
      severity: 'error',
      from: { path: '^src/(query|digest|console|slack)/' },
      to: { path: '^src/main\\.ts$' },
    },
  ],
  options: {
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
