/**
 * Bolt and the Web API client log through this bridge into pino. Their debug output can hold
 * request bodies (message text), so it is passed on only when the bot itself runs at debug.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  let level: LogLevel = logger.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO;
  return {
    debug: (...parts) => {
      if (level === LogLevel.DEBUG) child.debug(join(parts));
    },
    info: (...parts) => child.info(join(parts)),
    warn: (...parts) => child.warn(join(parts)),
    error: (...parts) => child.error(join(parts)),
    setLevel: (next) => {
      // Bolt asks for its own level; never go below ours (no debug bodies at info).
      level = next === LogLevel.DEBUG && !logger.isLevelEnabled('debug') ? LogLevel.INFO : next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
