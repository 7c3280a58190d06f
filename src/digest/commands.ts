/**
 * `/notech digest subscribe [day] [HH:MM] [time zone] [lang:ar]`, `unsubscribe`, `status`,
 * `preview`. Replies are private. When ADMIN_USER_IDS is set only those people may change
 * subscriptions; the check uses the id Slack sends and nothing about the person is stored.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Lang } from '../knowledge/normalize.js';
import { section } from '../messages/blocks.js';
import { escapeMrkdwn } from '../messages/escape.js';
import type { SlackMessage } from '../messages/types.js';
import { joinChannel, type Membership } from '../slack-web.js';
import { composeDigest } from './content.js';
import { describeSchedule, formatInZone, nextRun, parseScheduleArgs, type Schedule } from './schedule.js';
import type { StateStore } from './state.js';

const T = {
  en: {
    forms:
      'Accepted: `/notech digest subscribe [day] [HH:MM] [time zone] [lang:ar]`, e.g. `/notech digest subscribe monday 09:00 Europe/London`. Days: monday…sunday (or mon…sun); time: 24-hour HH:MM; time zone: an IANA name such as `America/New_York` or `UTC`.',
    invalid: (problem: string) => `That schedule did not work: ${problem}.`,
    notAdmin: 'Only the people listed in ADMIN_USER_IDS can change digest subscriptions here. Nothing was changed.',
    subscribed: (described: string, next: string, lang: Lang) =>
      `This channel will get the NoTech digest every ${described}${lang === 'ar' ? ' in Arabic and English' : ''}. Next: ${next}.`,
    joined: 'I joined this channel so I can post the digest.',
    invite: 'I cannot join this channel by myself (it may be private). Invite me with `/invite @NoTech`, or the digest cannot be posted.',
    unsubscribed: 'This channel will no longer get the digest.',
    notSubscribed: 'This channel is not subscribed. `/notech digest subscribe` to subscribe.',
    fromConfig: 'This channel is subscribed by the bot’s configuration (DIGEST_CHANNELS); a maintainer can remove it there.',
    status: (described: string, next: string, last: string) => `Subscribed: every ${described}.\nNext digest: ${next}.\nLast delivery: ${last}.`,
    never: 'none yet',
    help: 'Digest commands: `/notech digest subscribe [day] [HH:MM] [time zone] [lang:ar]`, `/notech digest unsubscribe`, `/notech digest status`, `/notech digest preview`.',
  },
  ar: {
    forms:
      'الصيغة المقبولة: `/notech digest subscribe [اليوم] [HH:MM] [المنطقة الزمنية] [lang:ar]`، مثل `/notech digest subscribe الاثنين 09:00 Asia/Beirut`. الأيام: الأحد…السبت أو monday…sunday؛ الوقت: HH:MM بنظام 24 ساعة؛ المنطقة الزمنية: اسم IANA مثل `Europe/London` أو `UTC`.',
    invalid: (problem: string) => `لم ينجح هذا الجدول: ${problem}.`,
    notAdmin: 'لا يمكن تغيير اشتراكات الملخص هنا إلا للأشخاص المدرجين في ADMIN_USER_IDS. لم يتغير شيء.',
    subscribed: (described: string, next: string) => `ستصل هذه القناة ملخص NoTech بالعربية والإنجليزية كل ${described}. الموعد القادم: ${next}.`,
    joined: 'انضممت إلى هذه القناة لأتمكن من نشر الملخص.',
    invite: 'لا أستطيع الانضمام إلى هذه القناة بنفسي (قد تكون خاصة). ادعني بكتابة `/invite @NoTech`، وإلا فلن يُنشر الملخص.',
    unsubscribed: 'لن تصل هذه القناة الملخص بعد الآن.',
    notSubscribed: 'هذه القناة غير مشتركة. اكتب `/notech digest subscribe` للاشتراك.',
    fromConfig: 'هذه القناة مشتركة عبر إعدادات البوت (DIGEST_CHANNELS)، ويمكن للمشرف إزالتها من هناك.',
    status: (described: string, next: string, last: string) => `مشتركة: كل ${described}.\nالملخص القادم: ${next}.\nآخر إرسال: ${last}.`,
    never: 'لا شيء بعد',
    help: 'أوامر الملخص: `/notech digest subscribe [اليوم] [HH:MM] [المنطقة الزمنية] [lang:ar]`، `/notech digest unsubscribe`، `/notech digest status`، `/notech digest preview`.',
  },
};

function reply(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/** `/notech digest …` for one channel: the reply (private) to the person who typed it. */
export interface DigestCommands {
  handle(args: string[], request: { channelId: string; userId: string; lang: Lang }): Promise<SlackMessage>;
}

