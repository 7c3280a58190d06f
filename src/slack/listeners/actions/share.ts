/**
 * "Share in channel": post the same answer publicly, attributed to the person who shared it,
 * then replace the private preview with a short note. Both go through the button's
 * response_url, which works in any channel the person could use the command in, even one the
 * bot has not joined.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { compose } from '../../../messages/compose.js';
import { expiredButtonMessage, sharedNotice } from '../../../messages/errors.js';
import { t } from '../../../messages/i18n.js';
import { answer } from '../../../query/answer.js';
import { parseQuery } from '../../../query/parse.js';
import { readButtonValue } from '../../button-value.js';
import type { ListenerDeps } from '../../context.js';

export function shareAction(deps: ListenerDeps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = readButtonValue(action.value);
    if (!value) {
      deps.logger.warn({ action: 'share' }, 'button value rejected');
      await respond({ response_type: 'ephemeral', replace_original: false, ...expiredButtonMessage('en') });
      return;
    }
    const query = parseQuery(value.q, value.lang);
    const result = answer(query, deps.store.current);
    // The user id is shown to the channel (the person chose to share), never logged.
    const message = compose(result, deps.store.current, { preface: t(value.lang).sharedBy(`<@${body.user.id}>`) });
    await respond({ response_type: 'in_channel', replace_original: false, ...message });
    await respond({ response_type: 'ephemeral', replace_original: true, ...sharedNotice(value.lang) });
    deps.logger.info({ action: 'share', answer: result.kind }, 'answer shared');
  };
}
