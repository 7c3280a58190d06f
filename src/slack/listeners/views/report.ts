/**
 * The report modal's view_submission (issue 15). A source URL that is not https, or the sixth
 * report of a person within an hour, is refused in the modal itself (response_action: errors,
 * in the card's language) so nothing typed is lost. Otherwise the modal closes, the report goes
 * to the maintainers' channel (joining it first if the bot is not in it and it is public), and
 * the reporter is told privately: an ephemeral in the card's conversation, else a DM.
 *
 * Nothing about the reporter is logged or kept: the log says a report was sent about an entry,
 * the limiter holds a keyed hash of the user id (slack/reports.ts).
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '../../../messages/types.js';
import { t } from '../../../messages/i18n.js';
import { REPORT, checkSourceUrl, readReportMetadata, reportFailedNotice, reportMessage, reportThanks } from '../../../messages/report.js';
import type { ListenerDeps } from '../../context.js';
import { joinChannel, postMessage, tellPrivately } from '../../../slack-web.js';

type Values = ViewSubmitAction['view']['state']['values'];

/** One input's state: the block's element (REPORT.element). */
const input = (values: Values, block: string) => values[block]?.[REPORT.element];

export function reportSubmission(deps: ListenerDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const meta = readReportMetadata(view.private_metadata);
    const reports = deps.reports;
    if (!meta || !reports) {
      await ack();
      deps.logger.warn({ view: 'report' }, 'report submission rejected');
      return;
    }
    const s = t(meta.lang);
    const values = view.state.values;
    const text = input(values, REPORT.blocks.text)?.value ?? '';
    // Slack requires the field but takes spaces; a report must say something.
    if (text.trim() === '') {
      await ack({ response_action: 'errors', errors: { [REPORT.blocks.text]: s.reportEmpty } });
      return;
    }
    const url = checkSourceUrl(input(values, REPORT.blocks.url)?.value);
    if (url === false) {
      await ack({ response_action: 'errors', errors: { [REPORT.blocks.url]: s.reportUrlInvalid } });
      return;
    }
    if (!(await reports.limiter.allow(body.user.id))) {
      await ack({ response_action: 'errors', errors: { [REPORT.blocks.text]: s.reportTooMany } });
      deps.activity.count('reportsLimited');
      return;
    }
    await ack();
    const named = input(values, REPORT.blocks.who)?.selected_option?.value === REPORT.who.named;
    const knowledge = deps.store.current;
    const message = reportMessage(
      {
        entryId: meta.id,
        lang: meta.lang,
        path: input(values, REPORT.blocks.fact)?.selected_option?.value ?? '',
        text,
        ...(url === undefined ? {} : { url }),
        ...(named ? { reporter: body.user.id } : {}),
      },
      knowledge,
    );
    const maintainersClient = reports.client ? await reports.client().catch(() => undefined) : client;
    if (!maintainersClient) deps.logger.error({ view: 'report' }, 'MAINTAINERS_TEAM_ID: NoTech is not installed in the maintainers\' workspace: install it there from /slack/install.');
    const sent = maintainersClient ? await postToMaintainers(maintainersClient, reports.channel, message, deps) : false;
    const entryName = knowledge.entry(meta.id)?.name[meta.lang] ?? meta.id;
    const notice = sent ? reportThanks(entryName, meta.lang) : reportFailedNotice(meta.lang);
    await tellPrivately(client, { channel: await reports.origins.take(view.id), user: body.user.id }, notice, notice, deps.logger);
    deps.activity.count(sent ? 'reports' : 'reportsFailed');
    // The monthly review's count; a state file that cannot be written must not fail the report.
    if (sent) await reports.count?.().catch((error: unknown) => deps.logger.warn({ view: 'report', err: String(error) }, 'report not counted for the monthly review'));
    deps.logger[sent ? 'debug' : 'error']({ view: 'report', entry: meta.id, sent }, sent ? 'report sent to the maintainers' : 'report not delivered');
  };
}

/** Post to the maintainers' channel; if the bot is not in it, join (public channels) and try again. */
async function postToMaintainers(client: WebClient, channel: string, message: SlackMessage, deps: ListenerDeps): Promise<boolean> {
  const post = () => postMessage(client, { channel, ...message, unfurl_links: false, unfurl_media: false }, deps.logger);
  if (await post()) return true;
  if ((await joinChannel(client, channel, deps.logger)) === 'cannot') {
    deps.logger.error(
      { view: 'report' },
      'MAINTAINERS_CHANNEL: the bot cannot post there. Invite it with /invite @NoTech in that channel (a private channel needs an invitation), or fix the channel id.',
    );
    return false;
  }
  return post();
}
