/**
 * A direct message to NoTech (its Messages tab, `message.im`): answered like a mention (the same
 * grammar and free-text reading), in the DM itself, or in the thread when the person wrote in
 * one. Only messages a person wrote are answered: bots (this one included), edits
 * (message_changed), deletions and every other subtype are ignored, and each message is
 * answered once, keyed by channel and ts as mentions are (retries, re-deliveries under new
 * event ids). The text is decoded, answered and dropped; nothing of it is logged.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { replyToDirectMessage } from '../../../reply/index.js';
import type { ListenerDeps } from '../../context.js';
import { decodeSlackText } from '../../decode.js';
import { postMessage } from '../../../slack-web.js';

/** The fields of a `message` event this listener reads (Bolt's union has a type per subtype). */
interface DirectMessageEvent {
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  user?: string;
  subtype?: string;
  bot_id?: string;
}

export function directMessage(deps: ListenerDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const message = event as unknown as DirectMessageEvent;
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id || !message.user || message.user === context.botUserId) return;
    if (!(await deps.answeredMessages.firstTime(`${message.channel}\u0000${message.ts}`))) {
      deps.activity.count('duplicateEvents');
      deps.logger.debug({ event: 'message.im' }, 'duplicate delivery ignored');
      return;
    }
    const reply = replyToDirectMessage(decodeSlackText(message.text ?? '', { self: context.botUserId }), deps.store.current);
    const posted = await postMessage(
      client,
      { channel: message.channel, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}), ...reply.message, unfurl_links: false, unfurl_media: false },
      deps.logger,
    );
    deps.activity.count(posted ? 'directMessages' : 'directMessagesFailed');
    deps.logger[posted ? 'debug' : 'warn']({ event: 'message.im', answer: reply.answer.kind, lang: reply.lang, posted }, posted ? 'DM answered' : 'DM answer not delivered');
  };
}
