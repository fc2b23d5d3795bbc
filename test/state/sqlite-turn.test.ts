import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { openStore, type StateStore } from '../../src/state/store.js';
import { ActivityCounter, readActivity } from '../../src/state/activity.js';
import { updateKey } from '../../src/state/update.js';
import { play } from '../helpers/assistant.js';

const file = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-turn-')), 'rupn.sqlite');
const open: StateStore[] = [];
const sqlite = async (f: string) => {
  const s = await openStore(`sqlite://${f}`);
  open.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('SQLite: one transaction per turn', () => {
  it('a turn reads back what it wrote; others see it only once committed, all of it at once', async () => {
    const s = await sqlite(file());
    await s.write('people', 'p', { v: 0 });
    const tx = s.transaction!();
    await tx.run(async () => {
      await s.write('people', 'p', { v: 1 });
      await s.write('recent', 'p', { topic: 'dpd' });
      await s.delete('people', 'autre');
      expect(await s.read('people', 'p')).toEqual({ v: 1 });
    });
    expect(await s.read('people', 'p')).toEqual({ v: 0 });
    expect(await s.read('recent', 'p')).toBeUndefined();
    await tx.commit();
    expect(await s.read('people', 'p')).toEqual({ v: 1 });
    expect(await s.read('recent', 'p')).toEqual({ topic: 'dpd' });
  });

  it('a turn that never ends (a crash mid-turn) leaves the previous state in the file', async () => {
    const f = file();
    const s = await sqlite(f);
    await s.write('people', 'p', { step: 'avant' });
    await s.transaction!().run(async () => {
      await s.write('people', 'p', { step: 'pendant' });
      await s.write('schedule', 'roster', { p: true });
    });
    await s.close();
    open.length = 0;
    const again = await sqlite(f);
    expect(await again.read('people', 'p')).toEqual({ step: 'avant' });
    expect(await again.read('schedule', 'roster')).toBeUndefined();
  });

  it('shared keys updated by many turns at once lose no update, committed in any order', async () => {
    const s = await sqlite(file());
    const turns = Array.from({ length: 40 }, () => s.transaction!());
    await Promise.all(
      turns.map((tx) => tx.run(() => updateKey<{ n: number }>(s, 'schedule', 'compte', { n: 0 }, (c) => ({ n: c.n + 1 })))),
    );
    for (const tx of turns.reverse()) await tx.commit();
    expect(await s.read('schedule', 'compte')).toEqual({ n: 40 });
  });

  it('turns that end at once land together, in the order they ended, as if one after the other', async () => {
    const s = await sqlite(file());
    let statements = 0;
    const run = sqlite3.Statement.prototype.run;
    // biome-ignore lint/suspicious/noExplicitAny: counting calls of the driver's own method
    (sqlite3.Statement.prototype as any).run = function (...args: unknown[]) {
      statements++;
      return (run as (...a: unknown[]) => unknown).apply(this, args);
    };
    try {
      const turns = Array.from({ length: 30 }, () => s.transaction!());
      await Promise.all(
        turns.map((tx, i) =>
          tx.run(async () => {
            await updateKey<{ seen: number[] }>(s, 'schedule', 'ordre', { seen: [] }, (c) => ({ seen: [...c.seen, i] }));
            // turn 10 writes the key outright: the turns after it add to what it wrote
            if (i === 10) await s.write('schedule', 'ordre', { seen: [-1] });
            await s.write('people', `p${i % 3}`, { last: i });
          }),
        ),
      );
      await Promise.all(turns.map((tx) => tx.commit()));
      expect(await s.read('schedule', 'ordre')).toEqual({ seen: [-1, ...Array.from({ length: 19 }, (_, j) => j + 11)] });
      expect(await s.read('people', 'p0')).toEqual({ last: 27 });
      expect(await s.read('people', 'p2')).toEqual({ last: 29 });
      // 30 turns, not 30 transactions
      expect(statements).toBeLessThanOrEqual(4);
    } finally {
      sqlite3.Statement.prototype.run = run;
    }
  });

  it('the day’s activity counts every turn, even when turns commit out of order', async () => {
    const s = await sqlite(file());
    const counter = new ActivityCounter(s);
    const now = new Date('2027-03-09T10:00:00Z');
    const [first, second] = [s.transaction!(), s.transaction!()];
    await first.run(() => counter.count(now, { outcome: 'answered', platform: 'test' }));
    await second.run(() => counter.count(now, { outcome: 'menu', platform: 'test' }));
    await second.commit();
    await first.commit();
    const [day] = await readActivity(s, now, 1);
    expect(day.turns).toMatchObject({ answered: 1, menu: 1 });
  });

  it('a value past its time to live is gone, even when it was just read', async () => {
    const s = await sqlite(file());
    await s.write('recent', 'p', { topic: 'dpd' }, 20);
    expect(await s.read('recent', 'p')).toEqual({ topic: 'dpd' });
    await new Promise((r) => setTimeout(r, 40));
    expect(await s.read('recent', 'p')).toBeUndefined();
  });

  it('a conversation costs about one statement per turn, not one per store call', async () => {
    const s = await sqlite(file());
    const a = createAssistant(s);
    const who = { platform: 'test', workspace: 'w', user: 'compte' };
    await play(a, 'user> je suis RUPN dans un lycée des Landes', who);
    let statements = 0;
    const methods = ['run', 'get', 'all', 'each'] as const;
    const saved = methods.map((m) => [m, sqlite3.Statement.prototype[m], sqlite3.Database.prototype[m]] as const);
    for (const [m, st, db] of saved) {
      // biome-ignore lint/suspicious/noExplicitAny: counting calls of the driver's own methods
      (sqlite3.Statement.prototype as any)[m] = function (...args: unknown[]) {
        statements++;
        return (st as (...a: unknown[]) => unknown).apply(this, args);
      };
      // biome-ignore lint/suspicious/noExplicitAny: same
      (sqlite3.Database.prototype as any)[m] = function (...args: unknown[]) {
        statements++;
        return (db as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
    try {
      const questions = ['qui est mon coordo ?', 'et le DPD ?', 'c’est quoi le GAR', 'comment demander une FIL', 'merci'];
      for (const q of questions) await play(a, `user> ${q}`, who);
      // each turn read its record, the follow-up context, the roster, then wrote them one by one: about eight before
      expect(statements / questions.length).toBeLessThanOrEqual(3);
    } finally {
      for (const [m, st, db] of saved) {
        (sqlite3.Statement.prototype as unknown as Record<string, unknown>)[m] = st;
        (sqlite3.Database.prototype as unknown as Record<string, unknown>)[m] = db;
      }
    }
    await play(a, 'user> mes données\nbot> lycée, Landes', who);
  });
});
