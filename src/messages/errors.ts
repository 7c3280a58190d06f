import type { Lang } from '../knowledge/normalize.js';
import { section } from './blocks.js';
import { escapeMrkdwn } from './escape.js';
import type { SlackMessage } from './types.js';

const TEXT = {
  failed: {
    en: 'Something went wrong on our side; nothing was posted. Please try again in a moment.',
    ar: 'حدث خطأ من جهتنا ولم يُنشر شيء. حاول مرة أخرى بعد قليل.',
  },
  expired: {
    en: 'That button no longer works. Ask again with `/notech`.',
    ar: 'هذا الزر لم يعد يعمل. اسأل مرة أخرى باستخدام `/notech`.',
  },
  shared: {
    en: 'Shared in the channel.',
    ar: 'تمت المشاركة في القناة.',
  },
  shareFailed: {
    en: 'I could not post in this channel. Invite me with `/invite @NoTech` and press Share again.',
    ar: 'لم أتمكن من النشر في هذه القناة. ادعني بكتابة `/invite @NoTech` ثم اضغط مشاركة مرة أخرى.',
  },
  unshareable: {
    en: "I couldn't share that card: I'm not a member of the conversation where you pressed Share, and the button has expired (buttons work for 30 minutes). Ask again with `/notech {q}` in a channel where I am, or invite me there with `/invite @NoTech` first.",
    ar: 'لم أتمكن من مشاركة البطاقة: لست عضوًا في المحادثة التي ضغطت فيها «مشاركة»، وانتهت صلاحية الزر (تعمل الأزرار 30 دقيقة). اسأل مرة أخرى بكتابة `/notech {q}` في قناة أنا فيها، أو ادعني إليها أولًا بكتابة `/invite @NoTech`.',
  },
} as const;

function simple(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

export function errorMessage(lang: Lang): SlackMessage {
  return simple(TEXT.failed[lang]);
}

export function expiredButtonMessage(lang: Lang): SlackMessage {
  return simple(TEXT.expired[lang]);
}

export function sharedNotice(lang: Lang): SlackMessage {
  return simple(TEXT.shared[lang]);
}

export function shareFailedNotice(lang: Lang): SlackMessage {
  return simple(TEXT.shareFailed[lang]);
}

/**
 * Sent as a DM from the bot when a share failed and neither the button's response_url (expired:
 * 30 minutes, 5 uses) nor an ephemeral message (the bot is not in that conversation, e.g. a DM
 * between two people) can reach the person. `query` is the command that would answer again.
 */
export function unshareableNotice(lang: Lang, query: string): SlackMessage {
  return simple(TEXT.unshareable[lang].replace('{q}', escapeMrkdwn(query.replace(/`/g, "'"))));
}
