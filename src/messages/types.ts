import type { KnownBlock } from '@slack/types';

/** What the bot says: Block Kit for Slack clients, plus the plain-text fallback for notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
