import type { Lang } from '../knowledge/normalize.js';
import { section } from './blocks.js';
import { t } from './i18n.js';
import type { SlackMessage } from './types.js';

/** The short reply to a mention that names no topic: how to ask, in two lines. */
export function quickHelp(lang: Lang): SlackMessage {
  const text =
    lang === 'ar'
      ? 'لم أتعرّف على موضوع في رسالتك. اسألني مثلًا: `@NoTech ماذا عن إلبيت؟`، أو اكتب `/notech قائمة` لكل المواضيع.'
      : "I didn't recognise a topic there. Ask me like `@NoTech what about elbit?`, or type `/notech list` for every topic.";
  return { text: t(lang).helpTitle, blocks: [section(text)] };
}

/** The short reply to a DM that names no topic: how to ask, without the `@NoTech` a DM does not need. */
export function quickHelpInDm(lang: Lang): SlackMessage {
  return { text: t(lang).helpTitle, blocks: [section(t(lang).dmQuickHelp)] };
}
