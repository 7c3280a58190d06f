/**
 * Start: settings → knowledge → the mode the settings choose (console, Socket Mode or HTTP).
 */
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, type Config } from './config.js';
import { runConsole } from './console/console.js';
import { previewDigest } from './digest/index.js';
import { formatProblem } from './knowledge/problems.js';
import { KnowledgeStore } from './knowledge/store.js';
import { createLogger } from './log.js';

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`notech: ${line}\n`);
  process.exit(1);
}

// NOTECH_ENV_FILE picks another env file, or "none" to read only the real environment (tests).
const envFile = process.env.NOTECH_ENV_FILE ?? '.env';
if (envFile !== 'none') loadDotenv({ path: envFile, quiet: true });

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.problems);
  throw error;
}

const logger = createLogger({ level: config.logLevel, pretty: process.stderr.isTTY && config.mode !== 'console' });
const opened = await KnowledgeStore.open(config.knowledgeFile, logger);
if (!opened.ok) {
  fail([
    ...opened.problems.map((problem) => formatProblem(config.knowledgeFile, problem)),
    `the knowledge file has ${opened.problems.length} problem(s); run npm run knowledge:check after fixing them.`,
  ]);
}
const { store } = opened;

if (config.mode === 'console') {
  await runConsole({
    store,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY),
    color: Boolean(process.stdout.isTTY),
    // `digest` in the console: the digest a newly subscribed channel would get now.
    digestPreview: () => previewDigest(store.current, { lang: 'en', at: new Date(), timezone: config.digestTimezone }),
  });
} else {
  const { startSlack } = await import('./slack/start.js');
  await startSlack({ config, store, logger });
}
