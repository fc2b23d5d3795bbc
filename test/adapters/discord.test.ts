import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/state/store.js';
import { DiscordAdapter } from '../../adapters/discord/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { CORE_TEXTS } from '../../src/index.js';
import { say } from '../../src/shared/text.js';
import type { TurnHandler } from '../../src/shared/types.js';
import { testAssistant } from '../helpers/assistant.js';
import {
  APP_ID,
  BOT_ID,
  buttonInteraction,
  commandInteraction,
  FakeDiscord,
  GUILD_CHANNEL_ID,
  GUILD_ID,
  messagePayload,
  type RecordedRequest,
  snowflake,
  THREAD_ID,
  TOKEN,
  user,
} from '../helpers/fake-discord.js';

// The real discord.js client against a local fake of Discord's REST API and gateway.
let fake: FakeDiscord;
let adapter: DiscordAdapter;
const logLines: string[] = [];

const posted = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`;
const dm = (authorId: string, channelId: string, content: string, bot = false) =>
  fake.dispatch('MESSAGE_CREATE', messagePayload({ channelId, author: user(authorId, bot), content }));
const callback = (interaction: { id: string }) => (r: RecordedRequest) => r.path.startsWith(`/interactions/${interaction.id}/`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ACADEMIE = 'l’académie de Bordeaux';

/** The store both instances share in the two-instance test (Redis in production). */
const shared = memoryStore();

beforeAll(async () => {
  fake = await FakeDiscord.start();
  const logger = createLogger('debug', 'test', (l) => logLines.push(l));
  const real = testAssistant();
  const assistant: TurnHandler = { handle: (m) => (m.text === 'provoque une panne' ? Promise.reject(new Error('boom')) : real.handle(m)) };
  adapter = new DiscordAdapter({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID }, assistant, logger, {
    rest: { api: fake.api, retries: 0, timeout: 3000 },
    store: shared,
    academie: ACADEMIE,
  });
  await adapter.start();
}, 15000);

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

describe('Discord adapter against a fake Discord', () => {
  it('logs in with the token and the intents, and registers /rupn in the guild', async () => {
    expect(fake.identify?.token).toBe(TOKEN);
    const intents = fake.identify?.intents ?? 0;
    for (const bit of [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ]) {
      expect(intents & bit).toBe(bit);
    }
    const put = await fake.waitFor((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const [command] = put.body as unknown as { name: string; description: string; options: { name: string; required: boolean }[] }[];
    expect(command.name).toBe('rupn');
    expect(command.description).toBe('Poser une question à l’assistant des RUPN de l’académie de Bordeaux');
    expect(command.options[0]).toMatchObject({ name: 'question', required: true });
  });

  it('answers a direct message in its DM channel, with mentions disabled', async () => {
    const channel = snowflake();
    dm(snowflake(), channel, 'qui est le coordonnateur de Gironde ?');
    const sent = await fake.waitFor(posted(channel));
    expect(sent.body.content).toContain('DELSAUX');
    expect(sent.body.content).toContain('<https://dane.ac-bordeaux.fr/dane/>');
    expect(sent.body.allowed_mentions?.parse).toEqual([]);
  });

  it('offers choices as buttons, and answers the click on « Gironde (33) »', async () => {
    const who = user(snowflake());
    const channel = snowflake();
    dm(who.id, channel, 'qui est mon coordonnateur ?');
    const question = await fake.waitFor(posted(channel));
    const buttons = question.body.components?.flatMap((row) => row.components) ?? [];
    const gironde = buttons.find((b) => b.label === 'Gironde (33)');
    expect(gironde?.custom_id).toMatch(/^rupn:\d+:Gironde \(33\)$/);

    const message = messagePayload({
      channelId: channel,
      author: user(BOT_ID, true),
      content: question.body.content ?? '',
      components: question.body.components,
    });
    const click = buttonInteraction(channel, who, gironde!.custom_id, message);
    fake.dispatch('INTERACTION_CREATE', click);
    const ack = await fake.waitFor(callback(click));
    expect(ack.body.type).toBe(6);
    const answer = await fake.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${click.token}`);
    expect(answer.body.content).toContain('DELSAUX');
    expect(answer.body.allowed_mentions?.parse).toEqual([]);
  });

  it('completes a guided flow with buttons, from the request to the document', async () => {
    const who = user(snowflake());
    const channel = snowflake();
    type Sent = { body: { content?: string; components?: { components: { label?: string; custom_id: string }[] }[] } };
    /** Clicks the button `label` of a message the bot sent, and returns the bot's `count` follow-ups. */
    const press = async (sent: Sent, label: string, count: number) => {
      const button = (sent.body.components ?? []).flatMap((row) => row.components).find((b) => b.label === label)!;
      const message = messagePayload({
        channelId: channel,
        author: user(BOT_ID, true),
        content: sent.body.content ?? '',
        components: sent.body.components,
      });
      const click = buttonInteraction(channel, who, button.custom_id, message);
      fake.dispatch('INTERACTION_CREATE', click);
      const mine = (r: RecordedRequest) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${click.token}`;
      await fake.waitFor(mine);
      for (let k = 0; k < 50 && fake.requests.filter(mine).length < count; k++) await sleep(20);
      return fake.requests.filter(mine) as Sent[];
    };
    dm(who.id, channel, 'je veux mettre en place une commission numérique');
    await fake.waitFor(posted(channel));
    for (let k = 0; k < 50 && fake.requests.filter(posted(channel)).length < 2; k++) await sleep(20);
    const form = fake.requests.filter(posted(channel))[1] as Sent;
    expect(form.body.content).toContain('Sous quelle forme');
    const [members] = await press(form, 'Une commission numérique ad hoc', 1);
    expect(members.body.content).toContain('Qui en fera partie');
    const [summary] = await press(members, 'Le RUPN', 1);
    expect(summary.body.content).toContain('récapitulatif');
    const done = await press(summary, 'Valider', 2);
    expect(done.map((d) => d.body.content).join('\n')).toMatch(/commission numérique ad hoc[\s\S]*Ordre du jour/);
  });

  it('answers a mention in a guild thread, replying without pinging anyone', async () => {
    const message = messagePayload({
      channelId: THREAD_ID,
      guildId: GUILD_ID,
      author: user(snowflake()),
      content: `@everyone <@&123> <@${BOT_ID}> qui est le coordonnateur des Landes ?`,
      mentions: [user(BOT_ID, true)],
    });
    fake.dispatch('MESSAGE_CREATE', message);
    const sent = await fake.waitFor(posted(THREAD_ID));
    expect(sent.body.content).toContain('LOCHET');
    expect(sent.body.message_reference?.message_id).toBe(message.id);
    expect(sent.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('two instances sharing a store answer a message once', async () => {
    const second = new DiscordAdapter({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID }, testAssistant(), createLogger('silent'), {
      rest: { api: fake.api, retries: 0, timeout: 3000 },
      store: shared,
      academie: ACADEMIE,
    });
    await second.start();
    try {
      const [channel, sentinel] = [snowflake(), snowflake()];
      dm(snowflake(), channel, 'qui est le coordonnateur des Landes ?');
      await fake.waitFor(posted(channel));
      dm(snowflake(), sentinel, 'bonjour');
      await fake.waitFor(posted(sentinel));
      await sleep(150);
      expect(fake.requests.filter(posted(channel))).toHaveLength(1);
      expect(fake.requests.filter(posted(sentinel))).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it('ignores bots, itself, and guild messages that do not mention it', async () => {
    const [botChannel, selfChannel, sentinel] = [snowflake(), snowflake(), snowflake()];
    dm(snowflake(), botChannel, 'qui est le coordonnateur de Gironde ?', true);
    dm(BOT_ID, selfChannel, 'qui est le coordonnateur de Gironde ?', true);
    fake.dispatch(
      'MESSAGE_CREATE',
      messagePayload({
        channelId: GUILD_CHANNEL_ID,
        guildId: GUILD_ID,
        author: user(snowflake()),
        content: 'qui est le coordonnateur de Gironde ?',
      }),
    );
    dm(snowflake(), sentinel, 'bonjour');
    await fake.waitFor(posted(sentinel));
    await sleep(100);
    for (const channel of [botChannel, selfChannel, GUILD_CHANNEL_ID]) expect(fake.requests.filter(posted(channel))).toEqual([]);
  });

  it('answers /rupn: deferred, then the reply edited in with the question quoted', async () => {
    const who = user(snowflake());
    const command = commandInteraction(snowflake(), who, 'qui est le coordonnateur de Gironde ?');
    fake.dispatch('INTERACTION_CREATE', command);
    const ack = await fake.waitFor(callback(command));
    expect(ack.body.type).toBe(5);
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${command.token}/messages/@original`);
    expect(edit.body.content).toMatch(/^> qui est le coordonnateur de Gironde \?\n/);
    expect(edit.body.content).toContain('DELSAUX');
    expect(edit.body.allowed_mentions?.parse).toEqual([]);
  });

  it('sends one polite notice to someone who floods, then drops silently', async () => {
    const [who, channel] = [snowflake(), snowflake()];
    for (let k = 0; k < 12; k++) dm(who, channel, 'bonjour');
    const nine = async () => {
      while (fake.requests.filter(posted(channel)).length < 9) await sleep(20);
    };
    await Promise.race([nine(), sleep(5000)]);
    await sleep(200);
    const sent = fake.requests.filter(posted(channel));
    expect(sent).toHaveLength(9);
    expect(sent.filter((r) => r.body.content?.includes('courte pause'))).toHaveLength(1);
    // A command must still be answered: the notice again, for the person alone.
    const command = commandInteraction(snowflake(), user(who), 'bonjour');
    fake.dispatch('INTERACTION_CREATE', command);
    const ack = await fake.waitFor(callback(command));
    expect(ack.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const notice = await fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${command.token}/messages/@original`);
    expect(notice.body.content).toContain('courte pause');
  });

  it('says sorry when a turn fails, and logs it without the text', async () => {
    const channel = snowflake();
    dm(snowflake(), channel, 'provoque une panne');
    const sent = await fake.waitFor(posted(channel));
    expect(sent.body.content).toBe(CORE_TEXTS.internalError);
    expect(logLines.filter((l) => l.includes('"msg":"turn.failed"'))).toHaveLength(1);
  });

  it('sends a DM on its own initiative, through the person’s DM channel, buttons included', async () => {
    const who = snowflake();
    const reminder = say('Rappel : la commission numérique se réunit demain, voir https://dane.ac-bordeaux.fr/dane/.', [
      { label: 'Merci', value: 'merci' },
    ]);
    const result = await adapter.send({ kind: 'person', workspace: GUILD_ID, user: who }, reminder);
    expect(result).toEqual({ status: 'delivered', id: expect.stringMatching(/^\d+$/) });
    const channel = fake.dmChannels.get(who)!;
    const [post] = fake.requests.filter(posted(channel));
    expect(post.body.content).toBe('Rappel : la commission numérique se réunit demain, voir <https://dane.ac-bordeaux.fr/dane/>.');
    expect(post.body.components?.[0].components.map((b) => b.label)).toEqual(['Merci']);
    expect(post.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('posts in a guild thread on its own initiative', async () => {
    const result = await adapter.send(
      { kind: 'room', workspace: GUILD_ID, room: GUILD_CHANNEL_ID, thread: THREAD_ID },
      say('Bonne rentrée !'),
    );
    expect(result).toMatchObject({ status: 'delivered' });
    expect(fake.requests.filter(posted(THREAD_ID)).at(-1)?.body.content).toBe('Bonne rentrée !');
  });

  it('reports a closed DM as refused for good, and Discord’s rate limit as retry after its delay, at once', async () => {
    const closed = snowflake();
    await adapter.send({ kind: 'person', workspace: GUILD_ID, user: closed }, say('Bonjour'));
    fake.fail(fake.dmChannels.get(closed)!, { status: 403, code: 50007, message: 'Cannot send messages to this user' });
    expect(await adapter.send({ kind: 'person', workspace: GUILD_ID, user: closed }, say('Bonjour'))).toEqual({
      status: 'refused',
      reason: expect.stringMatching(/50007.*messages privés/),
    });
    const busy = snowflake();
    fake.fail(busy, { retryAfter: 7 });
    const started = Date.now();
    expect(await adapter.send({ kind: 'room', workspace: GUILD_ID, room: busy }, say('Bonjour'))).toMatchObject({
      status: 'retry',
      afterSeconds: 7,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.requests.filter(posted(busy))).toHaveLength(1);
  });

  it('never lets a send ping, and never logs a token or a message text', () => {
    const sends = fake.requests.filter((r) => r.body.content !== undefined);
    expect(sends.length).toBeGreaterThan(10);
    for (const r of sends) expect(r.body.allowed_mentions?.parse).toEqual([]);
    const logs = logLines.join('\n');
    expect(logs).toContain('discord.ready');
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain('interaction-token');
    // Knowledge ids (`topic: coordonnateurs`) may be logged; what people wrote may not.
    expect(logs).not.toMatch(/qui est|Gironde|Landes|mon coordonnateur|bonjour|provoque|Rappel/);
  });
});
