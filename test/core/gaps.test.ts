import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAssistant, type AssistantSetup } from '../../src/app.js';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { baseEnvSchema, parseEnv } from '../../src/shared/config.js';
import { replyText } from '../../src/shared/text.js';
import { dayOf, GAP_MAX_PER_DAY, GAPS, readGaps, recordGap, type GapDay } from '../../src/state/gaps.js';
import { memoryStore, openStore, type StateStore } from '../../src/state/store.js';
import { hasRedis, startRedis } from '../helpers/redis.js';

const kb = loadKnowledge(knowledgeDir());
const DAY = 86_400_000;
const assistant = (store: StateStore, setup: AssistantSetup = {}) => createAssistant(store, { kb, ...setup });
let n = 0;
const send = (a: ReturnType<typeof assistant>, text: string, user = `u${++n}`) =>
  a.handle({ platform: 'slack', workspace: 'T0PRIVATE', user, conversation: 'C0SECRET', text });
const recorded = async (store: StateStore, now = new Date()) => (await readGaps(store, now)).flatMap((d) => d.items);

/** A question the pack cannot answer, full of what identifies its author. */
const IDENTIFYING =
  'C’est Marie Dupont du collège Jean Moulin (UAI 0331234A) : les résultats du loto de la kermesse ? Écrivez à marie.dupont@ac-bordeaux.fr ou au 06 12 34 56 78, https://perso.example.org/marie';

