/**
 * "Report a problem" on a card (issue 15): the report modal for the person who pressed it,
 * opened with the press's trigger_id (views.open; views.push when the card is itself in a modal,
 * the "All facts" one, as Slack stacks modals). The conversation the card was in is kept, by
 * view id and for an hour at most, so the confirmation can be an ephemeral message there.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { expiredButtonMessage } from '../../../messages/errors.js';
import { reportModal, reportNotOpenedNotice } from '../../../messages/report.js';
import { readButtonValue } from '../../../messages/buttons.js';
import type { ListenerDeps } from '../../context.js';
import { errorCode } from '../../../slack-web.js';

export function reportAction(deps: ListenerDeps) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = readButtonValue(action.value);
    const knowledge = deps.store.current;
    const index = value ? knowledge.entries.findIndex((entry) => entry.id === value.q) : -1;
    const canRespond = body.response_url !== undefined;
    // Reports off (a card sent before MAINTAINERS_CHANNEL was unset), a forged value, or an entry since removed.
    if (!value || !deps.reports || index < 0) {
      deps.logger.warn({ action: 'report' }, 'report button rejected');
      if (canRespond) await respond({ response_type: 'ephemeral', replace_original: false, ...expiredButtonMessage(value?.lang ?? 'en') });
      return;
    }
    const view = reportModal(knowledge.entries[index]!, index, value.lang);
    const inModal = body.container?.type === 'view' && (body as { view?: { type?: string } }).view?.type === 'modal';
    try {
      const opened = inModal ? await client.views.push({ trigger_id: body.trigger_id, view }) : await client.views.open({ trigger_id: body.trigger_id, view });
      const channel = body.channel?.id;
      if (channel !== undefined && opened.view?.id !== undefined) await deps.reports.origins.remember(opened.view.id, channel);
      deps.activity.count('reportModals');
    } catch (error) {
      deps.logger.warn({ action: 'report', error: errorCode(error) }, 'report modal not opened');
      if (canRespond) await respond({ response_type: 'ephemeral', replace_original: false, ...reportNotOpenedNotice(value.lang) });
    }
  };
}
