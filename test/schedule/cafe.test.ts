import { PassThrough } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../adapters/console/index.js';
import { SlackAdapter } from '../../adapters/slack/index.js';
import { createAssistant } from '../../src/app.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Adapter } from '../../src/shared/types.js';
import { memoryStore } from '../../src/state/store.js';
import { play, testAssistant } from '../helpers/assistant.js';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { DiscordAdapter } from '../../adapters/discord/index.js';
import { APP_ID, FakeDiscord, GUILD_ID, TOKEN, type RecordedRequest } from '../helpers/fake-discord.js';

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));

/** Plans a café numérique on Thursday 15 October 2026 with a reminder, as `who`, on 1 October. */
async function planCafe(store: ReturnType<typeof memoryStore>, who: { platform: string; workspace: string; user: string }) {
  const a = createAssistant(store, { kb, now: () => new Date('2026-10-01T10:00:00Z') });
  await play(
    a,
    `
    user> organiser un café numérique
    user> Créer un parcours Pix Orga
    user> 15/10/2026
    user> 12h30
    user> CDI
    user> Claire
    user> oui
    user> oui
    bot> rappellerai la veille, le mercredi 14 octobre 2026
    `,
    { ...who, conversation: 'c1' },
  );
}

/** Runs a scheduler every half hour from the 13th to the 16th; returns the (injected) times at which it sent. */
async function runDays(store: ReturnType<typeof memoryStore>, adapter: Adapter): Promise<string[]> {
  let t = Date.parse('2026-10-13T00:00:00Z');
  const sent: string[] = [];
  const timed: Adapter = {
    name: adapter.name,
    start: async () => {},
    stop: async () => {},
    send: (a, m) => {
      sent.push(new Date(t).toISOString());
      return adapter.send(a, m);
    },
  };
  const s = new Scheduler({ kb, store, adapters: [timed], now: () => new Date(t), sleep: async () => {} });
  for (; t < Date.parse('2026-10-16T00:00:00Z'); t += 30 * 60e3) await s.run(['personnel']);
  return sent;
}

describe('the café numérique reminder promised by the flow', () => {
  let fake: FakeSlack;
  let slack: SlackAdapter;
  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = new SlackAdapter(
      { mode: 'http', botToken: 'xoxb-test', signingSecret: 'x'.repeat(32), port: 0 },
      testAssistant(),
      silentLogger,
      { apiUrl: fake.apiUrl, host: '127.0.0.1' },
    );
    await slack.start();
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
  });

  it('arrives on Slack the day before at 08:00, once', async () => {
    const store = memoryStore();
    await planCafe(store, { platform: 'slack', workspace: FAKE_BOT.teamId, user: 'UCAFE' });
    const sent = await runDays(store, slack);
    const posts = fake.replies().filter((c) => c.args.channel === 'DCAFE');
    expect(posts.map((c) => String(c.args.text))).toEqual([
      expect.stringContaining('Café numérique demain (jeudi 15 octobre 2026) à 12h30, CDI : Créer un parcours Pix Orga'),
    ]);
    // 08:00 in Paris on the 14th is 06:00 UTC
    expect(sent).toEqual(['2026-10-14T06:00:00.000Z']);
  });

  it('arrives in the console the day before', async () => {
    const store = memoryStore();
    await planCafe(store, { platform: 'console', workspace: '-', user: 'local' });
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString()));
    const console = new ConsoleAdapter(testAssistant(), { academie: 'l’académie de Bordeaux', input: new PassThrough(), output });
    expect(await runDays(store, console)).toEqual(['2026-10-14T06:00:00.000Z']);
    expect(printed).toContain('Rappel : votre café numérique');
    expect(printed.match(/Café numérique demain \(jeudi 15 octobre 2026\)/g)).toHaveLength(1);
  });
});

describe('the café numérique reminder on Discord (real SDK, fake server; Tchap: tchap-personal.test.ts)', () => {
  it('arrives in the Discord DM the day before', async () => {
    const fake = await FakeDiscord.start();
    const discord = new DiscordAdapter({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID }, testAssistant(), silentLogger, {
      rest: { api: fake.api, retries: 0, timeout: 3000 },
      store: memoryStore(),
      academie: 'l’académie de Bordeaux',
    });
    await discord.start();
    try {
      const store = memoryStore();
      const who = '900000000000000777';
      await planCafe(store, { platform: 'discord', workspace: GUILD_ID, user: who });
      expect(await runDays(store, discord)).toEqual(['2026-10-14T06:00:00.000Z']);
      const channel = fake.dmChannels.get(who)!;
      const posts = fake.requests.filter((r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);
      expect(posts.map((p) => p.body.content)).toEqual([expect.stringContaining('Café numérique demain (jeudi 15 octobre 2026) à 12h30')]);
    } finally {
      await discord.stop();
      await fake.close();
    }
  }, 30_000);
});
