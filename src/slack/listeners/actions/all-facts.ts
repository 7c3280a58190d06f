/**
 * "All N facts and sources" on a compact card: the full card (every fact, source, caveat and
 * correction) in a modal for the person who pressed it, wherever the card is: their private
 * answer, a card someone else shared, a mention reply. views.open takes the press's trigger_id,
 * which Slack gives to the presser alone and which expires within seconds, so it is called right
 * after the ack. If Slack refuses the modal, the full card goes to the presser privately through
 * the button's response_url instead.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readButtonValue } from '../../../messages/buttons.js';
import { expiredButtonMessage } from '../../../messages/errors.js';
import { replyWithFullCard } from '../../../reply/index.js';
import { surfaceOptions, type ListenerDeps } from '../../context.js';
import { errorCode } from '../../../slack-web.js';
import { fullCardModal } from '../../views/modal.js';

export function allFactsAction(deps: ListenerDeps) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = readButtonValue(action.value);
    const canRespond = body.response_url !== undefined;
    if (!value) {
      deps.logger.warn({ action: 'all-facts' }, 'button value rejected');
      if (canRespond) await respond({ response_type: 'ephemeral', replace_original: false, ...expiredButtonMessage('en') });
      return;
    }
    const knowledge = deps.store.current;
    const surface = surfaceOptions(deps);
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: fullCardModal(value, knowledge, surface) });
      deps.activity.count('fullCards');
      deps.logger.debug({ action: 'all-facts', via: 'modal' }, 'full card opened');
      return;
    } catch (error) {
      deps.logger.warn({ action: 'all-facts', error: errorCode(error) }, 'modal not opened; full card sent privately');
    }
    if (!canRespond) return;
    await respond({ response_type: 'ephemeral', replace_original: false, ...replyWithFullCard(value, knowledge, 'message', surface).message });
    deps.activity.count('fullCardsPrivate');
  };
}
