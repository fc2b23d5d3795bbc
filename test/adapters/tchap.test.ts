import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tchap, TchapAdapter } from '../../adapters/tchap/index.js';
import { tchapConfigFromEnv, type TchapConfig } from '../../adapters/tchap/config.js';
import { TCHAP_TEXTS } from '../../adapters/tchap/texts.js';
import { ConfigError } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { RATE_LIMIT_NOTICE, RateLimiter } from '../../src/shared/rate-limit.js';
import { memoryStore } from '../../src/state/store.js';
import { say } from '../../src/shared/text.js';
import { testAssistant } from '../helpers/assistant.js';
import { FakeHomeserver, type SentEvent } from '../helpers/fake-matrix.js';

/**
 * The real matrix-js-sdk client against a loopback fake homeserver, and the
 * real assistant behind it. The tests share one server and run in order.
 */

const SERVER = 'agent.education.tchap.gouv.fr';
const BOT = `@rupn-bot-ac-bordeaux.fr:${SERVER}`;
const ALICE = `@alice:${SERVER}`;
const BOB = `@bob:${SERVER}`;
const DM = `!dm:${SERVER}`;
const GROUP = `!group:${SERVER}`;
const SECRET_ROOM = `!secret:${SERVER}`;
const PASSWORD = 'mot-de-passe-du-bot';

const ENCRYPTED_ROOM_NOTICE = TCHAP_TEXTS.encryptedRoomNotice;
const inRoom = (room: string) => (e: SentEvent) => e.roomId === room && e.type === 'm.room.message';
const body = (e: SentEvent) => String(e.content.body);

