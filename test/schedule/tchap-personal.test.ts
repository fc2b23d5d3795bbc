import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tchapConfigFromEnv } from '../../adapters/tchap/config.js';
import { TchapAdapter } from '../../adapters/tchap/index.js';
import { createAssistant } from '../../src/app.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { S } from '../../src/schedule/texts.js';
import { silentLogger } from '../../src/shared/logger.js';
import { RateLimiter } from '../../src/shared/rate-limit.js';
import { memoryStore } from '../../src/state/store.js';
import { FakeHomeserver } from '../helpers/fake-matrix.js';
import { Person } from '../helpers/matrix-person.js';

/**
 * Personal sends on Tchap: the bot with its Rust crypto module, Alice played
 * by a second real matrix-js-sdk client with Rust crypto, on the loopback
 * fake homeserver; the clock is injected into the assistant and the scheduler.
 */

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));
const SERVER = 'agent.education.tchap.gouv.fr';
const BOT = `@rupn-bot-ac-bordeaux.fr:${SERVER}`;
const ALICE = `@alice:${SERVER}`;
const PASSWORD = 'mot-de-passe-du-bot';

describe('digest and promised reminders in a Tchap person’s encrypted direct conversation', () => {
  let hs: FakeHomeserver;
  let dir: string;
  let bot: TchapAdapter;
  let alice: Person;
  let dm: string;
  let t = Date.parse('2026-09-01T08:00:00Z');
  const now = () => new Date(t);
  const store = memoryStore();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rupn-tchap-personal-'));
    hs = await new FakeHomeserver({ botUserId: BOT, password: PASSWORD, tokens: [] }).listen();
    const config = tchapConfigFromEnv({
      TCHAP_HOMESERVER_URL: hs.url,
      TCHAP_USER_ID: BOT,
      TCHAP_PASSWORD: PASSWORD,
      TCHAP_CRYPTO_PASSPHRASE: 'une phrase de passe assez longue',
      TCHAP_CRYPTO_FILE: join(dir, 'crypto.bin'),
      RUPN_STORE: 'memory',
    })!;
    bot = new TchapAdapter(config, createAssistant(store, { kb, now }), silentLogger, {
      store: memoryStore(),
      pollTimeout: 1000,
      rateLimiter: new RateLimiter(100, 100),
      roomWaitMs: 1500,
    });
    await bot.start();
    alice = await Person.start(hs, ALICE);
    dm = await alice.openRoom(hs, [BOT]);
    await alice.next(dm, 1, 0); // the welcome line
  }, 30_000);

  afterAll(async () => {
    alice?.stop();
    await bot?.stop();
    await hs?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Alice writes a line in her DM; resolves with every reply the bot wrote to it, as she decrypted them. */
  async function say(text: string): Promise<string[]> {
    const from = alice.received.length;
    await alice.say(dm, text);
    await hs.synced();
    await bot.settled();
    const sent = hs.sent.filter((e) => e.roomId === dm).length;
    const had = alice.received.slice(0, from).filter((r) => r.roomId === dm).length;
    await alice.until(() => alice.received.filter((r) => r.roomId === dm).length >= sent, 'the replies');
    expect(sent).toBeGreaterThan(had);
    return alice.received.slice(from).map((r) => r.body);
  }

  it('Alice subscribes and plans a café with a reminder in her encrypted DM: both are promised', async () => {
    expect((await say('abonne-moi au digest')).join('\n')).toContain(S.askNiveau);
    expect((await say('1')).join('\n')).toMatch(/^C’est noté : vous recevrez le digest hebdomadaire/);
    for (const line of ['organiser un café numérique', 'Créer un parcours Pix Orga', '15/10/2026', '12h30', 'CDI']) await say(line);
    expect((await say('Claire')).join('\n')).toContain('Voulez-vous que je vous le rappelle la veille ?');
    expect((await say('oui')).join('\n')).toContain('Rappel la veille : Oui');
    expect((await say('oui')).join('\n')).toContain('C’est noté : je vous le rappellerai la veille, le mercredi 14 octobre 2026.');
  }, 60_000);

  it('the Monday digest and the café reminder arrive there, encrypted, once each', async () => {
    const scheduler = new Scheduler({ kb, store, adapters: [bot], now, sleep: async () => {} });
    const from = alice.received.length;
    t = Date.parse('2026-09-07T06:00:00Z'); // Monday 7 September, 08:00 in Paris
    expect(await scheduler.run()).toMatchObject({ delivered: 1, refused: 0 });
    const [digest] = await alice.next(dm, 1, from);
    expect(digest).toMatchObject({ sender: BOT, encrypted: true });
    expect(digest.body.split('\n')[0]).toBe('Le digest des RUPN (collèges), semaine du lundi 7 septembre');
    expect(await scheduler.run()).toMatchObject({ delivered: 0 });

    t = Date.parse('2026-10-14T06:00:00Z'); // the day before the café, 08:00
    expect(await scheduler.run(['personnel'])).toMatchObject({ delivered: 1 });
    const [, reminder] = await alice.next(dm, 2, from);
    expect(reminder).toMatchObject({ sender: BOT, encrypted: true });
    expect(reminder.body).toContain('Café numérique demain (jeudi 15 octobre 2026) à 12h30, CDI : Créer un parcours Pix Orga');
    // nothing in clear in her DM: the server saw ciphertext only
    const inDm = hs.traffic.filter((e) => e.roomId === dm);
    expect(new Set(inDm.map((e) => e.type))).toEqual(new Set(['m.room.encrypted']));
    expect(JSON.stringify(inDm)).not.toContain('Café numérique');
  }, 30_000);
});

