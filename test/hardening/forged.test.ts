/**
 * Forged and malformed traffic: each gets a 4xx, no handler runs, nothing is posted, and the
 * log says why without printing the body.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { eventCallback, FORM, JSON_TYPE, mentionEvent, sign, signed, slashCommand } from '../support/slack-requests.js';

const MARKER = 'BODY-MARKER-d41d8cd9';
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
  expectNoPrivateData(h.logs, [MARKER]);
});
beforeEach(() => h.slack.reset());

/** Raw HTTP, for what fetch will not send (bad bytes, chunked bodies, odd headers). */
function raw(headers: Record<string, string>, body: Buffer | string, chunked = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.baseUrl}/slack/events`, { method: 'POST', headers: chunked ? { ...headers, 'transfer-encoding': 'chunked' } : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(-1) : reject(error)));
    if (chunked) {
      const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
      for (let i = 0; i < buffer.length; i += 64 * 1024) req.write(buffer.subarray(i, i + 64 * 1024));
    } else {
      req.write(body);
    }
    req.end();
  });
}

async function expectNothingHappened() {
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(h.slack.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  expect(h.slack.responsePosts).toEqual([]);
}

const logged = (reason: string) => h.logs.some((line) => line.includes('"request rejected"') && line.includes(`"reason":"${reason}"`));
const body = () => slashCommand(`elbit ${MARKER}`, h.slack.responseUrl('forged'));
const now = () => Math.floor(Date.now() / 1000);

describe('forged traffic is refused before any handler runs', () => {
  it('a bad signature: 401', async () => {
    const forged = signed(body(), FORM, { secret: 'ffffffffffffffffffffffffffffffff' });
    expect((await h.post(forged)).status).toBe(401);
    await expectNothingHappened();
  });

  it.each([
    ['no signature', 'x-slack-signature', 'missing-signature'],
    ['no timestamp', 'x-slack-request-timestamp', 'missing-timestamp'],
  ])('%s: 401, logged with its reason', async (_label, header, reason) => {
    const request = signed(body(), FORM);
    delete request.headers[header];
    expect((await h.post(request)).status).toBe(401);
    await expectNothingHappened();
    expect(logged(reason)).toBe(true);
  });

  it('a malformed signature header: 401', async () => {
    const request = signed(body(), FORM);
    request.headers['x-slack-signature'] = 'v1=abc';
    expect((await h.post(request)).status).toBe(401);
    expect(logged('malformed-signature')).toBe(true);
    await expectNothingHappened();
  });

  it.each([
    ['six minutes old', -6 * 60],
    ['six minutes in the future', 6 * 60],
    ['a day old', -86_400],
  ])('a timestamp %s (correctly signed): 401', async (_label, skew) => {
    const request = signed(body(), FORM, { timestamp: now() + skew });
    expect((await h.post(request)).status).toBe(401);
    expect(logged('timestamp-skew')).toBe(true);
    await expectNothingHappened();
  });

  it('a replayed body with a fresh timestamp but the old signature: 401', async () => {
    const original = signed(body(), FORM, { timestamp: now() - 120 });
    const replay = { body: original.body, headers: { ...original.headers, 'x-slack-request-timestamp': String(now()) } };
    expect((await h.post(replay)).status).toBe(401);
    await expectNothingHappened();
  });

  it('an oversized body: 413, by Content-Length and when streamed without one', async () => {
    const huge = `${body()}&pad=${'x'.repeat(300 * 1024)}`;
    const ts = now();
    const headers = { 'content-type': FORM, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(huge, ts) };
    expect(await raw(headers, huge)).toBe(413);
    expect(logged('body-too-large')).toBe(true);
    expect([413, -1]).toContain(await raw(headers, huge, true));
    await expectNothingHappened();
  });

  it.each(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', ''])('a wrong content type (%j): 415', async (contentType) => {
    const request = signed(body(), contentType || FORM);
    if (contentType === '') delete request.headers['content-type'];
    expect((await h.post(request)).status).toBe(415);
    expect(logged('content-type')).toBe(true);
    await expectNothingHappened();
  });

  it('invalid UTF-8 and control bytes in a signed body are answered safely, not crashed on', async () => {
    const bytes = Buffer.concat([Buffer.from(slashCommand('el', h.slack.responseUrl('x'))), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28])]);
    const ts = now();
    const status = await raw({ 'content-type': FORM, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(bytes.toString(), ts) }, bytes);
    expect([200, 400, 401]).toContain(status);
  });

  it('never logs a request body, and still answers afterwards', async () => {
    expect(h.logs.some((line) => line.includes(MARKER))).toBe(false);
    const ok = await h.post(signed(slashCommand('elbit', h.slack.responseUrl('after')), FORM));
    expect(ok.status).toBe(200);
    expect((await h.post(signed(eventCallback(mentionEvent('palantir')), JSON_TYPE))).status).toBe(200);
  });
});
