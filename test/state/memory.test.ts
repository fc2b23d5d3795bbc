import { describe, expect, it } from 'vitest';
import { memoryStore, openStore, StoreError } from '../../src/state/store.js';

describe('the store in memory and its address', () => {
  it('a live claim stays held when a flood of expired claims is swept', async () => {
    const s = memoryStore();
    expect(await s.claim('events', 'vivant', 60_000)).toBe(true);
    // more than the sweep threshold, each expired at once
    for (let i = 0; i <= 50_000; i++) await s.claim('events', `e${i}`, -1);
    expect(await s.claim('events', 'vivant', 60_000)).toBe(false);
    expect(await s.claim('events', 'e1', 60_000)).toBe(true);
  });

  it('an address that is not a URL is named as typed, with what is expected', async () => {
    const err = await openStore('donnees.sqlite').catch((e: Error) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toBe(
      'RUPN_STORE : adresse de stockage inconnue « donnees.sqlite » (attendu : memory, sqlite://fichier ou redis://hôte:port)',
    );
  });

  it('`memory` opens a store that keeps nothing between two openings', async () => {
    const a = await openStore('memory');
    expect(a.kind).toBe('memory');
    await a.write('people', 'k', 1);
    expect(await a.read('people', 'k')).toBe(1);
    const b = await openStore('memory');
    expect(await b.read('people', 'k')).toBeUndefined();
  });
});
