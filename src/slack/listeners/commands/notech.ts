/**
 * `/notech <text>`. The answer is computed in well under a millisecond (and usually comes from
 * the message cache), so it goes out in the acknowledgement itself: one round trip, inside
 * Slack's 3-second limit, no response_url use. Only digest subcommands (which touch the state
 * file) acknowledge first and answer after.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../../messages/errors.js';
import { replyToCommand } from '../../../reply/index.js';
import { surfaceOptions, type ListenerDeps } from '../../context.js';
import { decodeSlackText } from '../../decode.js';
import { ephemeralBody } from '../../protocol.js';

export function notechCommand(deps: ListenerDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const started = performance.now();
    let reply;
    try {
      reply = replyToCommand(decodeSlackText(command.text ?? ''), deps.store.current, 'en', surfaceOptions(deps));
    } catch (error) {
      deps.logger.error({ err: error }, 'command failed');
      await ack({ response_type: 'ephemeral', ...errorMessage('en') });
      return;
    }
    const { answer } = reply;
    if (answer.kind === 'digest' && deps.digest) {
      await ack();
      try {
        const workspace = { teamId: command.team_id, enterpriseId: command.enterprise_id, isEnterpriseInstall: command.is_enterprise_install === 'true' };
        const message = await deps.digest.handle(answer.args, { channelId: command.channel_id, userId: command.user_id, lang: answer.lang, workspace });
        await respond({ response_type: 'ephemeral', ...message });
        deps.activity.count('digestCommands');
      } catch (error) {
        deps.logger.error({ command: 'digest', err: error }, 'digest command failed');
        await respond({ response_type: 'ephemeral', ...errorMessage(answer.lang) });
      }
      return;
    }
    await ack(ephemeralBody(reply.message));
    deps.activity.count('commands');
    deps.logger.debug({ command: answer.kind, lang: answer.lang, ms: Math.round(performance.now() - started) }, 'command answered');
  };
}
