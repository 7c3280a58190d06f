/**
 * The baseline: a bare Bolt app that verifies signatures and acknowledges /notech with fixed
 * text, nothing else. NoTech's overhead is measured against this, in the same run.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
});
// BARE_BODY_BYTES: answer with a fixed Block Kit body of about that size instead of a line of
// text, to separate what NoTech's work costs from what a larger response costs to send.
// BARE_BODIES_FILE: a JSON object from command text to the body to ack it with (the benchmark
// passes NoTech's own answers, byte for byte), so what sending exactly NoTech's answer costs is
// measured with no NoTech code running: a Map lookup and Bolt's ack.
type Body = { response_type: 'ephemeral'; text: string };
const size = Number(process.env.BARE_BODY_BYTES ?? 0);
const fixed: Body | undefined =
  size > 0 ? { response_type: 'ephemeral' as const, text: 'x', blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'x'.repeat(size) } }] } as Body : undefined;
const bodies = new Map<string, Body>(process.env.BARE_BODIES_FILE ? Object.entries(JSON.parse(readFileSync(process.env.BARE_BODIES_FILE, 'utf8')) as Record<string, Body>) : []);
app.command('/notech', async ({ ack, command }) => {
  const body = bodies.get(command.text) ?? fixed;
  await (body ? ack(body) : ack('Elbit Systems: a fixed answer.'));
});
// BARE_LISTENERS=1: also register listeners of the kinds NoTech has (two events, two actions),
// to measure what Bolt's per-listener dispatch costs on every request.
if (process.env.BARE_LISTENERS === 'grouped') {
  app.event(/^(app_mention|app_home_opened)$/, async () => undefined);
  app.action(/^notech_/, async ({ ack }) => ack());
} else if (process.env.BARE_LISTENERS) {
  app.event('app_mention', async () => undefined);
  app.event('app_home_opened', async () => undefined);
  app.action('notech_share', async ({ ack }) => ack());
  app.action(/^notech_open_\d+$/, async ({ ack }) => ack());
}
const server = (await app.start(0)) as Server;
console.log(JSON.stringify({ msg: 'bare app running', port: (server.address() as AddressInfo).port }));
