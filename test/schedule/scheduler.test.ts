import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../adapters/slack/index.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { SCHEDULE, syncRoster, type Rooms } from '../../src/schedule/audience.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { createLogger, silentLogger } from '../../src/shared/logger.js';
import type { Adapter } from '../../src/shared/types.js';
import { emptyRecord, PEOPLE, type PersonRecord } from '../../src/state/people.js';
import { memoryStore, openStore, type StateStore } from '../../src/state/store.js';
import { testAssistant } from '../helpers/assistant.js';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));
let fake: FakeSlack;
let slack: SlackAdapter;
let n = 0;
const fresh = (p: string) => `${p}${++n}S`;

beforeAll(async () => {
  fake = await startFakeSlack();
  slack = new SlackAdapter({ mode: 'http', botToken: 'xoxb-test', signingSecret: 'x'.repeat(32), port: 0 }, testAssistant(), silentLogger, {
    apiUrl: fake.apiUrl,
    host: '127.0.0.1',
  });
  await slack.start();
});
afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

/** A clock the test moves by hand. */
function clock(start: string) {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = Date.parse(iso);
    },
    add: (ms: number) => {
      t += ms;
    },
  };
}

/** A person subscribed on Slack, as the chat step leaves them: record and roster entry. */
async function subscriber(
  store: StateStore,
  topics: string[],
  niveau: 'college' | 'lycee',
  extra: Partial<PersonRecord> = {},
): Promise<string> {
  const user = fresh('U');
  const key = `slack:${FAKE_BOT.teamId}:${user}`;
  const rec = {
    ...emptyRecord(new Date('2026-06-01')),
    profile: { niveau },
    subscriptions: topics.map((topic) => ({ topic, since: '2026-06-01T00:00:00Z' })),
    ...extra,
  };
  await store.write(PEOPLE, key, rec);
  await syncRoster(store, key, 'slack', { kind: 'person', workspace: FAKE_BOT.teamId, user }, rec, new Date('2026-06-01'));
  return user;
}

/** Posts the fake received in the DM of a user (the fake names a DM `D` + the user id without its `U`). */
const postsTo = (user: string) =>
  fake
    .replies()
    .filter((c) => c.method === 'chat.postMessage' && c.args.channel === `D${user.slice(1)}`)
    .map((c) => String(c.args.text));
const postsIn = (channel: string) => fake.replies().filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