export interface DigestCommandDeps {
  state: StateStore;
  store: KnowledgeStore;
  client?: WebClient;
  logger: Logger;
  defaults: Schedule;
  adminUserIds: readonly string[];
  now: () => Date;
}

export function digestCommands(deps: DigestCommandDeps): DigestCommands {
  const locale = (lang: Lang) => (lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB');
  return {
    async handle(args, request) {
      const { lang, channelId, userId } = request;
      const s = T[lang];
      const [sub = 'help', ...rest] = args;
      const subcommand = sub.toLowerCase();
      const mayChange = deps.adminUserIds.length === 0 || deps.adminUserIds.includes(userId);
      const subscription = deps.state.current.subscriptions[channelId];

      switch (subcommand) {
        case 'subscribe': {
          if (!mayChange) return reply(s.notAdmin);
          const parsed = parseScheduleArgs(rest, deps.defaults);
          if (!parsed.ok) return reply(`${s.invalid(escapeMrkdwn(parsed.problem))}\n${s.forms}`);
          const now = deps.now();
          await deps.state.update((draft) => {
            draft.subscriptions[channelId] = {
              channelId,
              cron: parsed.schedule.cron,
              timezone: parsed.schedule.timezone,
              lang,
              createdAt: subscription?.createdAt ?? now.toISOString(),
            };
          });
          deps.logger.info({ digest: 'subscribe', channelId, cron: parsed.schedule.cron, timezone: parsed.schedule.timezone }, 'digest subscription saved');
          const next = nextRun(parsed.schedule, now);
          const lines = [s.subscribed(describeSchedule(parsed.schedule), next ? formatInZone(next, parsed.schedule.timezone, locale(lang)) : '?', lang)];
          const membership = await join(deps, channelId);
          if (membership === 'joined') lines.push(s.joined);
          if (membership === 'cannot') lines.push(s.invite);
          return reply(lines.join('\n'));
        }
        case 'unsubscribe': {
          if (!mayChange) return reply(s.notAdmin);
          if (!subscription) return reply(s.notSubscribed);
          if (subscription.fromConfig) return reply(s.fromConfig);
          await deps.state.update((draft) => {
            delete draft.subscriptions[channelId];
            delete draft.channels[channelId];
          });
          deps.logger.info({ digest: 'unsubscribe', channelId }, 'digest subscription removed');
          return reply(s.unsubscribed);
        }
        case 'status': {
          if (!subscription) return reply(s.notSubscribed);
          const schedule = { cron: subscription.cron, timezone: subscription.timezone };
          const next = nextRun(schedule, deps.now());
          const deliveries = Object.entries(deps.state.channel(channelId).deliveries).sort(([a], [b]) => (a < b ? 1 : -1));
          const [lastKey, last] = deliveries[0] ?? [];
          const lastText = last ? `${formatInZone(new Date(lastKey!), subscription.timezone, locale(lang))} (${last.status}${last.error ? `: ${last.error}` : ''})` : s.never;
          return reply(s.status(describeSchedule(schedule), next ? formatInZone(next, subscription.timezone, locale(lang)) : '?', lastText));
        }
        case 'preview': {
          const channel = deps.state.channel(channelId);
          const timezone = subscription?.timezone ?? deps.defaults.timezone;
          return composeDigest(deps.store.current, channel, { lang: subscription?.lang ?? lang, at: deps.now(), timezone }).message;
        }
        default:
          return reply(s.help);
      }
    },
  };
}

/** 'unknown' when there is no Web API client (the console). */
async function join(deps: DigestCommandDeps, channelId: string): Promise<Membership | 'unknown'> {
  return deps.client ? joinChannel(deps.client, channelId, deps.logger) : 'unknown';
}

/** Channels in DIGEST_CHANNELS are subscribed with the defaults (added once, kept in state). */
export async function ensureConfiguredChannels(state: StateStore, channels: readonly string[], defaults: Schedule, now: Date): Promise<void> {
  const missing = channels.filter((id) => !state.current.subscriptions[id]);
  if (missing.length === 0) return;
  await state.update((draft) => {
    for (const channelId of missing) {
      draft.subscriptions[channelId] = { channelId, cron: defaults.cron, timezone: defaults.timezone, lang: 'en', createdAt: now.toISOString(), fromConfig: true };
    }
  });
}