describe('Tchap adapter (real matrix-js-sdk, fake homeserver)', () => {
  let hs: FakeHomeserver;
  let config: TchapConfig;
  let adapter: TchapAdapter;
  const store = memoryStore();
  const assistant = testAssistant();
  const logLines: string[] = [];
  const secrets = [PASSWORD, 'jeton-env', 'jeton-revoque'];
  const log = createLogger('debug', 'test', (l) => logLines.push(l));

  /** Sends `text` from `sender` and returns the bot's first reply in that room. */
  async function ask(room: string, text: string, sender = ALICE, extra = {}): Promise<SentEvent> {
    const from = hs.sent.length;
    hs.message(room, sender, text, extra);
    return hs.waitForSent(inRoom(room), from);
  }

  /** Resolves once the bot has read everything pushed so far and finished what it started. */
  async function quiet(): Promise<void> {
    await hs.synced();
    await adapter.settled();
  }

  /** Sends `text` and checks the bot stays silent: it has read the message and done nothing. */
  async function expectSilence(room: string, text: string, sender = ALICE, type = 'm.text'): Promise<void> {
    const from = hs.sent.length;
    hs.message(room, sender, text, { msgtype: type });
    await quiet();
    expect(hs.sent.slice(from).filter(inRoom(room))).toEqual([]);
  }

  beforeAll(async () => {
    hs = await new FakeHomeserver({ botUserId: BOT, password: PASSWORD, tokens: ['jeton-env'] }).listen();
    config = tchapConfigFromEnv({ TCHAP_HOMESERVER_URL: hs.url, TCHAP_USER_ID: BOT, TCHAP_PASSWORD: PASSWORD, RUPN_STORE: 'memory' })!;
    // Alice asks a lot here; the flood guard has its own test below.
    adapter = new TchapAdapter(config, assistant, log, { store, pollTimeout: 1000, rateLimiter: new RateLimiter(100, 100) });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await hs?.close();
    expect(hs.unknown).toEqual([]);
    // the SDK's own logs come through our logger (debug level), and no secret is ever logged
    expect(logLines.some((l) => l.includes('"sdk"'))).toBe(true);
    // one style of event names: area.event_name
    expect(logLines.some((l) => l.includes('"msg":"tchap.invite_accepted"'))).toBe(true);
    expect(logLines.map((l) => JSON.parse(l).msg).filter((m: string) => !/^[a-z]+\.[a-z_]+$/.test(m))).toEqual([]);
    if (process.env.TCHAP_TEST_LOG) process.stderr.write(logLines.filter((l) => !l.includes('"sdk"')).join('\n') + '\n');
    for (const secret of secrets) expect(logLines.join('\n')).not.toContain(secret);
  });

  it('is a platform module building the Tchap adapter', () => {
    expect(tchap.name).toBe('tchap');
    expect(tchap.fromEnv({})).toBeUndefined();
    const a = tchap.create(config, assistant, log, { store, academie: 'l’académie de Bordeaux' });
    expect(a.name).toBe('tchap');
  });

  it('logs in once with the password and stores the token', async () => {
    expect(hs.loginCalls).toBe(1);
    const session = await store.read<{ accessToken: string }>('tchap', `session:${BOT}`);
    expect(session).toMatchObject({ accessToken: expect.stringMatching(/^tok-/) });
    secrets.push(session!.accessToken);
  });

  it('joins on an invite from an agent server, refuses one from elsewhere', async () => {
    const from = hs.sent.length;
    hs.invite(DM, ALICE);
    hs.invite('!spam:matrix.org', '@mallory:matrix.org');
    await quiet();
    expect(hs.isJoined(DM)).toBe(true);
    // a direct conversation opens with one line saying what the assistant is
    expect(hs.sent.slice(from).filter(inRoom(DM)).map(body)).toEqual([TCHAP_TEXTS.welcome()]);
    expect(hs.leaves).toEqual(['!spam:matrix.org']);
    expect(hs.joins).toEqual([DM]);
    expect(hs.isJoined('!spam:matrix.org')).toBe(false);
  });

  it('answers a direct message with escaped HTML that mentions nobody', async () => {
    const r = await ask(DM, 'qui est le coordonnateur de Gironde ?');
    expect(body(r)).toContain('DELSAUX');
    expect(r.content).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html', 'm.mentions': {} });
    const html = String(r.content.formatted_body);
    expect(html).toContain('<h4>');
    expect(html).toContain('l&#39;interlocuteur'); // the apostrophe of the knowledge text, escaped
    expect(html).toContain('<a href="https://dane.ac-bordeaux.fr/dane/">');
  });

  it('offers choices as a numbered list and takes the number as the answer', async () => {
    const q = await ask(DM, 'qui est mon coordonnateur ?');
    expect(body(q)).toMatch(/1\. Dordogne \(24\)\n2\. Gironde \(33\)/);
    expect(String(q.content.formatted_body)).toContain('<ol><li>Dordogne (24)</li><li>Gironde (33)</li>');
    expect(body(await ask(DM, '2'))).toContain('DELSAUX');
  });

  it('completes a guided flow with numbered answers, from the request to the document', async () => {
    /** Sends `text` and returns the bot's next `count` messages in the room. */
    const reply = async (text: string, count: number) => {
      const from = hs.sent.length;
      hs.message(DM, ALICE, text);
      return (await hs.waitForSentCount(inRoom(DM), count, from)).map(body);
    };
    const start = await reply('je veux mettre en place une commission numérique', 2);
    expect(start[1]).toMatch(/Sous quelle forme[\s\S]*1\. Une commission numérique ad hoc/);
    expect((await reply('1', 1))[0]).toContain('Qui en fera partie');
    expect((await reply('1, 2, 6', 1))[0]).toContain('récapitulatif');
    const done = await reply('oui', 2);
    expect(done[0]).toContain('commission numérique ad hoc');
    expect(done[1]).toContain('Ordre du jour');
  });

  it('answers a message posted in a thread inside that thread', async () => {
    const root = hs.message(DM, ALICE, 'bonjour');
    await quiet();
    const relation = {
      'm.relates_to': { rel_type: 'm.thread', event_id: root, is_falling_back: true, 'm.in_reply_to': { event_id: root } },
    };
    const r = await ask(DM, 'qui est le coordonnateur de Gironde ?', ALICE, relation);
    expect(body(r)).toContain('DELSAUX');
    expect(r.content['m.relates_to']).toMatchObject({ rel_type: 'm.thread', event_id: root });
  });

  it('never pings a room, whatever the person wrote', async () => {
    const r = await ask(DM, '@room <b>x</b> qui est le coordonnateur des Landes ?');
    expect(body(r)).toContain('LOCHET');
    expect(r.content['m.mentions']).toEqual({});
    expect(String(r.content.formatted_body)).not.toContain('<b>');
    expect(`${body(r)}${String(r.content.formatted_body)}`).not.toMatch(/@room/);
  });

  it('does not answer its own messages nor notices from other bots', async () => {
    await expectSilence(DM, 'qui est le coordonnateur de Gironde ?', BOT);
    await expectSilence(DM, 'qui est le coordonnateur de Gironde ?', ALICE, 'm.notice');
  });

  it('in a group room, answers only when addressed', async () => {
    hs.invite(GROUP, ALICE, { others: [BOB] });
    await quiet();
    expect(hs.isJoined(GROUP)).toBe(true);
    await expectSilence(GROUP, 'qui est le coordonnateur de Gironde ?', BOB);
    expect(body(await ask(GROUP, 'Assistant RUPN : qui est le coordonnateur de Gironde ?', BOB))).toContain('DELSAUX');
    expect(body(await ask(GROUP, 'coordonnateur des Landes', BOB, { 'm.mentions': { user_ids: [BOT] } }))).toContain('LOCHET');
  });

  it('warns once per room that it cannot read encrypted messages', async () => {
    const from = hs.sent.length;
    hs.invite(SECRET_ROOM, ALICE, { encrypted: true });
    const notice = await hs.waitForSent(inRoom(SECRET_ROOM), from);
    expect(body(notice)).toBe(ENCRYPTED_ROOM_NOTICE);
    expect(notice.content['m.mentions']).toEqual({});
    hs.push(SECRET_ROOM, ALICE, 'm.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgA…' });
    // an encrypted event in a room the bot believed clear also gets the notice, once
    hs.push(GROUP, BOB, 'm.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgB…' });
    hs.push(GROUP, BOB, 'm.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgC…' });
    await hs.waitForSent((e) => inRoom(GROUP)(e) && body(e) === ENCRYPTED_ROOM_NOTICE, from);
    await quiet();
    const notices = hs.sent.slice(from).filter((e) => body(e) === ENCRYPTED_ROOM_NOTICE);
    expect(notices.map((e) => e.roomId).sort()).toEqual([GROUP, SECRET_ROOM].sort());
  });

  it('posts in a room on its own initiative, in a thread when asked, with numbered choices', async () => {
    const from = hs.sent.length;
    const reminder = say('Rappel : la commission numérique se réunit demain, voir https://dane.ac-bordeaux.fr/dane/.', [
      { label: 'Merci', value: 'merci' },
    ]);
    const result = await adapter.send({ kind: 'room', workspace: SERVER, room: GROUP, thread: '$racine:fake' }, reminder);
    expect(result).toEqual({ status: 'delivered', id: expect.stringMatching(/^\$ev\d+:fake$/) });
    const [sent] = hs.sent.slice(from);
    expect(sent.roomId).toBe(GROUP);
    expect(sent.eventId).toBe((result as { id: string }).id);
    expect(body(sent)).toMatch(/^Rappel : la commission numérique se réunit demain[\s\S]*1\. Merci\n.*numéro/);
    expect(String(sent.content.formatted_body)).toContain('<a href="https://dane.ac-bordeaux.fr/dane/">');
    expect(sent.content).toMatchObject({
      msgtype: 'm.notice',
      'm.mentions': {},
      'm.relates_to': { rel_type: 'm.thread', event_id: '$racine:fake' },
    });
  });

  it('refuses a person (direct messages are encrypted), a room it left or may not write in, without retrying', async () => {
    const person = await adapter.send({ kind: 'person', workspace: SERVER, user: ALICE }, say('Bonjour'));
    expect(person).toEqual({ status: 'refused', reason: expect.stringMatching(/chiffrés de bout en bout/) });
    expect(await adapter.send({ kind: 'room', workspace: SERVER, room: '!spam:matrix.org' }, say('Bonjour'))).toEqual({
      status: 'refused',
      reason: TCHAP_TEXTS.notJoined,
    });
    const closed = `!ferme:${SERVER}`;
    hs.failSends(closed, { status: 403, errcode: 'M_FORBIDDEN' });
    expect(await adapter.send({ kind: 'room', workspace: SERVER, room: closed }, say('Bonjour'))).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('M_FORBIDDEN'),
    });
  });

  it('reports the server’s rate limit at once, with its retry_after_ms, instead of waiting', async () => {
    const busy = `!occupe:${SERVER}`;
    hs.failSends(busy, { status: 429, errcode: 'M_LIMIT_EXCEEDED', retryAfterMs: 4000 });
    const started = Date.now();
    expect(await adapter.send({ kind: 'room', workspace: SERVER, room: busy }, say('Bonjour'))).toMatchObject({
      status: 'retry',
      afterSeconds: 4,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('restarts on the stored token without logging in again, and rate-limits politely', async () => {
    await adapter.stop();
    const noticesBefore = hs.sent.filter((e) => body(e) === ENCRYPTED_ROOM_NOTICE).length;
    adapter = new TchapAdapter(config, assistant, log, { store, pollTimeout: 1000, rateLimiter: new RateLimiter(2, 1) });
    await adapter.start();
    expect(hs.loginCalls).toBe(1);
    expect(body(await ask(DM, 'qui est le coordonnateur de Gironde ?'))).toContain('DELSAUX');
    const from = hs.sent.length;
    for (const t of ['bonjour', 'aide', 'merci', 'bonjour']) hs.message(DM, ALICE, t);
    await hs.waitForSent((e) => body(e) === RATE_LIMIT_NOTICE, from);
    await quiet();
    expect(
      hs.sent
        .slice(from)
        .map(body)
        .filter((b) => b === RATE_LIMIT_NOTICE),
    ).toHaveLength(1);
    expect(hs.sent.slice(from)).toHaveLength(2); // one answer, then the notice; the rest dropped
    // the encryption notices were remembered across the restart
    expect(hs.sent.filter((e) => body(e) === ENCRYPTED_ROOM_NOTICE)).toHaveLength(noticesBefore);
  });

  it('uses a token from the environment as is, and rejects a revoked one', async () => {
    const env = { TCHAP_HOMESERVER_URL: hs.url, TCHAP_USER_ID: BOT, RUPN_STORE: 'memory' };
    await adapter.stop();
    adapter = new TchapAdapter(tchapConfigFromEnv({ ...env, TCHAP_ACCESS_TOKEN: 'jeton-env' })!, assistant, log, { store });
    await adapter.start();
    expect(body(await ask(DM, 'qui est le coordonnateur des Landes ?'))).toContain('LOCHET');
    const revoked = new TchapAdapter(tchapConfigFromEnv({ ...env, TCHAP_ACCESS_TOKEN: 'jeton-revoque' })!, assistant, log, {
      store: memoryStore(),
    });
    await expect(revoked.start()).rejects.toBeInstanceOf(ConfigError);
    await revoked.stop();
    expect(hs.loginCalls).toBe(1);
  });
});
