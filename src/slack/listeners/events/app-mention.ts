/**
 * `@NoTech what about palantir?`: answered in the thread of the mention (starting one if the
 * mention is not in a thread). Each message is answered once, keyed by channel and message ts:
 * Slack's retries, re-deliveries under new event ids and the app_mention it sends again when a
 * message is edited (same ts, an `edited` field) get no second reply. Messages from bots
 * (including this one) are ignored.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { replyToMention } from '../../../reply/index.js';
import { surfaceOptions, type ListenerDeps } from '../../context.js';
import { decodeSlackText } from '../../decode.js';
import { postMessage, tellPrivately } from '../../../slack-web.js';

export function appMention(deps: ListenerDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    if (event.bot_id || event.subtype === 'bot_message') return;
    if (!(await deps.answeredMessages.firstTime(`${event.channel}\u0000${event.ts}`))) {
      deps.activity.count('duplicateEvents');
      deps.logger.debug({ event: 'app_mention' }, 'duplicate delivery ignored');
      return;
    }
    const threadTs = event.thread_ts ?? event.ts;
    const reply = replyToMention(decodeSlackText(event.text ?? '', { self: context.botUserId }), deps.store.current, surfaceOptions(deps));
    const isHelp = reply.quickHelp === true;
    // The short help is given once per thread; repeating it would only add noise.
    if (isHelp && !(await deps.helpedThreads.firstTime(`${event.channel}:${threadTs}`))) return;
    const posted = await postMessage(
      client,
      { channel: event.channel, thread_ts: threadTs, ...reply.message, unfurl_links: false, unfurl_media: false },
      deps.logger,
    );
    // Not in the thread (removed from the channel, posting restricted, Slack failing): the answer still reaches the person.
    if (!posted && event.user) await tellPrivately(client, { channel: event.channel, user: event.user }, reply.message, reply.message, deps.logger);
    deps.activity.count(posted ? 'mentions' : 'mentionsFailed');
    deps.logger[posted ? 'debug' : 'warn']({ event: 'app_mention', answer: isHelp ? 'quick-help' : reply.answer.kind, lang: reply.lang, posted }, posted ? 'mention answered' : 'mention answer not delivered');
  };
}
