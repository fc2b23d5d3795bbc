import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TchapAdapter } from '../../adapters/tchap/index.js';
import { tchapConfigFromEnv, type TchapConfig } from '../../adapters/tchap/config.js';
import { TCHAP_TEXTS } from '../../adapters/tchap/texts.js';
import { ConfigError } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { RateLimiter } from '../../src/shared/rate-limit.js';
import { memoryStore } from '../../src/state/store.js';
import { say } from '../../src/shared/text.js';
import { testAssistant } from '../helpers/assistant.js';
import { FakeHomeserver } from '../helpers/fake-matrix.js';
import { Person } from '../helpers/matrix-person.js';

/**
 * End-to-end encryption: the bot with matrix-js-sdk's Rust crypto, and people
 * played by other real matrix-js-sdk clients with Rust crypto, all against the
 * loopback fake homeserver. The tests share one server and run in order.
 */

const SERVER = 'agent.education.tchap.gouv.fr';
const BOT = `@rupn-bot-ac-bordeaux.fr:${SERVER}`;
const ALICE = `@alice:${SERVER}`;
const BOB = `@bob:${SERVER}`;
const PASSWORD = 'mot-de-passe-du-bot';
const PASSPHRASE = 'une phrase de passe assez longue';
const ACADEMIE = 'l’académie de Bordeaux';

