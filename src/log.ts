/**
 * Logging. Organizers face retaliation, so logs carry what a maintainer needs to fix the bot
 * (event kinds, outcomes, timings, error codes) and never message text, user ids or names,
 * channel names, tokens or secrets. Redaction below is the safety net, not the method: call
 * sites log no user data in the first place.
 */
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  'tokenKey',
  'oauth',
  '*.oauth',
  '*.clientSecret',
  '*.stateSecret',
  '*.tokenKey',
  'authorization',
  'headers.authorization',
  'headers["x-slack-signature"]',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'text',
  '*.text',
  'user',
  '*.user',
  'user_id',
  '*.user_id',
  'user_name',
  '*.user_name',
  'channel_name',
  '*.channel_name',
];

export interface LogOptions {
  level: string;
  /** Human-readable lines (for a terminal); JSON otherwise. */
  pretty?: boolean;
  destination?: pino.DestinationStream;
}

export function createLogger(options: LogOptions): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'notech' },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' } },
    });
  }
  // Standard error, so the console's answers on standard output stay clean.
  return pino(base, pino.destination(2));
}
