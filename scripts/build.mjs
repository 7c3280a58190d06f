// Bundle the bot's own code (not its dependencies) into dist/main.js with esbuild: about 100 ms,
// plus dist/load-worker.js, the thread that reads and checks the knowledge file (load.ts),
// so `npm start` builds every time and never runs stale code. Running plain JavaScript spares
// the TypeScript loader's worker thread (about 40 MB of resident memory, docs/PERFORMANCE.md).
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/main.ts', 'load-worker': 'src/knowledge/load-worker.ts' },
  outdir: 'dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
