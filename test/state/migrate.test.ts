import { describe, expect, it } from 'vitest';
import { migratePerson } from '../../src/state/migrate.js';
import { PERSON_VERSION } from '../../src/state/people.js';

const now = new Date('2026-11-30T10:00:00Z');
const reminder = { id: 'r1', kind: 'cafe', due: '2026-12-01T08:00:00Z', text: 'Café numérique demain', conversation: 'c' };

describe('a stored person read back after an upgrade', () => {
  it('a first-version record keeps its reminders and checklist ticks, and gains what it lacked', () => {
    const r = migratePerson(
      {
        profile: { departement: '33' },
        conversations: { c: { updatedAt: '2026-01-05T08:00:00.000Z' } },
        reminders: [reminder],
        progress: { 'checklist-gar': ['1', '3'] },
        createdAt: '2026-01-05T08:00:00.000Z',
        updatedAt: '2026-01-05T08:00:00.000Z',
      },
      now,
    );
    expect(r).toEqual({
      version: PERSON_VERSION,
      profile: { departement: '33' },
      conversations: { c: { updatedAt: '2026-01-05T08:00:00.000Z' } },
      reminders: [reminder],
      subscriptions: [],
      progress: { 'checklist-gar': ['1', '3'] },
      createdAt: '2026-01-05T08:00:00.000Z',
      updatedAt: '2026-01-05T08:00:00.000Z',
    });
  });

  it('a first-version record with broken parts gets empty ones instead', () => {
    const r = migratePerson({ profile: 'lycée', conversations: [], reminders: 'demain', progress: ['1'] }, now);
    expect(r).toMatchObject({ version: PERSON_VERSION, profile: {}, conversations: {}, reminders: [], progress: {}, subscriptions: [] });
    expect(r?.createdAt).toBe(now.toISOString());
  });

  it('a second-version record keeps its subscriptions', () => {
    const since = '2026-09-01T08:00:00.000Z';
    const r = migratePerson(
      { version: 2, profile: {}, conversations: {}, reminders: [], progress: {}, subscriptions: [{ topic: 'digest', since }] },
      now,
    );
    expect(r?.version).toBe(PERSON_VERSION);
    expect(r?.subscriptions).toEqual([{ topic: 'digest', since }]);
  });

  it('a record of today’s shape is read as it is', () => {
    const stored = {
      version: PERSON_VERSION,
      profile: { niveau: 'lycee' },
      conversations: {},
      reminders: [reminder],
      subscriptions: [],
      progress: {},
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '2026-03-02T08:00:00.000Z',
    };
    expect(migratePerson(stored, now)).toEqual(stored);
  });

  it('a record from a newer version, or that is no record at all, is left unread (the person starts afresh)', () => {
    for (const stored of [{ version: PERSON_VERSION + 1, profile: {} }, { version: 0 }, null, 'texte', [1, 2], 42])
      expect(migratePerson(stored, now)).toBeUndefined();
  });
});