describe('the scheduler, with the real Slack SDK against the fake', () => {
  it('a week around the 2026 rentrée: the GAR sequence and the Monday digests, each once, at their hour', async () => {
    const store = memoryStore();
    const c = clock('2026-08-28T00:00:00Z');
    const college = await subscriber(store, ['gar', 'digest'], 'college');
    const lycee = await subscriber(store, ['digest'], 'lycee');
    const done = await subscriber(store, ['gar'], 'lycee', {
      progress: { 'checklist-gar': kb.academie.gar.checklist.etapes.map((s) => s.id) },
    });
    const s = new Scheduler({ kb, store, adapters: [slack], now: c.now, sleep: async () => {} });
    const sentAt: Record<string, string[]> = {};
    for (; c.now() < new Date('2026-09-10T12:00:00Z'); c.add(15 * 60e3)) {
      const before = fake.replies().length;
      await s.run();
      for (const call of fake.replies().slice(before)) {
        const channel = String(call.args.channel);
        sentAt[channel] ??= [];
        sentAt[channel].push(c.now().toISOString().slice(0, 16));
      }
    }
    expect(postsTo(college).map((t) => t.split('\n')[0])).toEqual([
      'Le digest des RUPN (collèges), semaine du lundi 31 août',
      'GAR, étape 1 : les responsables d’affectation',
      'GAR, étape 2 : les abonnements',
      'GAR, étape 3 : affecter les ressources',
      'Le digest des RUPN (collèges), semaine du lundi 7 septembre',
      'GAR, étape 4 : dire aux collègues où sont les ressources',
      'GAR : où en êtes-vous ?',
    ]);
    expect(postsTo(college)[1]).toContain('DÉCADE');
    // drawn by the Slack renderer: links as Slack writes them
    expect(postsTo(college)[4]).toContain('<https://dane.ac-bordeaux.fr/gar/>');
    // 08:00 Paris is 06:00 UTC in September: sent on the first run at or after it
    expect(sentAt[`D${college.slice(1)}`]).toEqual([
      '2026-08-31T06:00',
      '2026-09-02T06:00',
      '2026-09-03T06:00',
      '2026-09-04T06:00',
      '2026-09-07T06:00',
      '2026-09-08T06:00',
      '2026-09-09T06:00',
    ]);
    expect(postsTo(lycee)).toHaveLength(2);
    expect(postsTo(done).map((t) => t.split('\n')[0])).not.toContain('GAR : où en êtes-vous ?');
    expect(postsTo(done)[0]).toContain('RESP-AFFECT-GAR');
  });

  it('the October change of hour neither doubles nor drops a send (a reminder in the doubled hour, one at 08:00 after it)', async () => {
    const store = memoryStore();
    const c = clock('2026-10-24T00:00:00Z');
    const user = await subscriber(store, [], 'college', {
      reminders: [
        { id: 'r1', kind: 'cafe-numerique', due: '2026-10-25T00:30:00.000Z', text: 'Rappel à 2 h 30, heure d’été', conversation: 'c' },
        { id: 'r2', kind: 'cafe-numerique', due: '2026-10-26T07:00:00.000Z', text: 'Café numérique demain à 12h30', conversation: 'c' },
      ],
    });
    const s = new Scheduler({ kb, store, adapters: [slack], now: c.now, sleep: async () => {} });
    for (; c.now() < new Date('2026-10-27T00:00:00Z'); c.add(5 * 60e3)) await s.run();
    expect(postsTo(user).map((t) => t.split('\n').pop())).toEqual(['Rappel à 2 h 30, heure d’été', 'Café numérique demain à 12h30']);
  });

  it('a restart across a due slot sends it once; a slot missed by more than the tolerance is skipped and logged once', async () => {
    const store = memoryStore();
    const logs: string[] = [];
    const log = createLogger('info', 'rupn', (l) => logs.push(l));
    const user = await subscriber(store, ['gar'], 'college');
    const c = clock('2026-09-02T05:55:00Z');
    await new Scheduler({ kb, store, adapters: [slack], now: c.now }).run(); // 07:55: nothing yet; then the process stops
    expect(postsTo(user)).toHaveLength(0);
    c.set('2026-09-02T09:40:00Z'); // back at 11:40: the 08:00 reminder is 3 h 40 late, within 12 h
    await new Scheduler({ kb, store, adapters: [slack], now: c.now, logger: log }).run();
    c.add(5 * 60e3);
    await new Scheduler({ kb, store, adapters: [slack], now: c.now, logger: log }).run();
    expect(postsTo(user).map((t) => t.split('\n')[0])).toEqual(['GAR, étape 1 : les responsables d’affectation']);
    // down from Wednesday noon to Friday 20:00: Thursday's 08:00 is 36 h late, Friday's 12 h 00 + 2 min late
    c.set('2026-09-04T18:02:00Z');
    await new Scheduler({ kb, store, adapters: [slack], now: c.now, logger: log }).run();
    await new Scheduler({ kb, store, adapters: [slack], now: c.now, logger: log }).run();
    expect(postsTo(user)).toHaveLength(1);
    const skipped = logs.filter((l) => l.includes('schedule.skipped_late')).map((l) => JSON.parse(l).slot as string);
    expect(skipped).toEqual(['gar-abonnements:2026-09-03', 'gar-affectations:2026-09-04']);
  });

  it('a permanent refusal is recorded and not retried; after three in a row the recipient is left out', async () => {
    const store = memoryStore();
    const channel = fresh('C');
    fake.fail(channel, { error: 'channel_not_found' });
    const rooms: Rooms = {
      r: {
        platform: 'slack',
        address: { kind: 'room', workspace: FAKE_BOT.teamId, room: channel },
        topics: ['gar'],
        by: 'UADMIN',
        since: '2026-06-01',
      },
    };
    await store.write(SCHEDULE, 'rooms', rooms);
    const c = clock('2026-09-02T06:00:00Z');
    const sleeps: number[] = [];
    const s = new Scheduler({ kb, store, adapters: [slack], now: c.now, sleep: async (ms) => void sleeps.push(ms) });
    for (; c.now() < new Date('2026-09-10T00:00:00Z'); c.add(3600e3)) await s.run();
    // five GAR reminders were due; three refusals, then the room is no longer tried
    expect(postsIn(channel)).toHaveLength(3);
    expect(sleeps).toEqual([]);
  });
});

describe('durable and exactly once', () => {
  it('a crash in the middle of a 500-room broadcast: the restart resumes, each room gets the reminder once', async () => {
    // on tmpfs when there is one: the same SQLite file semantics, without waiting on the disk's fsync
    const dir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'sched-'));
    const url = `sqlite://${path.join(dir, 'state.sqlite')}`;
    const first = await openStore(url);
    const channels = Array.from({ length: 500 }, () => fresh('C'));
    const rooms: Rooms = Object.fromEntries(
      channels.map((ch) => [
        ch,
        {
          platform: 'slack',
          address: { kind: 'room' as const, workspace: FAKE_BOT.teamId, room: ch },
          topics: ['gar'],
          by: 'UADMIN',
          since: '2026-06-01',
        },
      ]),
    );
    await first.write(SCHEDULE, 'rooms', rooms);
    const c = clock('2026-09-02T06:00:00Z');
    let calls = 0;
    // the process dies after its 200th message reached Slack, before writing it down
    const dying: Adapter = {
      name: 'slack',
      start: async () => {},
      stop: async () => {},
      send: async (a, m) => {
        const r = await slack.send(a, m);
        if (++calls === 200) await new Promise(() => {});
        return r;
      },
    };
    void new Scheduler({ kb, store: first, adapters: [dying], now: c.now }).run();
    while (calls < 200) await new Promise((r) => setTimeout(r, 10));
    // the process is gone: its file lock with it (one writer per SQLite file), its last write never made
    await first.close();
    const second = await openStore(url); // the restarted process: same file, fresh locks
    c.add(5 * 60e3);
    const report = await new Scheduler({ kb, store: second, adapters: [slack], now: c.now }).run();
    // the 200th reached Slack but was not written down: it is not sent again
    expect(report).toMatchObject({ delivered: 300, uncertain: 1 });
    for (const ch of channels) expect(postsIn(ch)).toHaveLength(1);
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
