import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The bot as the fake Web API describes it in auth.test. */
export const FAKE_BOT = { userId: 'UBOT', botId: 'BBOT', teamId: 'T1' } as const;

/** One recorded call: a Web API method (chat.postMessage…) or a POST to a response_url. */
export interface FakeCall {
  method: string;
  /** The arguments, with `blocks` parsed back from JSON. */
  args: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base URL of the fake, e.g. http://127.0.0.1:1234 */
  url: string;
  /** What to pass as `slackApiUrl`. */
  apiUrl: string;
  calls: FakeCall[];
  /** chat.postMessage calls and response_url posts: everything a person would see. */
  replies(): FakeCall[];
  /**
   * Makes what the bot sends to `target` fail: chat.postMessage to that channel,
   * or conversations.open with that user, answers a Slack error code, or HTTP
   * 429 with a Retry-After of `retryAfter` seconds.
   */
  fail(target: string, failure: { error: string } | { retryAfter: number }): void;
  /** Waits until `count` replies match, or fails after `timeoutMs`. */
  waitForReplies(match: (c: FakeCall) => boolean, count?: number, timeoutMs?: number): Promise<FakeCall[]>;
  close(): Promise<void>;
}

/**
 * A tiny Slack Web API on 127.0.0.1: answers ok:true to everything and records
 * what the bot sends. `authError` makes auth.test fail as with a revoked token;
 * `fail()` makes posts to one channel or user fail.
 */
export async function startFakeSlack(opts: { authError?: string } = {}): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const failures = new Map<string, { error: string } | { retryAfter: number }>();
  let ts = 1_700_000_000;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const args = parseBody(raw, req.headers['content-type'] ?? '');
      if (path.startsWith('/respond/')) {
        calls.push({ method: 'response_url', args: { ...args, url: path } });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      calls.push({ method, args });
      const target = method === 'chat.postMessage' ? args.channel : method === 'conversations.open' ? args.users : undefined;
      const failure = typeof target === 'string' ? failures.get(target) : undefined;
      if (failure && 'retryAfter' in failure) {
        res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter) })
          .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const body = failure
        ? { ok: false, error: failure.error }
        : method === 'auth.test' && opts.authError
          ? { ok: false, error: opts.authError }
          : method === 'auth.test'
            ? {
                ok: true,
                url: 'https://rupn.slack.com/',
                team: 'RUPN',
                user: 'rupn',
                team_id: FAKE_BOT.teamId,
                user_id: FAKE_BOT.userId,
                bot_id: FAKE_BOT.botId,
              }
            : method === 'conversations.open'
              ? { ok: true, channel: { id: `D${String(args.users).slice(1)}` } }
              : method === 'chat.postMessage'
                ? { ok: true, channel: args.channel, ts: `${++ts}.000100`, message: { text: args.text } }
                : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const replies = () => calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'response_url');
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    replies,
    fail: (target, failure) => void failures.set(target, failure),
    async waitForReplies(match, count = 1, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = replies().filter(match);
        if (found.length >= count) return found;
        if (Date.now() > until)
          throw new Error(`attendu ${count} réponse(s), reçu ${found.length} : ${JSON.stringify(replies().map((c) => c.args.text))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  const args: Record<string, unknown> = contentType.includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
  if (typeof args.blocks === 'string') args.blocks = JSON.parse(args.blocks);
  return args;
}

/** Slack's v0 request signature over `v0:timestamp:body`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

/** POSTs a body to the receiver as Slack would, signed with `secret`. */
export async function sendSigned(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
      ...headers,
    },
    body,
    signal: AbortSignal.timeout(5000),
  });
}

/** An Events API envelope (JSON), signed. */
export const sendEvent = (url: string, secret: string, envelope: object, headers: Record<string, string> = {}) =>
  sendSigned(url, secret, JSON.stringify(envelope), 'application/json', headers);

/** A slash command or an interaction (`payload=`), form-encoded and signed. */
export const sendForm = (url: string, secret: string, fields: Record<string, string>) =>
  sendSigned(url, secret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');

let seq = 0;
/** Wraps an event in the Events API envelope, with a fresh event_id. */
export function envelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++seq}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_BOT.teamId,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, is_bot: true }],
    event: { event_ts: event.ts, ...event },
  };
}

/** A unique Slack-like timestamp for an event. */
export const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
