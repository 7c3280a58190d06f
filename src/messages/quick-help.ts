import { section } from './blocks.js';
import { t, type Lang } from './strings/index.js';
import type { SlackMessage } from './types.js';

/** The short reply to a mention that names no topic: how to ask, in two lines. */
export function quickHelp(lang: Lang): SlackMessage {
  return { text: t(lang).helpTitle, blocks: [section(t(lang).quickHelp)] };
}

/** The short reply to a DM that names no topic: how to ask, without the `@NoTech` a DM does not need. */
export function quickHelpInDm(lang: Lang): SlackMessage {
  return { text: t(lang).helpTitle, blocks: [section(t(lang).dmQuickHelp)] };
}
