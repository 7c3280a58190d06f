/**
 * Buttons that open a topic: "did you mean" suggestions (in a private answer) and the topics
 * on the Home tab. From a message, the private answer is replaced by the card (with its Share
 * button); from the Home tab, which has no response_url, the full card opens in a modal that
 * only the person sees.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { expiredButtonMessage } from '../../../messages/errors.js';
import { replyToCommand } from '../../../query/respond.js';
import { readButtonValue } from '../../button-value.js';
import type { ListenerDeps } from '../../context.js';
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
    const reply = replyToCommand(`${value.q} lang:${value.lang}`, deps.store.current);
    if (fromView) {
      // A modal is where the full card belongs: it is private, and there is room for all of it.
      await client.views.open({ trigger_id: body.trigger_id, view: fullCardModal(value.q, value.lang, deps.store.current) });
    } else {
      await respond({ response_type: 'ephemeral', replace_original: true, ...reply.message });
    }
    deps.activity.count('opens');
    deps.logger.debug({ action: 'open', from: fromView ? 'home' : 'message', answer: reply.answer.kind }, 'topic opened');
  };
}
