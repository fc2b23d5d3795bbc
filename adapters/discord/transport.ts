import { DiscordAPIError, HTTPError, MessageFlags, RateLimitError, type REST, Routes } from 'discord.js';
import type { ReplyKind, Transport, Verdict } from '../pipeline.js';
import type { DiscordReply } from './map.js';
import type { DiscordPayload } from './render.js';
import { DISCORD_TEXTS } from './texts.js';
import type { Address, SendResult } from '../../src/index.js';

/** Seconds to wait when Discord gives no retry_after (a 5xx, the network). */
const DEFAULT_RETRY_S = 30;

/**
 * Delivers Discord payloads. Interactions are acknowledged within Discord's
 * 3 seconds (deferred), whatever the turn takes; in a guild, the first message
 * replies to the person's. Messages sent on the assistant's own initiative go
 * through a REST client that reports a rate limit instead of queueing behind it.
 */
export class DiscordTransport implements Transport<DiscordReply, DiscordPayload> {
  constructor(private readonly outbound: REST) {}

  async acknowledge(reply: DiscordReply, verdict: Verdict): Promise<void> {
    // A rate-limit notice to a command is for the person alone: the deferral decides it.
    if (reply.kind === 'command') await reply.interaction.deferReply(verdict === 'ok' ? {} : { flags: MessageFlags.Ephemeral });
    else if (reply.kind === 'button') await reply.interaction.deferUpdate();
  }

  async deliver(reply: DiscordReply, payload: DiscordPayload, { index, kind }: { index: number; kind: ReplyKind }): Promise<void> {
    switch (reply.kind) {
      case 'message': {
        const { message } = reply;
        if (!message.channel.isSendable()) return;
        if (index === 0 && message.inGuild()) await message.reply(payload);
        else await message.channel.send(payload);
        return;
      }
      case 'command':
        if (index === 0) await reply.interaction.editReply(payload);
        else await reply.interaction.followUp(payload);
        return;
      case 'button':
        await reply.interaction.followUp(kind === 'notice' ? { ...payload, flags: MessageFlags.Ephemeral } : payload);
        return;
    }
  }

  /** A person through their DM channel, a room (or its thread) directly; never throws. The id is the first message's. */
  async send(address: Address, payloads: DiscordPayload[]): Promise<SendResult> {
    try {
      const channel = address.kind === 'person' ? await this.openDm(address.user) : (address.thread ?? address.room);
      let id: string | undefined;
      for (const p of payloads) {
        const posted = (await this.outbound.post(Routes.channelMessages(channel), { body: restBody(p) })) as { id: string };
        id ??= posted.id;
      }
      return id ? { status: 'delivered', id } : { status: 'delivered' };
    } catch (err) {
      return discordSendResult(err);
    }
  }

  private async openDm(user: string): Promise<string> {
    const dm = (await this.outbound.post(Routes.userChannels(), { body: { recipient_id: user } })) as { id: string };
    return dm.id;
  }
}

/** A payload as Discord's REST API takes it (discord.js does this for the client's own sends). */
function restBody(p: DiscordPayload) {
  return {
    ...(p.content ? { content: p.content } : {}),
    components: p.components.map((row) => row.toJSON()),
    allowed_mentions: { parse: p.allowedMentions.parse ?? [], replied_user: p.allowedMentions.repliedUser ?? false },
  };
}

/** What a failed Discord call means for a sender: wait and try again, or give up. */
export function discordSendResult(err: unknown): SendResult {
  if (err instanceof RateLimitError)
    return { status: 'retry', afterSeconds: Math.max(1, Math.ceil(err.retryAfter / 1000)), reason: DISCORD_TEXTS.rateLimited };
  if (err instanceof DiscordAPIError || err instanceof HTTPError) {
    if (err.status >= 500)
      return { status: 'retry', afterSeconds: DEFAULT_RETRY_S, reason: DISCORD_TEXTS.unavailable(`HTTP ${err.status}`) };
    const code = err instanceof DiscordAPIError ? String(err.code) : `HTTP ${err.status}`;
    return { status: 'refused', reason: DISCORD_TEXTS.refused(code, DISCORD_TEXTS.refusals[code]) };
  }
  // Network errors and timeouts: Discord may well answer a little later.
  return { status: 'retry', afterSeconds: DEFAULT_RETRY_S, reason: DISCORD_TEXTS.unreachable };
}
