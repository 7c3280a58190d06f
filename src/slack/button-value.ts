/**
 * Reading a button's value back. Slack returns whatever the message held, and a forged or
 * truncated payload can hold anything: accept only our own shape, else treat it as expired.
 */
import { z } from 'zod';
import type { ShareValue } from '../messages/compose.js';

const ShareValueSchema = z.strictObject({ v: z.literal(1), q: z.string().max(500), lang: z.enum(['en', 'ar']) });

export function readButtonValue(value: unknown): ShareValue | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  try {
    const parsed = ShareValueSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
