/**
 * Bolt and the Web API client log through this bridge into pino. Their debug output can hold
 * request bodies (message text), so it is passed on only when the bot itself runs at debug
 * (and never when `debug: false`). Every line, at every level, is scrubbed of what must never
 * be logged even at debug: tokens (xox…-), OAuth codes, states and client secrets, user ids
 * in Bolt's authorize source.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const SCRUB: Array<[RegExp, string]> = [
  [/xox[a-z]-[A-Za-z0-9-]+/g, 'xox?-[redacted]'],
  [/([?&](?:code|state|client_secret)=)[^&\s"']+/g, '$1[redacted]'],
  [/("(?:code|state|client_secret|userId|user_id|user|refresh_token)"\s*:\s*)"[^"]*"/g, '$1"[redacted]"'],
];

/** A Bolt or Web API client log line without tokens, OAuth codes, states, secrets or user ids. */
export function scrub(line: string): string {
  return SCRUB.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line);
}

export function boltLogger(logger: Logger, options: { debug?: boolean } = {}): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (parts: unknown[]) => scrub(parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
  const debugAllowed = options.debug !== false && logger.isLevelEnabled('debug');
  let level: LogLevel = debugAllowed ? LogLevel.DEBUG : LogLevel.INFO;
  return {
    debug: (...parts) => {
      if (level === LogLevel.DEBUG) child.debug(join(parts));
    },
    info: (...parts) => child.info(join(parts)),
    warn: (...parts) => child.warn(join(parts)),
    error: (...parts) => child.error(join(parts)),
    setLevel: (next) => {
      // Bolt asks for its own level; never go below ours (no debug bodies at info).
      level = next === LogLevel.DEBUG && !debugAllowed ? LogLevel.INFO : next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
