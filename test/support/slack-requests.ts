/**
 * Requests shaped like Slack's, signed the way Slack signs them (v0 HMAC-SHA256 over
 * "v0:timestamp:body" with the signing secret), for driving the real app over HTTP.
 */
import { createHmac } from 'node:crypto';

/** The content types Slack posts with: slash commands and interactivity as a form, events as JSON. */
export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export const SIGNING_SECRET = '8f742231b10e8888abcd99eeeeee85a5';
export const BOT_TOKEN = 'xoxb-0000000000-1111111111-testtokentesttoken';

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function signed(body: string, contentType: string, options: { timestamp?: number; secret?: string; retryNum?: number } = {}): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp, options.secret),
      ...(options.retryNum ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
  };
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}${(++counter).toString(36).toUpperCase().padStart(6, '0')}`;

export function slashCommand(text: string, responseUrl: string, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0TEST',
    team_domain: 'test',
    channel_id: 'C0ORGANIZE',
    channel_name: 'organizing',
    user_id: 'U0MAYA',
    user_name: 'maya',
    command: '/notech',
    text,
    api_app_id: 'A0NOTECH',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: nextId('trig.'),
    ...overrides,
  }).toString();
}

/** An Events API delivery as Slack posts it, from workspace `teamId` (OAuth tests install several). */
export function eventCallback(event: Record<string, unknown>, eventId = nextId('Ev'), teamId = 'T0TEST'): string {
  return JSON.stringify({
    token: 'deprecated',
    team_id: teamId,
    api_app_id: 'A0NOTECH',
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'U0NOTECH', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  });
}

export function mentionEvent(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'app_mention', user: 'U0MAYA', text: `<@U0NOTECH> ${text}`, ts: `${Date.now() / 1000}`, channel: 'C0ORGANIZE', client_msg_id: nextId('m'), ...extra };
}

export function blockAction(
  action: { action_id: string; value: string; block_id?: string },
  options: {
    responseUrl?: string;
    container?: Record<string, unknown>;
    message?: Record<string, unknown>;
    user?: { id: string; name: string };
    triggerId?: string;
    /** The view a button was pressed in (a modal or the Home tab), as Slack adds it for `container.type: view`. */
    view?: Record<string, unknown>;
  } = {},
): string {
  const user = options.user ?? { id: 'U0MAYA', name: 'maya' };
  const payload = {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T0TEST' },
    api_app_id: 'A0NOTECH',
    token: 'deprecated',
    // Each preview is its own message: a fresh ts unless the test gives one.
    container: options.container ?? { type: 'message', message_ts: `1700000000.${String(++counter).padStart(6, '0')}`, channel_id: 'C0ORGANIZE', is_ephemeral: true },
    trigger_id: options.triggerId ?? nextId('trig.'),
    team: { id: 'T0TEST', domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: 'C0ORGANIZE', name: 'organizing' },
    ...(options.responseUrl ? { response_url: options.responseUrl } : {}),
    ...(options.message ? { message: options.message } : {}),
    ...(options.view ? { view: options.view } : {}),
    state: { values: {} },
    actions: [{ type: 'button', block_id: action.block_id ?? 'b1', action_id: action.action_id, text: { type: 'plain_text', text: 'x' }, value: action.value, action_ts: `${Date.now() / 1000}` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** One input's state as Slack sends it in view_submission: a text input's value or a selected option. */
export type ViewStateValue = { type: string; value?: string | null; selected_option?: { text: { type: 'plain_text'; text: string }; value: string } | null };

/**
 * A view_submission as Slack posts it (form-encoded `payload`): the modal as opened, with the
 * person's input in `view.state.values[block_id][action_id]`.
 */
export function viewSubmission(
  view: { callback_id?: string; private_metadata?: string; title?: unknown; blocks?: unknown[] },
  values: Record<string, Record<string, ViewStateValue>>,
  options: { user?: { id: string; name: string }; viewId?: string } = {},
): string {
  const user = options.user ?? { id: 'U0MAYA', name: 'maya' };
  const viewId = options.viewId ?? 'V0VIEW';
  const payload = {
    type: 'view_submission',
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T0TEST' },
    api_app_id: 'A0NOTECH',
    token: 'deprecated',
    trigger_id: nextId('trig.'),
    view: {
      id: viewId,
      team_id: 'T0TEST',
      type: 'modal',
      blocks: view.blocks ?? [],
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      state: { values },
      hash: '1700000000.abcdef',
      title: view.title ?? { type: 'plain_text', text: 'NoTech' },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      root_view_id: viewId,
      app_id: 'A0NOTECH',
      external_id: '',
      app_installed_team_id: 'T0TEST',
      bot_id: 'B0NOTECH',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * A `message.im` event (a person's DM to the bot) as Slack sends it: type "message",
 * channel_type "im", a D… channel, the text as Slack encodes it, a rich_text block, ts and
 * event_ts; `extra` adds or overrides fields (thread_ts, subtype, bot_id, edited, …).
 */
export function directMessageEvent(sentText: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = typeof extra.ts === 'string' ? extra.ts : `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
  return {
    type: 'message',
    user: 'U0MAYA',
    text: sentText,
    ts,
    event_ts: ts,
    channel: 'D0MAYANOTECH',
    channel_type: 'im',
    client_msg_id: nextId('dm-'),
    team: 'T0TEST',
    blocks: [{ type: 'rich_text', block_id: nextId('rt'), elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: sentText }] }] }],
    ...extra,
  };
}

/**
 * A message shortcut (`message_action`) as Slack posts it: form-encoded `payload=` JSON with
 * callback_id, trigger_id, response_url, the channel, the user who ran it and the message it was
 * run on (`message.text` as Slack encodes it; leave it out for a message with only a file).
 */
export function messageShortcut(
  message: Record<string, unknown>,
  options: { callbackId?: string; responseUrl: string; channel?: { id: string; name: string }; user?: { id: string; name: string } },
): string {
  const user = options.user ?? { id: 'U0MAYA', name: 'maya' };
  const ts = typeof message.ts === 'string' ? message.ts : `1764000000.${String(++counter).padStart(6, '0')}`;
  const payload = {
    type: 'message_action',
    token: 'deprecated',
    action_ts: `${Date.now() / 1000}`,
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: user.id, username: user.name, team_id: 'T0TEST', name: user.name },
    channel: options.channel ?? { id: 'C0ORGANIZE', name: 'organizing' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: options.callbackId ?? 'notech_check',
    trigger_id: nextId('trig.'),
    response_url: options.responseUrl,
    message_ts: ts,
    message: { type: 'message', user: 'U0BOSS', ts, client_msg_id: nextId('m-'), team: 'T0TEST', ...message },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
