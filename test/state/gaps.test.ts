import { afterEach, describe, expect, it, vi } from 'vitest';
import { GAP_KEEP_DAYS, readGaps, recordGap } from '../../src/state/gaps.js';
import { memoryStore } from '../../src/state/store.js';

const now = new Date('2026-11-30T10:00:00Z');
const DAY = 86_400_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('the unanswered questions of a day, as `kb:gaps` lists them', () => {
  it('the same words with another nearest entry, another outcome or another niveau are counted apart', async () => {
    const store = memoryStore();
    const base = { text: 'réserver la salle info', nearest: 'salles', kind: 'menu' } as const;
    await recordGap(store, now, base);
    await recordGap(store, now, base);
    await recordGap(store, now, { ...base, nearest: 'ent' });
    await recordGap(store, now, { ...base, kind: 'fallback' });
    await recordGap(store, now, { ...base, niveau: 'lycee' });
    const [day] = await readGaps(store, now);
    expect(day.items.map(({ nearest, kind, niveau, count }) => ({ nearest, kind, niveau, count }))).toEqual([
      { nearest: 'ent', kind: 'menu', niveau: undefined, count: 1 },
      { nearest: 'salles', kind: 'menu', niveau: undefined, count: 2 },
      { nearest: 'salles', kind: 'fallback', niveau: undefined, count: 1 },
      { nearest: 'salles', kind: 'menu', niveau: 'lycee', count: 1 },
    ]);
  });

  it('lists the questions by nearest entry then by text, not in the order they came', async () => {
    const store = memoryStore();
    for (const [text, nearest] of [
      ['zut la tablette', 'tablettes'],
      ['pronote plante', null],
      ['abonnement manuels', 'gar'],
      ['accès élèves', 'gar'],
    ] as const)
      await recordGap(store, now, { text, nearest, kind: 'fallback' });
    const [day] = await readGaps(store, now);
    expect(day.items.map((i) => i.text)).toEqual(['pronote plante', 'abonnement manuels', 'accès élèves', 'zut la tablette']);
  });

  it('writes anyway when another turn holds the day too long, and leaves that turn its claim', async () => {
    const store = memoryStore();
    expect(await store.claim('gap-locks', '2026-11-30', 60_000)).toBe(true);
    const t0 = Date.now();
    await recordGap(store, now, { text: 'question bloquée', nearest: null, kind: 'fallback' });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect((await readGaps(store, now))[0].items.map((i) => i.text)).toEqual(['question bloquée']);
    expect(await store.claim('gap-locks', '2026-11-30', 60_000)).toBe(false);
  });

  it('gives the day back once written, so the next question does not wait', async () => {
    const store = memoryStore();
    await recordGap(store, now, { text: 'première', nearest: null, kind: 'fallback' });
    expect(await store.claim('gap-locks', '2026-11-30', 60_000)).toBe(true);
  });

  it('a day of questions is kept for the whole window, and dropped by the store after it', async () => {
    const store = memoryStore();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    await recordGap(store, now, { text: 'question ancienne', nearest: null, kind: 'fallback' });
    const later = (days: number) => {
      const t = new Date(now.getTime() + days * DAY + 12 * 3_600_000); // late that same day
      vi.setSystemTime(t);
      return t;
    };
    // `kb:gaps` run on the window's last day still lists it
    expect((await readGaps(store, later(GAP_KEEP_DAYS - 1))).map((d) => d.day)).toEqual(['2026-11-30']);
    // read over a longer window, the store itself has let it go
    expect(await readGaps(store, later(GAP_KEEP_DAYS + 2), GAP_KEEP_DAYS + 5)).toEqual([]);
  });
});
