/**
 * protocol.ts sends a body made by `ephemeralBody` as JSON made once, but only where there is
 * an HTTP response to set the content type on. In Socket Mode the acknowledgement goes back over
 * the socket as the envelope's payload, where a string would be shown to the person as text: it
 * must stay the object. Tested on a real Bolt App, dispatching as each receiver does
 * (`app.processEvent`), with the listener a `/notech` acknowledgement would use.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { App, type Receiver } from '@slack/bolt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/messages/types.js';
import { acknowledgeProtocolEvents, ephemeralBody, HTTP_RESPONSE } from '../../src/slack/protocol.js';
import { FakeSlack } from '../support/fake-slack.js';
import { BOT_TOKEN, slashCommand } from '../support/slack-requests.js';

const message: SlackMessage = { text: 'Elbit Systems «٪» ✅', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a "quoted" line\nand \\ more' } }] };
const other = { response_type: 'ephemeral' as const, text: 'not made by ephemeralBody' };
let slack: FakeSlack;
let app: App;

beforeAll(async () => {
  slack = await new FakeSlack().start();
  const receiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };
  app = new App({ token: BOT_TOKEN, receiver, convoStore: false, deferInitialization: true, clientOptions: { slackApiUrl: slack.apiUrl } });
  app.command('/notech', async ({ ack, command }) => {
    await ack(command.text === 'other' ? other : ephemeralBody(message));
  });
  acknowledgeProtocolEvents(app, pino({ level: 'silent' }));
  await app.init();
});
afterAll(async () => {
  await slack.stop();
});

async function dispatch(text: string, customProperties: Record<string | symbol, unknown>): Promise<unknown[]> {
  const acks: unknown[] = [];
  const body = Object.fromEntries(new URLSearchParams(slashCommand(text, 'http://127.0.0.1:9/unused')));
  await app.processEvent({ body, ack: async (response?: unknown) => void acks.push(response), retryNum: undefined, retryReason: undefined, customProperties } as never);
  return acks;
}

describe('the acknowledgement of a body made by ephemeralBody', () => {
  it('is the object itself with no HTTP response (Socket Mode), every time', async () => {
    for (let i = 0; i < 3; i++) {
      const acks = await dispatch('elbit', {});
      expect(acks).toHaveLength(1);
      expect(acks[0]).toBe(ephemeralBody(message));
      expect(typeof acks[0]).toBe('object');
    }
  });

  it('is its JSON, the same string each time, with the JSON content type set, over HTTP', async () => {
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const response = new ServerResponse(new IncomingMessage(new Socket()));
      const acks = await dispatch('elbit', { [HTTP_RESPONSE]: response });
      expect(acks).toHaveLength(1);
      expect(acks[0]).toBe(JSON.stringify({ response_type: 'ephemeral', ...message }));
      expect(response.getHeader('content-type')).toBe('application/json');
      seen.push(acks[0]);
    }
    expect(new Set(seen).size).toBe(1);
  });

  it('any other body is passed to Bolt as it is, over HTTP too, with no header set', async () => {
    const response = new ServerResponse(new IncomingMessage(new Socket()));
    const acks = await dispatch('other', { [HTTP_RESPONSE]: response });
    expect(acks).toEqual([other]);
    expect(acks[0]).toBe(other);
    expect(response.getHeader('content-type')).toBeUndefined();
  });

  it('is the same object for the same message, and another for another message', () => {
    expect(ephemeralBody(message)).toBe(ephemeralBody(message));
    expect(ephemeralBody({ ...message })).not.toBe(ephemeralBody(message));
    expect(ephemeralBody(message)).toEqual({ response_type: 'ephemeral', ...message });
  });
});
