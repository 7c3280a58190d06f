/**
 * Checks on time settings, shared by the settings (config.ts) and the digest's schedules, so
 * that neither imports the other.
 */
import { Cron } from 'croner';

/** Is this an IANA time zone name this Node knows (e.g. "Europe/London", "UTC")? */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Is this a cron expression croner accepts (5 fields, or 6 with seconds)? */
export function isValidCron(expression: string): boolean {
  try {
    new Cron(expression, { timezone: 'UTC', paused: true });
    return true;
  } catch {
    return false;
  }
}
