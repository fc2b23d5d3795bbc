import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../adapters/slack/index.js';
import { ConfigError } from '../../src/shared/config.js';
import { createLogger, silentLogger } from '../../src/shared/logger.js';
import { RATE_LIMIT_NOTICE, RateLimiter } from '../../src/shared/rate-limit.js';
import { say } from '../../src/shared/text.js';
import type { TurnHandler } from '../../src/shared/types.js';
import { testAssistant } from '../helpers/assistant.js';
import {
  envelope,
  FAKE_BOT,
  nextTs,
  sendEvent,
  sendForm,
  sendSigned,
  startFakeSlack,
  type FakeCall,
  type FakeSlack,
} from '../helpers/fake-slack.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const config = { mode: 'http' as const, botToken: 'xoxb-test-token', signingSecret: SECRET, port: 0 };

let fake: FakeSlack;
let bot: SlackAdapter;
let url: string;
let n = 0;
const logs: string[] = [];
const fresh = (prefix: string) => `${prefix}${++n}X`;

const inChannel = (channel: string) => (c: FakeCall) => c.method === 'chat.postMessage' && c.args.channel === channel;
const textOf = (c: FakeCall) => String(c.args.text);

/** A direct message from `user` in DM `channel`. */
const dm = (channel: string, user: string, text: string, extra: Record<string, unknown> = {}) =>
  envelope({ type: 'message', channel_type: 'im', channel, user, text, ts: nextTs(), team: FAKE_BOT.teamId, ...extra });

