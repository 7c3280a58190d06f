/**
 * Buttons that open a topic: "did you mean" suggestions and the topics a sentence named (in a
 * private answer or a reply in a thread) and the topics on the Home tab. From a private answer,
 * it is replaced by the card (with its Share button); from a reply others see, the card comes
 * privately and the reply stays. When the response_url has expired, the card still reaches
 * the person (an ephemeral message, else a DM). From the Home tab, which has no response_url,
 * the full card opens in a modal that only the person sees.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readButtonValue } from '../../../messages/buttons.js';
import { CHECK_TOPICS_BLOCK_ID } from '../../../messages/check.js';
import { expiredButtonMessage } from '../../../messages/errors.js';
import { replyToOpen } from '../../../reply/index.js';
import { surfaceOptions, type ListenerDeps } from '../../context.js';
import { errorCode, tellPrivately } from '../../../slack-web.js';
import { fullCardModal } from '../../views/modal.js';

export function openAction(deps: ListenerDeps) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = readButtonValue(action.value);
    const fromView = body.container?.type === 'view';
    if (!value) {
      deps.logger.warn({ action: 'open' }, 'button value rejected');
      if (!fromView) await respond({ response_type: 'ephemeral', replace_original: false, ...expiredButtonMessage('en') });
      return;
    }
    const surface = surfaceOptions(deps);
    const reply = replyToOpen(value, deps.store.current, surface);
    if (fromView) {
      // A modal is where the full card belongs: it is private, and there is room for all of it.
      await client.views.open({ trigger_id: body.trigger_id, view: fullCardModal(value, deps.store.current, surface) });
    } else {
      // Issue 16: from a "Check with NoTech" answer, the card comes beside it, so the verdicts stay.
      const fromCheck = (body.actions as BlockAction['actions'] | undefined)?.[0]?.block_id === CHECK_TOPICS_BLOCK_ID;
      const replace = !fromCheck && (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral === true;
      await respond({ response_type: 'ephemeral', replace_original: replace, ...reply.message }).catch(async (error: unknown) => {
        deps.logger.warn({ action: 'open', via: 'response_url', error: errorCode(error) }, 'card sent another way');
        await tellPrivately(client, { channel: body.channel?.id, user: body.user.id }, reply.message, reply.message, deps.logger);
      });
    }
    deps.activity.count('opens');
    deps.logger.debug({ action: 'open', from: fromView ? 'home' : 'message', answer: reply.answer.kind }, 'topic opened');
  };
}
