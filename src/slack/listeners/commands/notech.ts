/**
 * `/notech <text>`. The answer is computed in well under a millisecond, so it goes out in the
 * acknowledgement itself: one round trip, inside Slack's 3-second limit, no response_url use.
 * Only digest subcommands (which touch the state file) acknowledge first and answer after.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseQuery } from '../../../query/parse.js';
import { replyToCommand } from '../../../query/respond.js';
import { errorMessage } from '../../../messages/errors.js';
import type { ListenerDeps } from '../../context.js';

export function notechCommand(deps: ListenerDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const started = performance.now();
    const query = parseQuery(command.text ?? '');
    if (query.kind === 'digest' && deps.digest) {
      await ack();
      try {
        const message = await deps.digest.handle(query.args, { channelId: command.channel_id, userId: command.user_id, lang: query.lang });
        await respond({ response_type: 'ephemeral', ...message });
        deps.activity.count('digestCommands');
        deps.logger.debug({ command: 'digest', ms: Math.round(performance.now() - started) }, 'command answered');
      } catch (error) {
        deps.logger.error({ command: 'digest', err: error }, 'digest command failed');
        await respond({ response_type: 'ephemeral', ...errorMessage(query.lang) });
      }
      return;
    }
    try {
      const reply = replyToCommand(command.text ?? '', deps.store.current);
      await ack({ response_type: 'ephemeral', ...reply.message });
      deps.activity.count('commands');
      deps.logger.debug({ command: reply.answer.kind, lang: reply.query.lang, ms: Math.round(performance.now() - started) }, 'command answered');
    } catch (error) {
      deps.logger.error({ err: error }, 'command failed');
      await ack({ response_type: 'ephemeral', ...errorMessage(query.lang) });
    }
  };
}
