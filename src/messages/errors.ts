import type { Lang } from '../knowledge/normalize.js';
import { section } from './blocks.js';
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
