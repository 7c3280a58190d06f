/**
 * A fake Slack Web API on 127.0.0.1, for end-to-end tests and the benchmark. It records every
 * call (method, parsed arguments) and every response_url post, answers like Slack does, and
 * can be told to fail: HTTP 5xx, `ratelimited` with Retry-After, a hang, a dropped connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The Authorization header, to check the bot token was sent. */
  authorization: string | undefined;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

/** A workspace's OAuth install as Slack would complete it: what oauth.v2.access answers for one code. */
export interface OAuthGrant {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  botToken: string;
  botUserId: string;
  botId: string;
  /** The person who clicked "Allow" (Slack always names them; NoTech must not keep or log it). */
  installerId?: string;
}

export type Failure =
  /** `landed`: Slack records the call (e.g. the message is posted) but the answer is a 5xx. */
  | { kind: 'status'; status: number; landed?: boolean }
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  | { kind: 'error'; error: string }
  | { kind: 'hang'; landed?: boolean }
  | { kind: 'drop' };

/** Fields Slack's Web API client JSON-encodes inside form bodies. */
const JSON_FIELDS = ['blocks', 'view', 'metadata', 'attachments'];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
  const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(body));
  for (const field of JSON_FIELDS) {
    if (typeof args[field] === 'string') args[field] = JSON.parse(args[field] as string);
  }
  return args;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responsePosts: ResponseUrlPost[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly waiters: Array<() => void> = [];
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;
  private nextTs = 1_700_000_000;
  /** Delay (ms) before answering a method, after recording it: a slow Slack. */
  readonly delays = new Map<string, number>();
  /** Authorization codes Slack would accept at oauth.v2.access (each once), by code. */
  readonly grants = new Map<string, OAuthGrant>();
  /** Bot tokens issued by OAuth installs: auth.test answers with their workspace; a revoked one is invalid_auth. */
  readonly issuedTokens = new Map<string, OAuthGrant>();
  /** Override any method's successful answer. */
  readonly answers = new Map<string, (args: Record<string, unknown>) => Record<string, unknown>>();
  /** Digests (messages with metadata) posted to a channel: what organizers would see. */
  digestsIn(channel: string): Array<Record<string, unknown>> {
    return (this.channelMessages.get(channel) ?? []).filter((message) => (message.metadata as { event_type?: string } | undefined)?.event_type === 'notech_digest');
  }

  /** Messages posted per channel, as Slack would keep them (for conversations.history). */
  readonly channelMessages = new Map<string, Array<Record<string, unknown>>>();

  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` calls of `method` fail this way (in order). */
  fail(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolve when `predicate` holds, checking after every call; reject after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the fake Slack API')), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(check);
        }
      };
      this.waiters.push(check);
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.responsePosts.length = 0;
    this.failures.clear();
    this.channelMessages.clear();
  }

  private notify(): void {
    const waiting = this.waiters.splice(0);
    for (const check of waiting) check();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    if (url.pathname.startsWith('/response/')) {
      const failure = this.failures.get('response_url')?.shift();
      if (failure?.kind === 'status') {
        res.writeHead(failure.status);
        res.end();
        this.notify();
        return;
      }
      if (failure?.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      this.responsePosts.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(body || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      this.notify();
      return;
    }

    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(body, req.headers['content-type']);
    this.calls.push({ method, args, authorization: req.headers.authorization });
    if (this.delays.has(method)) this.notify(); // waiters see a slow call while it is in flight

    const failure = this.failures.get(method)?.shift();
    if (failure) {
      this.notify();
      switch (failure.kind) {
        case 'status':
          if (failure.landed) this.defaultAnswer(method, args);
          res.writeHead(failure.status, { 'content-type': 'text/plain' });
          res.end('server error');
          return;
        case 'ratelimited':
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfterSeconds) });
          res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        case 'error':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: failure.error }));
          return;
        case 'hang':
          if (failure.landed) this.defaultAnswer(method, args);
          this.hanging.add(res);
          return;
        case 'drop':
          req.socket.destroy();
          return;
      }
    }

    const answer = this.answers.get(method)?.(args) ?? this.oauthAnswer(method, args, req.headers.authorization) ?? this.defaultAnswer(method, args);
    const delay = this.delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (res.destroyed || req.socket.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
    this.notify();
  }

  /** oauth.v2.access (a code, once) and auth.test for tokens issued by it, as Slack answers them; undefined for anything else. */
  private oauthAnswer(method: string, args: Record<string, unknown>, authorization: string | undefined): Record<string, unknown> | undefined {
    if (method === 'oauth.v2.access') {
      const grant = this.grants.get(String(args.code));
      if (!grant || typeof args.client_secret !== 'string' || args.client_secret === '') return { ok: false, error: 'invalid_code' };
      this.grants.delete(String(args.code));
      this.issuedTokens.set(grant.botToken, grant);
      const org = grant.isEnterpriseInstall === true;
      return {
        ok: true,
        app_id: 'A0NOTECH',
        authed_user: { id: grant.installerId ?? 'U0INSTALLER' },
        scope: 'app_mentions:read,channels:history,channels:join,chat:write,commands,groups:history,im:history',
        token_type: 'bot',
        access_token: grant.botToken,
        bot_user_id: grant.botUserId,
        team: org ? null : { id: grant.teamId, name: 'A campaign workspace' },
        enterprise: grant.enterpriseId ? { id: grant.enterpriseId, name: 'A campaign org' } : null,
        is_enterprise_install: org,
      };
    }
    const token = authorization?.replace(/^Bearer /, '');
    const grant = token ? this.issuedTokens.get(token) : undefined;
    if (method === 'auth.test' && grant) {
      return { ok: true, url: grant.isEnterpriseInstall ? 'https://campaign-org.enterprise.slack.com/' : 'https://campaign.slack.com/', team_id: grant.teamId, user_id: grant.botUserId, bot_id: grant.botId, ...(grant.enterpriseId ? { enterprise_id: grant.enterpriseId } : {}) };
    }
    return undefined;
  }

  private defaultAnswer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://example.slack.com/', team: 'Test', user: 'notech', team_id: 'T0TEST', user_id: 'U0NOTECH', bot_id: 'B0NOTECH' };
      case 'chat.postMessage': {
        const ts = `${this.nextTs++}.000100`;
        const channel = String(args.channel);
        const message = { ...args, ts, type: 'message', bot_id: 'B0NOTECH' };
        this.channelMessages.set(channel, [message, ...(this.channelMessages.get(channel) ?? [])]);
        return { ok: true, channel, ts, message };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.nextTs++}.000200` };
      case 'conversations.history':
        return { ok: true, messages: (this.channelMessages.get(String(args.channel)) ?? []).slice(0, Number(args.limit ?? 15)), has_more: false };
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: 'V0VIEW', ...(args.view as object) } };
      case 'conversations.join':
        return { ok: true, channel: { id: args.channel } };
      default:
        return { ok: true };
    }
  }
}
