import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../adapters/console/index.js';
import { DiscordAdapter } from '../../adapters/discord/index.js';
import { tchapConfigFromEnv } from '../../adapters/tchap/config.js';
import { TchapAdapter } from '../../adapters/tchap/index.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { composeDigest, digestMessage } from '../../src/schedule/digest.js';
import { readNewsFiles } from '../../src/schedule/news.js';
import { splitLinks } from '../../src/shared/links.js';
import { silentLogger } from '../../src/shared/logger.js';
import { messageToText } from '../../src/shared/text.js';
import { memoryStore } from '../../src/state/store.js';
import { testAssistant } from '../helpers/assistant.js';
import { APP_ID, FakeDiscord, GUILD_CHANNEL_ID, GUILD_ID, TOKEN } from '../helpers/fake-discord.js';
import { FakeHomeserver } from '../helpers/fake-matrix.js';

/**
 * The weekly digest as a RUPN sees it on each platform: sent through the real
 * SDKs to the fakes, read back from what the fake server received.
 */

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));
const digest = composeDigest(kb, '2026-09-07', 'college', {
  news: readNewsFiles(kb.dir),
  counts: { 'gar.presentation': 5, 'pix.certification': 3 },
});
const message = digestMessage(digest);
const plain = messageToText(message);
const urls = [...new Set(splitLinks(plain).flatMap((s) => (s.kind === 'url' ? [s.text] : [])))];

it('the digest of the week of 7 September 2026 has its parts and its links', () => {
  expect(plain.split('\n')[0]).toBe('Le digest des RUPN (collèges), semaine du lundi 7 septembre');
  for (const part of ['Cette semaine', 'La semaine prochaine', 'Actualités', 'Le saviez-vous ?', 'Les questions les plus posées'])
    expect(plain).toContain(part);
  expect(urls).toEqual(expect.arrayContaining(['https://dane.ac-bordeaux.fr/gar/', 'https://dane.ac-bordeaux.fr/webinaires/']));
});

describe('Discord (real discord.js, fake Discord)', () => {
  let fake: FakeDiscord;
  let discord: DiscordAdapter;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    discord = new DiscordAdapter({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID }, testAssistant(), silentLogger, {
      rest: { api: fake.api, retries: 0, timeout: 3000 },
      store: memoryStore(),
      academie: 'l’académie de Bordeaux',
    });
    await discord.start();
  }, 15_000);
  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
  });

  it('markdown with bold headings, « - » lists and every link clickable (<https://…>), no ping', async () => {
    const from = fake.requests.length;
    expect(await discord.send({ kind: 'room', workspace: GUILD_ID, room: GUILD_CHANNEL_ID }, message)).toMatchObject({
      status: 'delivered',
    });
    const posts = fake.requests.slice(from).filter((r) => r.method === 'POST' && r.path === `/channels/${GUILD_CHANNEL_ID}/messages`);
    expect(posts).toHaveLength(1);
    const content = String(posts[0].body.content);
    expect(content.split('\n')[0]).toBe('**Le digest des RUPN (collèges), semaine du lundi 7 septembre**');
    expect(content).toContain('\n**Cette semaine**\n\n- mardi 8 septembre — GAR, étape 4 : dire aux collègues');
    expect(content).toContain('(<https://dane.ac-bordeaux.fr/gar/>)');
    // each link whole, between < >: Discord makes it clickable and unfolds no preview
    for (const url of urls) expect(content).toContain(`<${url}>`);
    expect(content.replace(/<https?:\/\/[^>]+>/g, '')).not.toMatch(/https?:\/\//);
    expect(posts[0].body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('Matrix / Tchap (real matrix-js-sdk, fake homeserver)', () => {
  const SERVER = 'agent.education.tchap.gouv.fr';
  const BOT = `@rupn-bot:${SERVER}`;
  const ROOM = `!digest-33:${SERVER}`;
  let hs: FakeHomeserver;
  let tchap: TchapAdapter;
  beforeAll(async () => {
    hs = await new FakeHomeserver({ botUserId: BOT, password: 'mdp-du-bot', tokens: [] }).listen();
    tchap = new TchapAdapter(
      tchapConfigFromEnv({ TCHAP_HOMESERVER_URL: hs.url, TCHAP_USER_ID: BOT, TCHAP_PASSWORD: 'mdp-du-bot', RUPN_STORE: 'memory' })!,
      testAssistant(),
      silentLogger,
      { store: memoryStore(), pollTimeout: 1000 },
    );
    await tchap.start();
    hs.invite(ROOM, `@alice:${SERVER}`, { others: [`@bob:${SERVER}`] });
    await hs.synced();
    await tchap.settled();
    await hs.synced();
  }, 15_000);
  afterAll(async () => {
    await tchap?.stop();
    await hs?.close();
  });

  it('HTML with <h4> headings, <ul> lists and <a href> links; the plain body keeps every URL', async () => {
    const from = hs.sent.length;
    expect(await tchap.send({ kind: 'room', workspace: SERVER, room: ROOM }, message)).toMatchObject({ status: 'delivered' });
    const sent = hs.sent.slice(from).filter((e) => e.roomId === ROOM && e.type === 'm.room.message');
    expect(sent).toHaveLength(1);
    const c = sent[0].content;
    expect(c.format).toBe('org.matrix.custom.html');
    const html = String(c.formatted_body);
    expect(html.startsWith('<h4>Le digest des RUPN (collèges), semaine du lundi 7 septembre</h4>')).toBe(true);
    expect(html).toContain(
      '<h4>Cette semaine</h4><ul><li>mardi 8 septembre — GAR, étape 4 : dire aux collègues où sont les ressources (<a href="https://dane.ac-bordeaux.fr/gar/">https://dane.ac-bordeaux.fr/gar/</a>)</li></ul>',
    );
    for (const url of urls) expect(html).toContain(`<a href="${url}">${url}</a>`);
    expect(c.body).toBe(plain);
    expect(c['m.mentions']).toEqual({});
  });
});

it('the console prints the plain text, every link whole', async () => {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString()));
  const console = new ConsoleAdapter(testAssistant(), { academie: 'l’académie de Bordeaux', input: new PassThrough(), output });
  expect(await console.send({ kind: 'person', workspace: '-', user: 'local' }, message)).toMatchObject({ status: 'delivered' });
  expect(printed).toContain('Le digest des RUPN (collèges), semaine du lundi 7 septembre');
  expect(printed).toMatch(/Cette semaine\n+ *- mardi 8 septembre — GAR, étape 4/);
  for (const url of urls) expect(printed).toContain(url);
});