describe('Tchap adapter with end-to-end encryption', () => {
  let hs: FakeHomeserver;
  let dir: string;
  let file: string;
  let config: TchapConfig;
  let adapter: TchapAdapter;
  let alice: Person;
  let bob: Person;
  let dm: string;
  /** Rooms whose traffic must be ciphertext only. */
  const secretRooms: string[] = [];
  const store = memoryStore();
  const assistant = testAssistant();
  const logLines: string[] = [];
  const log = createLogger('debug', 'test', (l) => logLines.push(l));
  const logged = (name: string) => logLines.filter((l) => JSON.parse(l).msg === name).map((l) => JSON.parse(l) as Record<string, unknown>);
  const plainWords = ['DELSAUX', 'coordonnateur', 'commission', 'Rappel', 'assistant des RUPN'];

  const startBot = async () => {
    adapter = new TchapAdapter(config, assistant, log, {
      store,
      pollTimeout: 1000,
      rateLimiter: new RateLimiter(100, 100),
      academie: ACADEMIE,
      roomWaitMs: 1500,
    });
    await adapter.start();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rupn-tchap-e2ee-'));
    file = join(dir, 'tchap-crypto.bin');
    hs = await new FakeHomeserver({ botUserId: BOT, password: PASSWORD, tokens: ['jeton-env'] }).listen();
    const env = {
      TCHAP_HOMESERVER_URL: hs.url,
      TCHAP_USER_ID: BOT,
      TCHAP_PASSWORD: PASSWORD,
      TCHAP_CRYPTO_PASSPHRASE: PASSPHRASE,
      TCHAP_CRYPTO_FILE: file,
      RUPN_STORE: 'memory',
    };
    config = tchapConfigFromEnv(env)!;
    await startBot();
    [alice, bob] = await Promise.all([Person.start(hs, ALICE), Person.start(hs, BOB)]);
  });

  afterAll(async () => {
    alice?.stop();
    bob?.stop();
    await adapter?.stop();
    await hs?.close();
    await rm(dir, { recursive: true, force: true });
    expect(hs.unknown).toEqual([]);
    const all = logLines.join('\n');
    expect(all).not.toContain(PASSPHRASE);
    expect(all).not.toContain(PASSWORD);
    expect(logLines.map((l) => JSON.parse(l).msg).filter((m: string) => !/^[a-z]+\.[a-z_]+$/.test(m))).toEqual([]);
    if (process.env.TCHAP_TEST_LOG) process.stderr.write(logLines.filter((l) => !l.includes('"sdk"')).join('\n') + '\n');
  });

  it('validates the passphrase, and stays off without one', () => {
    const env = { TCHAP_HOMESERVER_URL: 'https://x.fr', TCHAP_USER_ID: BOT, TCHAP_PASSWORD: PASSWORD };
    expect(() => tchapConfigFromEnv({ ...env, TCHAP_CRYPTO_PASSPHRASE: 'court' })).toThrow(ConfigError);
    try {
      tchapConfigFromEnv({ ...env, TCHAP_CRYPTO_PASSPHRASE: 'court' });
    } catch (err) {
      expect(String((err as Error).message)).toMatch(/TCHAP_CRYPTO_PASSPHRASE : au moins 16 caractères/);
      expect(String((err as Error).message)).not.toContain(': court');
    }
    expect(tchapConfigFromEnv({ ...env, TCHAP_CRYPTO_PASSPHRASE: '' })?.crypto).toBeUndefined();
    expect(tchapConfigFromEnv({ ...env, TCHAP_CRYPTO_PASSPHRASE: PASSPHRASE })?.crypto).toEqual({
      file: 'data/tchap-crypto.bin',
      passphrase: PASSPHRASE,
    });
  });

  it('joins the direct conversation a person opens, says in one line what it is, and answers encrypted', async () => {
    const from = alice.received.length;
    dm = await alice.openRoom(hs, [BOT]);
    secretRooms.push(dm);
    const [welcome] = await alice.next(dm, 1, from);
    expect(welcome).toMatchObject({ sender: BOT, encrypted: true, body: TCHAP_TEXTS.welcome(ACADEMIE) });
    expect(welcome.body).not.toContain('\n');
    const [answer] = await alice.ask(dm, 'qui est le coordonnateur de Gironde ?');
    expect(answer).toContain('DELSAUX');
  });

  it('offers choices as a numbered list in an encrypted room and takes the number', async () => {
    const [menu] = await alice.ask(dm, 'qui est mon coordonnateur ?');
    expect(menu).toMatch(/1\. Dordogne \(24\)\n2\. Gironde \(33\)/);
    expect((await alice.ask(dm, '2'))[0]).toContain('DELSAUX');
  });

  it('completes a guided flow in an encrypted private room', async () => {
    const room = await alice.openRoom(hs, [BOT], false);
    secretRooms.push(room);
    const start = await alice.ask(room, 'je veux mettre en place une commission numérique', 2);
    expect(start[1]).toMatch(/Sous quelle forme[\s\S]*1\. Une commission numérique ad hoc/);
    expect((await alice.ask(room, '1'))[0]).toContain('Qui en fera partie');
    expect((await alice.ask(room, '1, 2, 6'))[0]).toContain('récapitulatif');
    const done = await alice.ask(room, 'oui', 2);
    expect(done[0]).toContain('commission numérique ad hoc');
    expect(done[1]).toContain('Ordre du jour');
  });

  it('keeps its device across a restart and reads the next message with the keys it saved', async () => {
    const device = hs.keys.devicesOf(BOT);
    await adapter.stop();
    await startBot();
    expect(hs.loginCalls).toBe(1);
    expect(hs.keys.devicesOf(BOT)).toEqual(device);
    expect(logged('tchap.crypto_resumed')).toHaveLength(1);
    // Alice's client goes on with the same Megolm session: only the saved state can read it.
    expect((await alice.ask(dm, 'qui est le coordonnateur des Landes ?'))[0]).toContain('LOCHET');
  });

  it('asks once to send again a message it cannot decrypt', async () => {
    const from = alice.received.length;
    const forged = {
      algorithm: 'm.megolm.v1.aes-sha2',
      sender_key: 'inconnue',
      session_id: 'session-inconnue',
      ciphertext: 'AwgAEn…',
      device_id: 'PHONE',
    };
    hs.push(dm, ALICE, 'm.room.encrypted', forged);
    hs.push(dm, ALICE, 'm.room.encrypted', { ...forged, ciphertext: 'AwgBEn…' });
    const [notice] = await alice.next(dm, 1, from);
    expect(notice).toMatchObject({ sender: BOT, encrypted: true, body: TCHAP_TEXTS.undecryptable });
    await hs.synced();
    await adapter.settled();
    expect(alice.received.slice(from).filter((r) => r.roomId === dm)).toHaveLength(1);
    expect(logged('tchap.undecryptable')).toHaveLength(2);
    expect((await alice.ask(dm, 'qui est le coordonnateur de Gironde ?'))[0]).toContain('DELSAUX');
  });

  it('keeps its state in one file, readable by the owner only, with no message in clear', async () => {
    const raw = (await readFile(file)).toString('latin1');
    for (const w of plainWords) expect(raw).not.toContain(w);
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('writes to a person on its own initiative in an encrypted direct conversation, opened once', async () => {
    const from = bob.received.length;
    const reminder = say('Rappel : la commission numérique se réunit demain.', [{ label: 'Merci', value: 'merci' }]);
    const result = await adapter.send({ kind: 'person', workspace: SERVER, user: BOB }, reminder);
    expect(result).toMatchObject({ status: 'delivered' });
    await bob.until(() => bob.received.length > from, 'the reminder');
    const got = bob.received[from];
    expect(got).toMatchObject({ sender: BOT, encrypted: true });
    expect(got.body).toMatch(/^Rappel : la commission numérique se réunit demain[\s\S]*1\. Merci/);
    secretRooms.push(got.roomId);
    expect(await adapter.send({ kind: 'person', workspace: SERVER, user: BOB }, say('Rappel : deuxième envoi.'))).toMatchObject({
      status: 'delivered',
    });
    const [second] = await bob.next(got.roomId, 2, from);
    expect(second.roomId).toBe(got.roomId);
    expect(await adapter.send({ kind: 'person', workspace: SERVER, user: '@eve:matrix.org' }, say('Bonjour'))).toEqual({
      status: 'refused',
      reason: TCHAP_TEXTS.personNotAllowed,
    });
  });

  it('still answers in clear in a forum, where nothing is encrypted', async () => {
    const forum = `!forum:${SERVER}`;
    hs.invite(forum, ALICE, { others: [BOB] });
    await hs.until(() => hs.isJoined(forum), 5000, 'bot joined the forum');
    await hs.synced();
    const from = hs.sent.length;
    hs.message(forum, BOB, 'coordonnateur des Landes', { 'm.mentions': { user_ids: [BOT] } });
    const reply = await hs.waitForSent((e) => e.roomId === forum, from);
    expect(reply.type).toBe('m.room.message');
    expect(String(reply.content.body)).toContain('LOCHET');
  });

  it('lets the server see only ciphertext in encrypted rooms and to-device messages', () => {
    const secret = hs.traffic.filter((e) => secretRooms.includes(e.roomId));
    expect(secret.length).toBeGreaterThan(10);
    expect(new Set(secret.map((e) => e.type))).toEqual(new Set(['m.room.encrypted']));
    const seen = JSON.stringify([secret, hs.keys.relayed]);
    for (const w of plainWords) expect(seen).not.toContain(w);
  });

  it('refuses a wrong passphrase rather than starting over', async () => {
    await adapter.stop();
    const wrong = new TchapAdapter({ ...config, crypto: { file, passphrase: 'une autre phrase de passe' } }, assistant, log, { store });
    await expect(wrong.start()).rejects.toMatchObject({ variable: 'TCHAP_CRYPTO_PASSPHRASE' });
    await wrong.stop();
  });

  it('logs in again as a new device, with a clear log line, when its state is lost', async () => {
    const [old] = hs.keys.devicesOf(BOT);
    await writeFile(file, 'abîmé'); // damaged, as good as lost
    await startBot();
    expect(logged('tchap.crypto_state_lost')).toMatchObject([{ level: 'warn', deviceId: old }]);
    expect(hs.loginCalls).toBe(2);
    // The old device is gone from the server; the new one publishes its keys once syncing.
    await hs.until(() => hs.keys.devicesOf(BOT).length > 0, 5000, 'new device keys');
    const now = hs.keys.devicesOf(BOT);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old);
    await hs.synced(5000, ALICE); // Alice's client has heard of the new device
    expect((await alice.ask(dm, 'qui est le coordonnateur de Gironde ?'))[0]).toContain('DELSAUX');
  });

  it('refuses to start on a token whose device has keys but no state here, rather than run blind', async () => {
    await adapter.stop();
    const withToken = (f: string): TchapConfig => ({
      ...config,
      accessToken: 'jeton-env',
      password: undefined,
      crypto: { file: f, passphrase: PASSPHRASE },
    });
    adapter = new TchapAdapter(withToken(join(dir, 'jeton.bin')), assistant, log, { store });
    await adapter.start(); // a first start on this device: its keys are created and published
    await hs.until(() => hs.keys.devicesOf(BOT).includes('DEV'), 5000, 'keys of the token device');
    await adapter.stop();
    const blind = new TchapAdapter(withToken(join(dir, 'autre.bin')), assistant, log, { store });
    await expect(blind.start()).rejects.toMatchObject({
      variable: 'TCHAP_ACCESS_TOKEN',
      message: expect.stringContaining('TCHAP_PASSWORD'),
    });
    await blind.stop();
  });
});
