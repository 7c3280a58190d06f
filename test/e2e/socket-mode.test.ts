/**
 * Socket Mode on loopback: the real app opens its connection through apps.connections.open on
 * the fake Slack API (SLACK_API_URL), connects to a WebSocket server run here, and answers the
 * envelopes Slack would send: a slash command (the answer rides in the envelope's ack) and a
 * mention (acked, then answered with chat.postMessage).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadConfig } from '../../src/config.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { checkMessage } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { startSlackApp, type RunningSlackApp } from '../../src/slack/app.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { FakeSlack } from '../support/fake-slack.js';
import { BOT_TOKEN } from '../support/slack-requests.js';

let slack: FakeSlack;
let wss: WebSocketServer;
let socket: WebSocket;
let app: RunningSlackApp;
const received: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const connected = new Promise<WebSocket>((resolve) =>
    wss.on('connection', (ws) => {
      ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'test', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0NOTECH' } }));
      resolve(ws);
    }),
  );
  slack = await new FakeSlack().start();
  slack.answers.set('apps.connections.open', () => ({ ok: true, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/` }));
  const logger = createLogger({ level: 'silent' });
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A0NOTECH-1-test', SLACK_API_URL: slack.apiUrl });
  expect(config.mode).toBe('socket');
  app = await startSlackApp({ config, store: KnowledgeStore.of(realKnowledge(), logger), logger, clientOptions: { retryConfig: { retries: 0 } } });
  socket = await connected;
});

afterAll(async () => {
  await app.stop();
  for (const client of wss.clients) client.terminate();
  await new Promise((resolve) => wss.close(resolve));
  await slack.stop();
});

async function reply(envelopeId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const found = received.find((message) => message.envelope_id === envelopeId);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ack for ${envelopeId}`);
}

describe('Socket Mode', () => {
  it('opened its connection through apps.connections.open on SLACK_API_URL, with the app token', () => {
    const open = slack.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.authorization).toBe('Bearer xapp-1-A0NOTECH-1-test');
  });

  it('answers /notech in the envelope ack', async () => {
    socket.send(
      JSON.stringify({
        envelope_id: 'env-cmd-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: { token: 'x', team_id: 'T0TEST', channel_id: 'C0ORGANIZE', user_id: 'U0MAYA', command: '/notech', text: 'مصلحة السجون', api_app_id: 'A0NOTECH', response_url: slack.responseUrl('sm'), trigger_id: 't' },
      }),
    );
    const ack = await reply('env-cmd-1');
    const payload = ack.payload as SlackMessage & { response_type: string };
    expect(payload.response_type).toBe('ephemeral');
    expect(JSON.stringify(payload.blocks)).toContain(realKnowledge().entry('ips-consulting')!.name.ar);
    expect(checkMessage(payload)).toEqual([]);
  });

  it('acks a mention and answers it in the thread', async () => {
    socket.send(
      JSON.stringify({
        envelope_id: 'env-evt-1',
        type: 'events_api',
        accepts_response_payload: false,
        payload: {
          type: 'event_callback',
          team_id: 'T0TEST',
          api_app_id: 'A0NOTECH',
          event_id: 'Ev0SOCKET1',
          event_time: 1,
          authorizations: [{ team_id: 'T0TEST', user_id: 'U0NOTECH', is_bot: true }],
          event: { type: 'app_mention', user: 'U0MAYA', text: '<@U0NOTECH> what about palantir?', ts: '1700000000.000900', channel: 'C0ORGANIZE', event_ts: '1700000000.000900' },
        },
      }),
    );
    await reply('env-evt-1');
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length >= 1);
    expect(slack.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'C0ORGANIZE', thread_ts: '1700000000.000900' });
  });
});
