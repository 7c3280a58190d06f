/** Slack modes from main: start, watch the knowledge file, stop cleanly on SIGTERM/SIGINT. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import { StartupError, startSlackApp } from './app.js';

export async function startSlack(options: { config: Config; store: KnowledgeStore; logger: Logger }): Promise<void> {
  const { logger, store } = options;
  let running;
  try {
    running = await startSlackApp(options);
  } catch (error) {
    if (error instanceof StartupError) {
      process.stderr.write(`notech: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const unwatch = store.watch();
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    unwatch();
    const timer = setTimeout(() => process.exit(0), 5000);
    timer.unref();
    running
      .stop()
      .catch((error: unknown) => logger.error({ err: error }, 'error while stopping'))
      .finally(() => {
        logger.flush();
        process.exit(0);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
