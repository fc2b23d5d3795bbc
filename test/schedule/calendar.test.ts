import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { Recipient } from '../../src/schedule/audience.js';
import { digestSlots, holidayOf, occurrences } from '../../src/schedule/calendar.js';
import { planSends } from '../../src/schedule/plan.js';
import { parisInstant, parisIso } from '../../src/schedule/time.js';

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));
const cal = kb.calendar!;
const days = (from: string, to: string) => [parisInstant(from), parisInstant(to)] as const;

const person = (key: string, topics: string[], niveau?: 'college' | 'lycee', progress: Record<string, string[]> = {}): Recipient => ({
  key,
  platform: 'slack',
  address: { kind: 'person', workspace: 'T1', user: key },
  topics,
  niveau,
  progress,
  reminders: [],
});

describe('the school calendar', () => {
  it('Paris wall-clock hours keep their hour across the October change', () => {
    expect(parisInstant('2026-10-24', '08:00').toISOString()).toBe('2026-10-24T06:00:00.000Z');
    expect(parisInstant('2026-10-26', '08:00').toISOString()).toBe('2026-10-26T07:00:00.000Z');
    // the hour that happens twice: the first one
    expect(parisInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(parisIso(parisInstant('2026-03-29', '08:00'))).toBe('2026-03-29T08:00:00+02:00');
  });

  it('the week of the 2026 rentrée: the GAR sequence on school days, and the Monday digest', () => {
    const occ = occurrences(cal, ...days('2026-08-31', '2026-09-07'));
    expect(occ.map((o) => `${o.date} ${o.event.id}`)).toEqual([
      '2026-09-02 gar-designation',
      '2026-09-03 gar-abonnements',
      '2026-09-03 lettre-mission',
      '2026-09-04 gar-affectations',
    ]);
    expect(digestSlots(cal, ...days('2026-08-24', '2026-09-08')).map((d) => d.date)).toEqual(['2026-08-31', '2026-09-07']);
  });

  it('no digest in the holidays nor the summer; the first after the Toussaint comes at the reprise, at 08:00 winter time', () => {
    const slots = digestSlots(cal, ...days('2025-10-06', '2025-11-10'));
    expect(slots.map((d) => d.at.toISOString())).toEqual([
      '2025-10-06T06:00:00.000Z',
      '2025-10-13T06:00:00.000Z',
      '2025-11-03T07:00:00.000Z',
    ]);
    expect(holidayOf(cal, '2026-07-20')).toBe('été');
    expect(digestSlots(cal, ...days('2026-07-06', '2026-08-24'))).toEqual([]);
  });

  it('a reminder that would fall in the holidays or on a weekend moves to the next school day', () => {
    // pix.lycee.fin (6 March 2026) - 2 weeks = 20 Feb, in the winter holidays: sent at the reprise, 23 Feb
    const pix = occurrences(cal, ...days('2026-02-01', '2026-03-31')).filter((o) => o.event.id.startsWith('pix-'));
    expect(pix.map((o) => `${o.date} ${o.event.id}`)).toEqual(['2026-02-23 pix-lycee-fin', '2026-03-02 pix-college-ouverture']);
  });

  it('sends go to those subscribed to the subject and of the niveau; the GAR relance spares a finished checklist', () => {
    const all = kb.academie.gar.checklist.etapes.map((s) => s.id);
    const people = [
      person('a', ['gar'], 'college'),
      person('b', ['gar'], 'lycee', { 'checklist-gar': all }),
      person('c', ['digest'], 'lycee'),
      person('d', ['pix'], 'college'),
      { ...person('t', ['gar'], 'college'), platform: 'tchap' },
    ];
    const due = planSends(kb, ...days('2026-09-01', '2026-09-15'), people);
    const who = (slot: string) => due.find((d) => d.slot === slot)!.recipients.map((r) => r.key);
    // a Tchap person too: the adapter writes in their encrypted direct conversation
    expect(who('gar-designation:2026-09-02')).toEqual(['a', 'b', 't']);
    expect(who('gar-relance:2026-09-09')).toEqual(['a', 't']);
    expect(who('lycee:2026-09-07')).toEqual(['c']);
    expect(who('college:2026-09-07')).toEqual([]);
    const pixCollege = planSends(kb, ...days('2026-03-01', '2026-03-05'), people).find((d) => d.slot.startsWith('pix-college'))!;
    expect(pixCollege.recipients.map((r) => r.key)).toEqual(['d']);
  });
});