describe('without the encryption module', () => {
  it('in a forum, subscribing and the café say that nothing personal can be sent here; a send to the person is refused', async () => {
    const hs = await new FakeHomeserver({ botUserId: BOT, password: PASSWORD, tokens: [] }).listen();
    const store = memoryStore();
    const config = tchapConfigFromEnv({
      TCHAP_HOMESERVER_URL: hs.url,
      TCHAP_USER_ID: BOT,
      TCHAP_PASSWORD: PASSWORD,
      RUPN_STORE: 'memory',
    })!;
    const bot = new TchapAdapter(config, createAssistant(store, { kb, now: () => new Date('2026-10-01T08:00:00Z') }), silentLogger, {
      store: memoryStore(),
      pollTimeout: 1000,
      rateLimiter: new RateLimiter(100, 100),
    });
    await bot.start();
    try {
      const forum = `!forum:${SERVER}`;
      hs.invite(forum, ALICE, { others: [`@bob:${SERVER}`] });
      await hs.until(() => hs.isJoined(forum), 5000, 'bot joined the forum');
      await hs.synced();
      /** Alice writes to the bot in the forum; resolves with every reply. */
      const ask = async (text: string) => {
        const from = hs.sent.length;
        hs.message(forum, ALICE, text, { 'm.mentions': { user_ids: [BOT] } });
        await hs.waitForSent((e) => e.roomId === forum && e.type === 'm.room.message', from);
        await hs.synced();
        await bot.settled();
        return hs.sent
          .slice(from)
          .filter((e) => e.roomId === forum && e.type === 'm.room.message')
          .map((e) => String(e.content.body))
          .join('\n');
      };
      expect(await ask('abonne-moi au digest')).toBe(S.cannotWriteFirst);
      for (const line of ['organiser un café numérique', 'Créer un parcours Pix Orga', '15/10/2026', '12h30', 'CDI']) await ask(line);
      // no « voulez-vous que je vous le rappelle ? »: straight to the summary
      const summary = await ask('Claire');
      expect(summary).toMatch(/récapitulatif/i);
      expect(summary).not.toContain('rappelle');
      const done = await ask('oui');
      expect(done).toContain('Voici l’annonce');
      expect(done).toContain('Je ne peux pas vous envoyer de rappel ici');
      expect(done).not.toContain('rappellerai');
      expect(
        await bot.send({ kind: 'person', workspace: SERVER, user: ALICE }, { blocks: [{ type: 'paragraph', text: 'x' }] }),
      ).toMatchObject({
        status: 'refused',
      });
    } finally {
      await bot.stop();
      await hs.close();
    }
  }, 30_000);
});
