/** Short replies when something went wrong, a button no longer works, or a share did or did not go out. */
import { textMessage } from './blocks.js';
import { escapeMrkdwn } from './escape.js';
import { t, type Lang } from './strings/index.js';
import type { SlackMessage } from './types.js';

export function errorMessage(lang: Lang): SlackMessage {
  return textMessage(t(lang).notices.failed);
}

export function expiredButtonMessage(lang: Lang): SlackMessage {
  return textMessage(t(lang).notices.expired);
}

export function sharedNotice(lang: Lang): SlackMessage {
  return textMessage(t(lang).notices.shared);
}

export function shareFailedNotice(lang: Lang): SlackMessage {
  return textMessage(t(lang).notices.shareFailed);
}

/**
 * Sent as a DM from the bot when a share failed and neither the button's response_url (expired:
 * 30 minutes, 5 uses) nor an ephemeral message (the bot is not in that conversation, e.g. a DM
 * between two people) can reach the person. `query` is the command that would answer again.
 */
export function unshareableNotice(lang: Lang, query: string): SlackMessage {
  return textMessage(t(lang).notices.unshareable(escapeMrkdwn(query.replace(/`/g, "'"))));
}
