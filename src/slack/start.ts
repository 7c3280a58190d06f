import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';

export async function startSlack(options: { config: Config; store: KnowledgeStore; logger: Logger }): Promise<void> {
  options.logger.error({ mode: options.config.mode }, 'Slack modes are not built yet');
  process.exitCode = 1;
}
