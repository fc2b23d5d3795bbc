import { describe, expect, it } from 'vitest';
import { ACTIVITY, ActivityCounter, parisDay } from '../../src/state/activity.js';
import { memoryStore } from '../../src/state/store.js';

const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('activity counts', () => {
  it('dates each turn on its Paris day, midnight and clock changes included', () => {
    // winter: Paris midnight is 23:00 UTC; summer: 22:00 UTC
    expect(parisDay(new Date('2026-01-14T22:59:59.999Z'))).toBe('2026-01-14');
    expect(parisDay(new Date('2026-01-14T23:00:00.000Z'))).toBe('2026-01-15');
    expect(parisDay(new Date('2026-07-14T21:59:59.999Z'))).toBe('2026-07-14');
    expect(parisDay(new Date('2026-07-14T22:00:00.000Z'))).toBe('2026-07-15');
    // every quarter of an hour over a year, in order and back and forth
    const start = Date.parse('2026-01-01T00:07:00Z');
    for (let t = start; t < start + 366 * 864e5; t += 9e5) {
      expect(parisDay(new Date(t))).toBe(intl.format(new Date(t)));
      expect(parisDay(new Date(t - 5 * 864e5))).toBe(intl.format(new Date(t - 5 * 864e5)));
    }
  });

  it('writes the day as it stands, never behind a turn, even when the next turn counts before the write', async () => {
    const store = memoryStore();
    const written: { turns: Record<string, number>; topics: Record<string, number> }[] = [];
    const write = store.write.bind(store);
    store.write = async (ns, key, value, ttl) => {
      if (ns === ACTIVITY && !key.endsWith(':instances')) written.push(JSON.parse(JSON.stringify(value)));
      return write(ns, key, value, ttl);
    };
    const counter = new ActivityCounter(store);
    const now = new Date('2026-03-02T10:00:00Z');
    await Promise.all([
      counter.count(now, { outcome: 'answered', platform: 'slack', topic: 'gar', flows: [{ id: 'fil', event: 'started' }] }),
      counter.count(now, { outcome: 'menu', platform: 'slack', topic: 'gar', flows: [{ id: 'fil', event: 'finished' }] }),
    ]);
    // each write has both turns or the first alone, whole (never part of a turn's counts)
    for (const w of written) expect([1, 2]).toContain(w.turns.answered + w.turns.menu);
    for (const w of written) expect(w.topics.gar).toBe(w.turns.answered + w.turns.menu);
    expect(await store.read(ACTIVITY, `2026-03-02:${counter.instance}`)).toEqual({
      day: '2026-03-02',
      turns: { answered: 1, menu: 1, notUnderstood: 0 },
      platforms: { slack: 2 },
      topics: { gar: 2 },
      flows: { fil: { started: 1, finished: 1, abandoned: 0 } },
    });
  });
});
