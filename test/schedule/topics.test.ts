import { describe, expect, it } from 'vitest';
import { countTopic, topicCounts } from '../../src/schedule/topics.js';
import { SCHEDULE } from '../../src/schedule/audience.js';
import { memoryStore, type StateStore } from '../../src/state/store.js';

const monday = '2026-11-23';
const now = new Date('2026-11-26T10:00:00Z');

/** A store that remembers the size of every value written. */
function measured(): { store: StateStore; sizes: number[] } {
  const store = memoryStore();
  const sizes: number[] = [];
  const write = store.write.bind(store);
  store.write = (ns, key, value, ttl) => {
    sizes.push(JSON.stringify(value).length);
    return write(ns, key, value, ttl);
  };
  return { store, sizes };
}

describe('the week’s topic counts (« les plus posées »)', () => {
  it('counts each answered topic of the week, and keeps other weeks apart', async () => {
    const store = memoryStore();
    for (const t of ['gar', 'ent', 'gar', 'gar', 'pix']) await countTopic(store, now, t);
    await countTopic(store, new Date('2026-12-01T10:00:00Z'), 'gar');
    expect(await topicCounts(store, monday)).toEqual({ gar: 3, ent: 1, pix: 1 });
    expect(await topicCounts(store, '2026-11-30')).toEqual({ gar: 1 });
    expect(await topicCounts(store, '2026-11-16')).toEqual({});
  });

  it('loses no count when many turns count at once', async () => {
    const store = memoryStore();
    await Promise.all(Array.from({ length: 40 }, (_, i) => countTopic(store, now, i % 2 ? 'gar' : 'ent')));
    expect(await topicCounts(store, monday)).toEqual({ gar: 20, ent: 20 });
  });

  it('adds the counts written as one record of the week by an earlier version', async () => {
    const store = memoryStore();
    await store.write(SCHEDULE, `topics:${monday}`, { gar: 5, pix: 2 });
    await countTopic(store, now, 'gar');
    expect(await topicCounts(store, monday)).toEqual({ gar: 6, pix: 2 });
  });

  it('writes a small value per answer, however many topics the week has seen', async () => {
    const { store, sizes } = measured();
    for (let i = 0; i < 600; i++) await countTopic(store, now, `fiche.${i}`);
    sizes.length = 0;
    for (let i = 0; i < 200; i++) await countTopic(store, now, `fiche.${i * 3}`);
    // a count, not the week's record of 600 topics
    expect(Math.max(...sizes)).toBeLessThan(10);
    expect(Object.keys(await topicCounts(store, monday))).toHaveLength(600);
  });
});
