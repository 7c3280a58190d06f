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
      from: {},
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
      name: 'query-and-reply-import-no-adapter',
      comment: 'src/query (grammar, answer) and src/reply (what every surface replies) decide what to say; delivering it is the adapters\' job (query importing reply would be a folder cycle).',
      severity: 'error',
      from: { path: '^src/(query|reply)/' },
      to: { path: '^src/(slack|digest|console)/' },
    },
    {
      name: 'root-modules-import-no-feature',
      comment: 'config.ts, log.ts and time.ts serve every layer; importing a feature folder ties them in a loop (config → digest did).',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '^src/main\\.ts$' },
      to: { path: '^src/(query|reply|messages|digest|slack|console)/' },
    },
    {
      name: 'slack-web-is-a-leaf',
      comment: 'src/slack-web.ts is shared by src/slack and src/digest (siblings): it imports nothing from src, so it can close no loop.',
      severity: 'error',
      from: { path: '^src/slack-web\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'db-is-a-leaf',
      comment: 'src/db (the PostgreSQL pool and migrations) is shared by src/digest and src/slack: it imports nothing from src, so it can close no loop.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: '^src/db/' },
    },
    {
      name: 'nothing-imports-main',
      comment: 'main.ts is the entry point; the layers it starts never import it.',
      severity: 'error',
      from: { path: '^src/(query|reply|digest|console|slack)/' },
      to: { path: '^src/main\\.ts$' },
    },
  ],
  options: {
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
