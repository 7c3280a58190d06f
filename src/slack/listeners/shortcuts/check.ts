/**
 * "Check with NoTech", the message shortcut (`message_action`), on any message in a channel,
 * thread or DM: acknowledged at once, then the message's figures are compared with the
 * knowledge and the answer goes to the person who ran it, privately: an ephemeral message in
 * that conversation, else (the bot is not in it, e.g. a DM between two people) a DM from the
 * bot, else the shortcut's response_url. The message text is decoded, checked and dropped:
 * nothing of it (nor who ran it) is logged, stored or cached; only counts are.
 */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { replyToCheck } from '../../../reply/index.js';
import type { ListenerDeps } from '../../context.js';
import { decodeSlackText } from '../../decode.js';
import { errorCode, tellPrivately } from '../../../slack-web.js';

export function checkShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, context, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const knowledge = deps.store.current;
    const text = decodeSlackText(typeof shortcut.message?.text === 'string' ? shortcut.message.text : '', { self: context.botUserId });
    const { check, message: answer } = replyToCheck(text, knowledge);
    const { topics, result } = check;
    let via: string | undefined = await tellPrivately(client, { channel: shortcut.channel?.id, user: shortcut.user.id }, answer, answer, deps.logger);
    if (via === undefined) {
      via = await respond({ response_type: 'ephemeral', replace_original: false, ...answer }).then(
        () => 'response_url',
        (error: unknown) => {
          deps.logger.warn({ shortcut: 'check', via: 'response_url', error: errorCode(error) }, 'Slack call failed');
          return undefined;
        },
      );
    }
    const verdicts = { matches: 0, differs: 0, 'not-in-knowledge': 0 };
    for (const claim of result.claims) verdicts[claim.verdict] += 1;
    deps.activity.count(via ? 'checks' : 'checksFailed');
    deps.logger[via ? 'debug' : 'warn']({ shortcut: 'check', via: via ?? 'none', lang: result.lang, topics: topics.length, ...verdicts }, via ? 'message checked' : 'check answer not delivered');
  };
}
