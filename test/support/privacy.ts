/**
 * Organizer privacy, checked on captured logs: at info level and above no token, signing
 * secret, message text, user id, user name or channel name may appear.
 */
import { expect } from 'vitest';
import { BOT_TOKEN, SIGNING_SECRET } from './slack-requests.js';

/** Identifiers and text the tests send as users; none may reach a log line at info or above. */
export const PRIVATE_MARKERS = [BOT_TOKEN, SIGNING_SECRET, 'xoxb-', 'U0MAYA', 'U0ADMIN', 'U0BOSS', 'maya', 'organizing', 'what about', 'hello there', 'are you awake', '<!channel>', 'مصلحة السجون', 'إلبيت'];

export function expectNoPrivateData(lines: string[], extraMarkers: string[] = []): { checked: number } {
  let checked = 0;
  for (const line of lines) {
    let level = 30;
    try {
      level = (JSON.parse(line) as { level?: number }).level ?? 30;
    } catch {
      // A non-JSON line (a crash trace, a console line) is checked whatever its level.
    }
    if (level < 30) continue;
    checked += 1;
    for (const marker of [...PRIVATE_MARKERS, ...extraMarkers]) {
      expect(line.includes(marker), `log line contains "${marker}": ${line.slice(0, 300)}`).toBe(false);
    }
  }
  return { checked };
}
