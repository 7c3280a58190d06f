/**
 * `/notech digest subscribe [day] [HH:MM] [time zone] [lang:ar]`, `unsubscribe`, `status`,
 * `preview`. Replies are private. When ADMIN_USER_IDS is set only those people may change
 * subscriptions; the check uses the id Slack sends and nothing about the person is stored.
 */
import type { Logger } from 'pino';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Lang } from '../messages/strings/index.js';
import { textMessage as reply } from '../messages/blocks.js';
import { escapeMrkdwn } from '../messages/escape.js';
import { t } from '../messages/strings/index.js';
import type { SlackMessage } from '../messages/types.js';
import { joinChannel, type Membership } from '../slack-web.js';
import { composeDigest } from './content.js';
import { describeSchedule, formatInZone, nextRun, parseScheduleArgs, type Schedule } from './schedule.js';
import type { DigestState } from './state.js';
import type { Workspace } from '../installations/store.js';
import { clientFor, isPerWorkspace, type DigestClient } from './clients.js';

/** `/notech digest …` for one channel: the reply (private) to the person who typed it. */
export interface DigestCommands {
  /** `workspace`: where the command was typed (Slack's team_id, enterprise_id); with OAuth the subscription records it. */
  handle(args: string[], request: { channelId: string; userId: string; lang: Lang; workspace?: Workspace }): Promise<SlackMessage>;
}

export interface DigestCommandDeps {
  state: DigestState;
  store: KnowledgeStore;
  /** One workspace's client, or (OAuth) each workspace's own; absent in the console. */
  client?: DigestClient;
  logger: Logger;
  defaults: Schedule;
  adminUserIds: readonly string[];
  now: () => Date;
}

export function digestCommands(deps: DigestCommandDeps): DigestCommands {
  const locale = (lang: Lang) => t(lang).locale;
  return {
    async handle(args, request) {
      const { lang, channelId, userId, workspace = {} } = request;
      const s = t(lang).digestCommands;
      const [sub = 'help', ...rest] = args;
      const subcommand = sub.toLowerCase();
      const mayChange = deps.adminUserIds.length === 0 || deps.adminUserIds.includes(userId);
      // With replicas (PostgreSQL) another one may have changed the channel since: read it again.
      await deps.state.refresh();
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
              // With OAuth the digest is posted with this workspace's own token.
              ...(isPerWorkspace(deps.client) && workspace.teamId ? { teamId: workspace.teamId } : {}),
              ...(isPerWorkspace(deps.client) && workspace.enterpriseId ? { enterpriseId: workspace.enterpriseId } : {}),
            };
          });
          deps.logger.info({ digest: 'subscribe', channelId, cron: parsed.schedule.cron, timezone: parsed.schedule.timezone }, 'digest subscription saved');
          const next = nextRun(parsed.schedule, now);
          const lines = [s.subscribed(describeSchedule(parsed.schedule, lang), next ? formatInZone(next, parsed.schedule.timezone, locale(lang)) : '?', lang === 'ar')];
          const membership = await join(deps, channelId, workspace);
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
          return reply(s.status(describeSchedule(schedule, lang), next ? formatInZone(next, subscription.timezone, locale(lang)) : '?', lastText));
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
async function join(deps: DigestCommandDeps, channelId: string, workspace: Workspace): Promise<Membership | 'unknown'> {
  return deps.client ? joinChannel(await clientFor(deps.client, workspace), channelId, deps.logger) : 'unknown';
}

/** Channels in DIGEST_CHANNELS are subscribed with the defaults (added once, kept in state). */
export async function ensureConfiguredChannels(state: DigestState, channels: readonly string[], defaults: Schedule, now: Date): Promise<void> {
  const missing = channels.filter((id) => !state.current.subscriptions[id]);
  if (missing.length === 0) return;
  await state.update((draft) => {
    for (const channelId of missing) {
      // ??=: a replica starting at the same moment may have added it already (state in PostgreSQL).
      draft.subscriptions[channelId] ??= { channelId, cron: defaults.cron, timezone: defaults.timezone, lang: 'en', createdAt: now.toISOString(), fromConfig: true };
    }
  });
}
