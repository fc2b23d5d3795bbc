import { webApi } from '@slack/bolt';
import type { Transport } from '../pipeline.js';
import type { SlackReply } from './map.js';
import type { SlackPayload } from './render.js';
import { SLACK_TEXTS } from './texts.js';
import type { Address, SendResult } from '../../src/index.js';

/** Slack errors that pass: the service's own trouble. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);
/** Seconds to wait when Slack gives no Retry-After. */
const DEFAULT_RETRY_S = 30;

/** Rendering options every message of the bot carries: its own mrkdwn, no link previews. */
const FORMAT = { mrkdwn: true, unfurl_links: false, unfurl_media: false } as const;

/**
 * Delivers Slack payloads: replies through the app's client (which waits out
 * rate limits and retries by itself), ephemeral answers through `respond`, and
 * messages sent on the assistant's own initiative through a client that
 * reports a rate limit instead of waiting, for a caller that honours Retry-After.
 */
export class SlackTransport implements Transport<SlackReply, SlackPayload> {
  constructor(
    private readonly replies: webApi.WebClient,
    private readonly outbound: webApi.WebClient,
  ) {}

  async deliver(reply: SlackReply, { text, blocks }: SlackPayload): Promise<void> {
    if (reply.respond) await reply.respond({ response_type: 'ephemeral', replace_original: false, text, blocks, ...FORMAT });
    else await this.replies.chat.postMessage({ channel: reply.channel, thread_ts: reply.threadTs, text, blocks, ...FORMAT });
  }

  /** A person gets a DM (opened with conversations.open), a room a post; never throws. The id is the first message's ts. */
  async send(address: Address, payloads: SlackPayload[]): Promise<SendResult> {
    try {
      const channel = address.kind === 'person' ? await this.openDm(address.user) : address.room;
      const threadTs = address.kind === 'room' ? address.thread : undefined;
      let id: string | undefined;
      for (const { text, blocks } of payloads) {
        const posted = await this.outbound.chat.postMessage({ channel, thread_ts: threadTs, text, blocks, ...FORMAT });
        id ??= posted.ts;
      }
      return id ? { status: 'delivered', id } : { status: 'delivered' };
    } catch (err) {
      return slackSendResult(err);
    }
  }

  private async openDm(user: string): Promise<string> {
    const opened = await this.outbound.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open: no channel id');
    return id;
  }
}

/** What a failed Slack call means for a sender: wait and try again, or give up. */
export function slackSendResult(err: unknown): SendResult {
  const e = err as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string; response_metadata?: { retryAfter?: number } };
  };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { status: 'retry', afterSeconds: e.retryAfter ?? DEFAULT_RETRY_S, reason: SLACK_TEXTS.rateLimited };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown';
      if (code === 'ratelimited' || code === 'rate_limited') {
        return { status: 'retry', afterSeconds: e.data?.response_metadata?.retryAfter ?? DEFAULT_RETRY_S, reason: SLACK_TEXTS.rateLimited };
      }
      if (TRANSIENT.has(code)) return { status: 'retry', afterSeconds: DEFAULT_RETRY_S, reason: SLACK_TEXTS.unavailable(code) };
      return { status: 'refused', reason: SLACK_TEXTS.refused(code, SLACK_TEXTS.refusals[code]) };
    }
    case webApi.ErrorCode.HTTPError:
      if ((e.statusCode ?? 500) >= 500)
        return { status: 'retry', afterSeconds: DEFAULT_RETRY_S, reason: SLACK_TEXTS.unavailable(`HTTP ${e.statusCode}`) };
      return { status: 'refused', reason: SLACK_TEXTS.refused(`HTTP ${e.statusCode}`) };
    default:
      // Network errors and timeouts: Slack may well answer a little later.
      return { status: 'retry', afterSeconds: DEFAULT_RETRY_S, reason: SLACK_TEXTS.unreachable };
  }
}
