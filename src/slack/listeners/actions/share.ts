/**
 * "Share in channel": post the same answer publicly, attributed to the person who shared it,
 * then replace the private preview with a short note. Both go through the button's
 * response_url, which works in any channel the person could use the command in, even one the
 * bot has not joined. When every way fails (the response_url has expired and the bot is not
 * in the conversation, e.g. a DM between two people), the person is told in a DM from the bot.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readButtonValue } from '../../../messages/buttons.js';
import { expiredButtonMessage, shareFailedNotice, sharedNotice, unshareableNotice } from '../../../messages/errors.js';
import { replyToShare } from '../../../reply/index.js';
import { surfaceOptions, type ListenerDeps } from '../../context.js';
import { errorCode, joinChannel, postMessage, tellPrivately } from '../../../slack-web.js';

export function shareAction(deps: ListenerDeps) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = readButtonValue(action.value);
    if (!value) {
      deps.logger.warn({ action: 'share' }, 'button value rejected');
      await respond({ response_type: 'ephemeral', replace_original: false, ...expiredButtonMessage('en') });
      return;
    }
    // A double click sends two actions for one preview: the card is posted once. A failed share frees the preview again.
    const preview = `${body.channel?.id ?? ''}\u0000${(body.container as { message_ts?: string } | undefined)?.message_ts ?? body.trigger_id}`;
    if (!(await deps.sharedPreviews.firstTime(preview))) {
      deps.activity.count('duplicateShares');
      return;
    }
    // The user id is shown to the channel (the person chose to share), never logged.
    const { answer, message } = replyToShare(value, body.user.id, deps.store.current, surfaceOptions(deps));
    let shared = false;
    try {
      await respond({ response_type: 'in_channel', replace_original: false, ...message });
      shared = true;
    } catch (error) {
      // The response_url may have expired (30 minutes, 5 uses) or Slack may be failing: post
      // as the bot instead, joining a public channel if needed.
      deps.logger.warn({ action: 'share', via: 'response_url', error: errorCode(error) }, 'share fallback to chat.postMessage');
      const channel = body.channel?.id;
      if (channel) {
        const post = () => postMessage(client, { channel, ...message, unfurl_links: false }, deps.logger);
        shared = (await post()) || ((await joinChannel(client, channel, deps.logger)) !== 'cannot' && (await post()));
      }
    }
    if (!shared) await deps.sharedPreviews.forget(preview);
    const notice = shared ? sharedNotice(value.lang) : shareFailedNotice(value.lang);
    try {
      await respond({ response_type: 'ephemeral', replace_original: shared, ...notice });
    } catch (error) {
      deps.logger.warn({ action: 'share', via: 'response_url', error: errorCode(error) }, 'preview not replaced');
      // Nothing shared and the button's URL gone: a DM from the bot still reaches them.
      const dm = shared ? undefined : unshareableNotice(value.lang, value.q);
      const told = await tellPrivately(client, { channel: body.channel?.id, user: body.user.id }, notice, dm, deps.logger);
      if (!told) deps.logger.warn({ action: 'share' }, 'could not tell the sharer');
    }
    deps.activity.count(shared ? 'shares' : 'sharesFailed');
    deps.logger[shared ? 'debug' : 'warn']({ action: 'share', answer: answer.kind, shared }, shared ? 'answer shared' : 'answer not shared');
  };
}