describe('unanswered questions, kept for the DANE without who asked', () => {
  it('stores neither the person, the platform ids, the time nor what identifies them in the text', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-gaps-')), 'state.sqlite');
    const store = await openStore(`sqlite://${file}`);
    const a = assistant(store);
    const user = 'alice-martin-U07SECRET';
    expect((await send(a, 'je suis RUPN dans un collège', user)).intent).toBe('profile.update');
    const r = await send(a, IDENTIFYING, user);
    expect(r.intent).toMatch(/^fallback/);
    const days = await readGaps(store, new Date());
    const raw = JSON.stringify(await store.read<GapDay>(GAPS, dayOf(new Date())));
    await store.close();
    expect(days).toHaveLength(1);
    expect(days[0].items).toHaveLength(1);
    const item = days[0].items[0];
    expect(item.text).toContain('résultats du loto');
    expect(item.niveau).toBe('college');
    for (const secret of [
      user,
      'U07SECRET',
      'T0PRIVATE',
      'C0SECRET',
      'slack',
      'Marie',
      'Dupont',
      'Moulin',
      'marie.dupont',
      'ac-bordeaux',
      '0331234',
      '06 12',
      '12 34',
      'perso.example',
    ]) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).not.toMatch(/\d{2}:\d{2}/); // no time of day
    // the whole file: the text of the message is nowhere else either
    const bytes = fs.readFileSync(file).toString('utf8');
    expect(bytes).toContain('résultats du loto'); // the record is there, in scrubbed form
    for (const secret of ['marie.dupont', '06 12 34 56 78', '0331234A', 'Dupont', 'perso.example']) expect(bytes).not.toContain(secret);
  });

  it('records a menu with its first suggestion as the nearest entry, and counts it again', async () => {
    const store = memoryStore();
    const a = assistant(store);
    const r = await send(a, 'formation');
    expect(r.intent).toBe('fallback.suggest');
    await send(a, 'formation');
    const first = r.messages[0].choices?.[0]?.value;
    expect(await recorded(store)).toEqual([{ text: 'formation', nearest: first, kind: 'menu', count: 2 }]);
  });

  it('records an out-of-scope question with no entry near it', async () => {
    const store = memoryStore();
    const r = await send(assistant(store), 'les résultats du loto');
    expect(r.intent).toBe('fallback');
    expect(await recorded(store)).toEqual([{ text: 'les résultats du loto', nearest: null, kind: 'out-of-scope', count: 1 }]);
  });

  it('records nothing for a knowledge answer, small talk or a privacy request', async () => {
    const store = memoryStore();
    const a = assistant(store);
    expect((await send(a, 'qui est le coordonnateur de la Gironde ?')).intent).toBe('kb.answer');
    expect((await send(a, 'merci, bonne journée')).intent).toBe('smalltalk.thanks');
    expect((await send(a, 'mes données')).intent).toBe('privacy.show');
    expect(await recorded(store)).toEqual([]);
  });

  describe('RUPN_RECORD_UNANSWERED=false', () => {
    afterEach(() => void vi.unstubAllEnvs());

    it('records nothing, and « mes données » and « aide » no longer speak of it', async () => {
      vi.stubEnv('RUPN_RECORD_UNANSWERED', 'false');
      const store = memoryStore();
      const a = assistant(store);
      expect((await send(a, 'formation')).intent).toBe('fallback.suggest');
      expect((await send(a, 'les résultats du loto')).intent).toBe('fallback');
      expect(await recorded(store)).toEqual([]);
      expect(replyText(await send(a, 'mes données'))).not.toMatch(/90 jours/);
      expect(replyText(await send(a, 'aide'))).not.toMatch(/90 jours/);
    });

    it('is validated: a wrong value names the variable', () => {
      expect(() => parseEnv(baseEnvSchema, { RUPN_RECORD_UNANSWERED: 'peut-être' })).toThrow(
        /RUPN_RECORD_UNANSWERED : attendu : true ou false/,
      );
      expect(parseEnv(baseEnvSchema, {}).RUPN_RECORD_UNANSWERED).toBe(true);
    });
  });

  it('« mes données » and « aide » say that unanswered questions are kept 90 days, without who asked, and how to turn it off', async () => {
    const a = assistant(memoryStore());
    for (const text of ['mes données', 'aide']) {
      const reply = replyText(await send(a, text));
      expect(reply).toMatch(/questions auxquelles je n’ai pas su répondre sont gardées 90 jours, sans rien qui dise qui les a posées/);
      expect(reply).toContain('RUPN_RECORD_UNANSWERED=false');
    }
  });

  it('lists only the last 90 days (the assistant’s clock)', async () => {
    const store = memoryStore();
    const now = Date.now();
    await send(assistant(store, { now: () => new Date(now - 100 * DAY) }), 'les résultats du loto');
    await send(assistant(store, { now: () => new Date(now - 89 * DAY) }), 'formation');
    expect((await recorded(store, new Date(now))).map((i) => i.text)).toEqual(['formation']);
    expect((await recorded(store, new Date(now - 95 * DAY))).map((i) => i.text)).toEqual(['les résultats du loto']);
  });

  it('keeps at most a bounded number of different questions a day, and counts the rest', async () => {
    const store = memoryStore();
    const now = new Date();
    for (let i = 0; i <= GAP_MAX_PER_DAY; i++) await recordGap(store, now, { text: `question ${i}`, nearest: null, kind: 'fallback' });
    const [day] = await readGaps(store, now);
    expect(day.items).toHaveLength(GAP_MAX_PER_DAY);
    expect(day.dropped).toBe(1);
  });

  it('loses nothing when many people fall back at once', async () => {
    const store = memoryStore();
    const a = assistant(store);
    await Promise.all(Array.from({ length: 12 }, () => send(a, 'les résultats du loto')));
    expect((await recorded(store))[0].count).toBe(12);
  });
});

describe.runIf(hasRedis)('unanswered questions on Redis, shared by several instances', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
  }, 10_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('counts the questions of two instances in one record', async () => {
    const stores = [await openStore(redis.url), await openStore(redis.url)];
    const [a, b] = stores.map((s) => assistant(s));
    await Promise.all([...Array.from({ length: 5 }, () => send(a, 'formation')), ...Array.from({ length: 5 }, () => send(b, 'formation'))]);
    expect((await recorded(stores[0]))[0].count).toBe(10);
    await Promise.all(stores.map((s) => s.close()));
  });
});