/** A block_actions payload: `user` clicks `button` of the message `posted` in `channel`. */
function click(user: string, channel: string, posted: FakeCall, button: { action_id: string; value: string; text: { text: string } }) {
  return {
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: FAKE_BOT.teamId, domain: 'rupn' },
      user: { id: user, team_id: FAKE_BOT.teamId },
      api_app_id: 'A1',
      trigger_id: '1.2.3',
      container: { type: 'message', message_ts: '1700000001.000100', channel_id: channel, is_ephemeral: false },
      channel: { id: channel, name: 'directmessage' },
      message: { type: 'message', ts: '1700000001.000100', text: posted.args.text, blocks: posted.args.blocks },
      response_url: `${fake.url}/respond/click`,
      actions: [
        {
          type: 'button',
          block_id: 'b1',
          action_id: button.action_id,
          value: button.value,
          text: { type: 'plain_text', ...button.text },
          action_ts: nextTs(),
        },
      ],
    }),
  };
}

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = new SlackAdapter(
    config,
    testAssistant(),
    createLogger('debug', 'rupn', (l) => logs.push(l)),
    { apiUrl: fake.apiUrl, host: '127.0.0.1', limiter: new RateLimiter(3, 1) },
  );
  await bot.start();
  url = `http://127.0.0.1:${bot.port}/slack/events`;
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('Slack adapter over the real Bolt app', () => {
  it('answers a direct message in the DM, with mrkdwn blocks and no unfurl', async () => {
    const channel = fresh('D');
    const res = await sendEvent(url, SECRET, dm(channel, fresh('U'), 'qui est le coordonnateur de Gironde ?'));
    expect(res.status).toBe(200);
    const [post] = await fake.waitForReplies(inChannel(channel));
    expect(textOf(post)).toContain('DELSAUX');
    expect(post.args).toMatchObject({ mrkdwn: 'true', unfurl_links: 'false' });
    expect(post.args.thread_ts).toBeUndefined();
    const blocks = post.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Les coordonnateurs départementaux de la DANE' } });
    expect(JSON.stringify(blocks)).toContain('<https://dane.ac-bordeaux.fr/dane/>');
  });

  it('answers a mention in a channel inside its thread, without the bot mention', async () => {
    const channel = fresh('C');
    const ts = nextTs();
    await sendEvent(
      url,
      SECRET,
      envelope({ type: 'app_mention', channel, user: fresh('U'), text: `<@${FAKE_BOT.userId}> qui est le coordonnateur de Gironde ?`, ts }),
    );
    const [post] = await fake.waitForReplies(inChannel(channel));
    expect(post.args.thread_ts).toBe(ts);
    expect(textOf(post)).toContain('DELSAUX');
  });

  it('offers choices as buttons, and a click answers in the same conversation', async () => {
    const channel = fresh('D');
    const user = fresh('U');
    await sendEvent(url, SECRET, dm(channel, user, 'qui est mon coordonnateur ?'));
    const [question] = await fake.waitForReplies(inChannel(channel));
    const actions = (
      question.args.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]
    ).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toContain('rupn_choice_2');
    const gironde = actions!.elements!.find((e) => e.text.text === 'Gironde (33)')!;
    expect(gironde.value).toBe('Gironde (33)');

    const res = await sendForm(url, SECRET, click(user, channel, question, gironde));
    expect(res.status).toBe(200);
    const [, answer] = await fake.waitForReplies(inChannel(channel), 2);
    expect(textOf(answer)).toContain('DELSAUX');
  });

  it('completes a guided flow with buttons, from the request to the document', async () => {
    // its own bot: the shared one's tight flood limit would cut a whole flow short
    const flowBot = new SlackAdapter(config, testAssistant(), silentLogger, { apiUrl: fake.apiUrl, host: '127.0.0.1' });
    await flowBot.start();
    try {
      const url = `http://127.0.0.1:${flowBot.port}/slack/events`;
      const channel = fresh('D');
      const user = fresh('U');
      type Button = { action_id: string; value: string; text: { text: string } };
      const buttons = (c: FakeCall) =>
        (c.args.blocks as { type: string; elements?: Button[] }[]).find((b) => b.type === 'actions')?.elements ?? [];
      let seen = 0;
      /** The new posts in the DM, once `count` of them have arrived. */
      const next = async (count: number) => {
        const all = await fake.waitForReplies(inChannel(channel), seen + count);
        const fresh = all.slice(seen);
        seen = all.length;
        return fresh;
      };
      const press = async (posts: FakeCall[], label: string, replies: number) => {
        const post = posts.find((p) => buttons(p).some((b) => b.text.text === label))!;
        const res = await sendForm(url, SECRET, click(user, channel, post, buttons(post).find((b) => b.text.text === label)!));
        expect(res.status).toBe(200);
        return next(replies);
      };
      await sendEvent(url, SECRET, dm(channel, user, 'je veux mettre en place une commission numérique'));
      const start = await next(2);
      expect(textOf(start[1])).toContain('Sous quelle forme');
      const members = await press(start, 'Une commission numérique ad hoc', 1);
      expect(textOf(members[0])).toContain('Qui en fera partie');
      const summary = await press(members, 'Le RUPN', 1);
      expect(textOf(summary[0])).toContain('récapitulatif');
      const done = await press(summary, 'Valider', 2);
      expect(textOf(done[0])).toContain('commission numérique ad hoc');
      expect(textOf(done[1])).toContain('Ordre du jour');
    } finally {
      await flowBot.stop();
    }
  });

  it('keeps mentions typed by a person inert', async () => {
    const channel = fresh('C');
    const text = `<@${FAKE_BOT.userId}> <!channel> @everyone <@U999> qui est le coordonnateur des Landes ?`;
    await sendEvent(url, SECRET, envelope({ type: 'app_mention', channel, user: fresh('U'), text, ts: nextTs() }));
    const [post] = await fake.waitForReplies(inChannel(channel));
    expect(textOf(post)).toContain('LOCHET');
    const all = textOf(post) + JSON.stringify(post.args.blocks);
    expect(all).not.toMatch(/<!channel>|<@U999>|<!everyone>/);
  });

  it('escapes an answer that echoes the person’s words', async () => {
    const echo: TurnHandler = {
      handle: async (m) => ({
        messages: [{ blocks: [{ type: 'paragraph', text: `Vous avez dit : ${m.text}` }] }],
        intent: 'echo',
        topic: null,
        confidence: 1,
      }),
    };
    const echoBot = new SlackAdapter(config, echo, silentLogger, { apiUrl: fake.apiUrl, host: '127.0.0.1' });
    await echoBot.start();
    try {
      const channel = fresh('D');
      await sendEvent(`http://127.0.0.1:${echoBot.port}/slack/events`, SECRET, dm(channel, fresh('U'), '<!channel> <!here> <@U999> a & b'));
      const [post] = await fake.waitForReplies(inChannel(channel));
      const all = textOf(post) + JSON.stringify(post.args.blocks);
      expect(all).not.toMatch(/<!channel>|<!here>|<@U999>/);
      expect(textOf(post)).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U999&gt; a &amp; b');
    } finally {
      await echoBot.stop();
    }
  });

  it('refuses a request with a bad signature (401) and posts nothing', async () => {
    const channel = fresh('D');
    const body = JSON.stringify(dm(channel, fresh('U'), 'qui est le coordonnateur de Gironde ?'));
    const res = await sendSigned(url, 'not-the-secret-0000000000000000', body, 'application/json');
    expect(res.status).toBe(401);
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(5000),
    });
    expect(unsigned.status).toBe(401);
    await bot.settled();
    expect(fake.replies().filter(inChannel(channel))).toHaveLength(0);
  });

  it('answers a retried event once', async () => {
    const channel = fresh('D');
    const event = dm(channel, fresh('U'), 'qui est le coordonnateur de Gironde ?');
    const first = await sendEvent(url, SECRET, event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    const again = await sendEvent(url, SECRET, event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect([first.status, again.status]).toEqual([200, 200]);
    await fake.waitForReplies(inChannel(channel));
    await bot.settled();
    expect(fake.replies().filter(inChannel(channel))).toHaveLength(1);
    expect(logs.join('\n')).toContain('"msg":"slack.event_duplicate"');
  });

  it('acks /rupn within 3 s and answers through the response_url; an empty /rupn is « aide »', async () => {
    const command = (text: string, id: string) => ({
      command: '/rupn',
      text,
      team_id: FAKE_BOT.teamId,
      user_id: fresh('U'),
      channel_id: fresh('C'),
      channel_name: 'general',
      response_url: `${fake.url}/respond/${id}`,
      trigger_id: '1.2.3',
      api_app_id: 'A1',
      token: 'legacy',
    });
    const started = Date.now();
    const res = await sendForm(url, SECRET, command('coordonnateur gironde', 'cmd1'));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const [answer] = await fake.waitForReplies((c) => c.args.url === '/respond/cmd1');
    expect(textOf(answer)).toContain('DELSAUX');
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', mrkdwn: true });

    await sendForm(url, SECRET, command('', 'cmd2'));
    const [help] = await fake.waitForReplies((c) => c.args.url === '/respond/cmd2');
    expect(textOf(help)).toMatch(/Voici ce que je sais faire/);
  });

  it('ignores bots, itself, and edits', async () => {
    const channel = fresh('D');
    const q = 'qui est le coordonnateur de Gironde ?';
    await sendEvent(url, SECRET, dm(channel, fresh('U'), q, { bot_id: 'B999' }));
    await sendEvent(url, SECRET, dm(channel, fresh('U'), q, { subtype: 'bot_message' }));
    await sendEvent(url, SECRET, dm(channel, FAKE_BOT.userId, q));
    await sendEvent(url, SECRET, dm(channel, fresh('U'), q, { subtype: 'message_changed' }));
    await bot.settled();
    expect(fake.replies().filter(inChannel(channel))).toHaveLength(0);
  });

  it('rate-limits a flood with one polite notice', async () => {
    const channel = fresh('D');
    const user = fresh('U');
    for (let i = 0; i < 6; i++) await sendEvent(url, SECRET, dm(channel, user, 'bonjour'));
    await bot.settled();
    const posts = fake.replies().filter(inChannel(channel));
    expect(posts.filter((p) => textOf(p) === RATE_LIMIT_NOTICE)).toHaveLength(1);
    expect(posts).toHaveLength(4);
  });

  it('answers Slack’s URL verification challenge', async () => {
    const res = await sendEvent(url, SECRET, { type: 'url_verification', token: 'x', challenge: 'defi-123' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('defi-123');
  });

  it('reports a token Slack refuses as a configuration error, without the token', async () => {
    const refusing = await startFakeSlack({ authError: 'invalid_auth' });
    const adapter = new SlackAdapter(config, testAssistant(), silentLogger, { apiUrl: refusing.apiUrl, host: '127.0.0.1' });
    try {
      const err = await adapter.start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variable).toBe('SLACK_BOT_TOKEN');
      expect((err as ConfigError).message).toMatch(/invalid_auth.*OAuth & Permissions/);
      expect((err as ConfigError).message).not.toContain(config.botToken);
      expect(adapter.port).toBeUndefined();
    } finally {
      await adapter.stop();
      await refusing.close();
    }
  });

  it('builds a Socket Mode adapter without touching the network, and stops it unstarted', async () => {
    const socket = new SlackAdapter({ mode: 'socket', botToken: 'xoxb-x', appToken: 'xapp-x' }, testAssistant(), silentLogger);
    await expect(socket.stop()).resolves.toBeUndefined();
  });

  it('sends a DM on its own initiative: opens the conversation, then posts the rendered message', async () => {
    const user = fresh('U');
    const reminder = say('Rappel : la commission numérique se réunit demain, voir https://dane.ac-bordeaux.fr/dane/.', [
      { label: 'Merci', value: 'merci' },
    ]);
    const result = await bot.send({ kind: 'person', workspace: FAKE_BOT.teamId, user }, reminder);
    expect(result).toEqual({ status: 'delivered', id: expect.stringMatching(/^\d+\.\d+$/) });
    expect(fake.calls.find((c) => c.method === 'conversations.open' && c.args.users === user)).toBeDefined();
    const [post] = fake.replies().filter(inChannel(`D${user.slice(1)}`));
    expect(textOf(post)).toContain('Rappel : la commission numérique se réunit demain, voir <https://dane.ac-bordeaux.fr/dane/>.');
    expect(JSON.stringify(post.args.blocks)).toContain('rupn_choice_1');
    expect(post.args.thread_ts).toBeUndefined();
  });

  it('posts in a channel thread on its own initiative', async () => {
    const channel = fresh('C');
    expect(
      await bot.send({ kind: 'room', workspace: FAKE_BOT.teamId, room: channel, thread: '1700000000.000001' }, say('Bonne rentrée !')),
    ).toMatchObject({ status: 'delivered' });
    const [post] = fake.replies().filter(inChannel(channel));
    expect(post.args).toMatchObject({ thread_ts: '1700000000.000001', text: 'Bonne rentrée !' });
  });

  it('reports a refusal for good: bot not in the channel, person unknown', async () => {
    const channel = fresh('C');
    fake.fail(channel, { error: 'not_in_channel' });
    const notIn = await bot.send({ kind: 'room', workspace: FAKE_BOT.teamId, room: channel }, say('Bonjour'));
    expect(notIn).toEqual({ status: 'refused', reason: expect.stringMatching(/not_in_channel.*\/invite/) });
    const user = fresh('U');
    fake.fail(user, { error: 'user_not_found' });
    expect(await bot.send({ kind: 'person', workspace: FAKE_BOT.teamId, user }, say('Bonjour'))).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('user_not_found'),
    });
  });

  it('reports Slack’s rate limit at once, with its Retry-After, instead of waiting', async () => {
    const channel = fresh('C');
    fake.fail(channel, { retryAfter: 7 });
    const started = Date.now();
    const result = await bot.send({ kind: 'room', workspace: FAKE_BOT.teamId, room: channel }, say('Bonjour'));
    expect(result).toMatchObject({ status: 'retry', afterSeconds: 7 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel)).toHaveLength(1);
  });

  it('logs ids and intents, never tokens, secrets or what people wrote', () => {
    const all = logs.join('\n');
    expect(all).toMatch(/turn\.answered/);
    expect(all).toMatch(/signature mismatch/);
    for (const secret of [config.botToken, SECRET, 'qui est', 'Gironde', 'DELSAUX', 'bonjour']) expect(all).not.toContain(secret);
  });
});
