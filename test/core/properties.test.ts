import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { RECENT } from '../../src/core/handlers/follow-ups.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { FLOWS } from '../../src/flows/index.js';
import { replyText } from '../../src/shared/text.js';
import { PEOPLE, type PersonRecord } from '../../src/state/people.js';
import { memoryStore } from '../../src/state/store.js';
import { sharedEngine } from '../helpers/assistant.js';

const NOW = new Date('2026-11-29T10:00:00Z');
const runs = Number(process.env.RUPN_PROPERTY_RUNS ?? 60);

/** What people type: flow requests, answers, flow commands, privacy, questions, and anything at all. */
const moves = [
  'je voudrais faire une demande de FIL',
  'signaler une panne',
  'organiser un café numérique',
  'rédiger ma lettre de mission',
  'mettre en place la commission numérique',
  'checklist GAR',
  'retour',
  'recommencer',
  'annuler',
  'passer',
  'aide',
  'oui',
  'non',
  'modifier intitulé',
  'modifier',
  '1',
  '2',
  '1, 2, 3',
  'tous',
  'lycée',
  'collège',
  '12 enseignants',
  '6 heures',
  'mars 2027',
  'jeudi 12 mars',
  '12/03/2027',
  '12h30',
  'terminé',
  'mes données',
  'oublie-moi',
  'efface tout',
  'qui est mon coordo ?',
  'et pour les Landes ?',
  'je suis RUPN dans un lycée de Gironde',
  'au fait, c est quoi le PAF ?',
  'c’est quoi le GAR',
  'bonjour',
  '',
];
const anyText = fc.string({ unit: 'binary', maxLength: DEFAULT_SETTINGS.maxTextLength + 50 });
const move = (marker: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...moves) },
    { weight: 2, arbitrary: fc.constant(`Collège ${marker}`) },
    { weight: 1, arbitrary: anyText },
  );

/** A stored flow state that the runner can read: a known flow, a known step, answers to known steps. */
function validFlows(p: PersonRecord | undefined): void {
  for (const c of Object.values(p?.conversations ?? {})) {
    if (!c.flow) continue;
    const def = FLOWS.find((f) => f.id === c.flow!.flowId);
    expect(def, c.flow.flowId).toBeDefined();
    // a flow with its own turn handling (the GAR checklist) stays on its one `custom` step
    const steps = [...def!.steps.map((s) => s.id), ...(def!.custom ? ['custom'] : [])];
    expect(steps).toContain(c.flow.step);
    for (const k of Object.keys(c.flow.slots)) expect(steps).toContain(k);
    for (const h of c.flow.history) expect(steps).toContain(h);
    expect(Number.isNaN(Date.parse(c.flow.expiresAt))).toBe(false);
  }
}

describe('properties of the turn (fast-check)', () => {
  it('any Unicode text up to the limit gets a reply, never an internal error', async () => {
    const a = createAssistant(memoryStore(), { engine: sharedEngine(), now: () => NOW });
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const r = await a.handle({ platform: 'p', workspace: 'w', user: 'u', conversation: 'c', text });
        expect(r.messages.length).toBeGreaterThan(0);
        expect(replyText(r).trim()).not.toBe('');
        expect(r.intent).not.toBe('error.internal');
      }),
      { numRuns: runs * 3 },
    );
  });

  it('any profile hints are taken or ignored, never a crash', async () => {
    const a = createAssistant(memoryStore(), { engine: sharedEngine(), now: () => NOW });
    const hint = fc.record(
      {
        departement: fc.option(fc.oneof(fc.string(), fc.constantFrom('33', 'Gironde', 'landes', '2A', '999'))),
        niveau: fc.option(fc.oneof(fc.string(), fc.constantFrom('college', 'lycee'))),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(hint, fc.constantFrom(...moves), async (profile, text) => {
        const r = await a.handle({ platform: 'p', workspace: 'w', user: 'h', conversation: 'c', text, profile: profile as never });
        expect(r.intent).not.toBe('error.internal');
      }),
      { numRuns: runs * 2 },
    );
  });

  it('interleaved people: always a reply, never another person’s data, flow state valid, erasure leaves nothing', async () => {
    const store = memoryStore();
    const a = createAssistant(store, { engine: sharedEngine(), now: () => NOW });
    let run = 0;
    const script = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat()), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(script, fc.array(move('X'), { minLength: 40, maxLength: 40 }), async (order, texts) => {
        // new people at each run, with names that appear nowhere else
        const people = ['Alphazed', 'Betazed', 'Gammazed'].map((n) => `${n}${++run}q`);
        const msg = (i: number, text: string) => ({
          platform: 'p',
          workspace: 'w',
          user: people[i],
          conversation: 'c',
          text: text.replaceAll('X', people[i]),
        });
        // each person starts a flow and gives an answer only they know, then anything happens, then they look at their data
        const turns: [number, string][] = [
          ...[0, 1, 2].flatMap((i) => [
            [i, 'je voudrais faire une demande de FIL'] as [number, string],
            [i, 'Collège X'] as [number, string],
          ]),
          ...order.map(([i], k) => [i, texts[k]] as [number, string]),
          ...[0, 1, 2].map((i) => [i, 'mes données'] as [number, string]),
        ];
        // turns of different people run at once; each person's own turns stay in order
        await Promise.all(
          turns.map(async ([i, t]) => {
            const r = await a.handle(msg(i, t));
            const text = replyText(r);
            expect(r.intent).not.toBe('error.internal');
            expect(text.trim()).not.toBe('');
            for (const other of people) if (other !== people[i]) expect(text).not.toContain(other);
          }),
        );
        for (const p of people) validFlows(await store.read<PersonRecord>(PEOPLE, `p:w:${p}`));
        // erasure: nothing at all remains under the person's keys
        const erased = people[0];
        await a.handle(msg(0, 'oublie-moi'));
        expect(await store.read(PEOPLE, `p:w:${erased}`)).toBeUndefined();
        expect(await store.read(RECENT, `p:w:${erased}`)).toBeUndefined();
        const shown = replyText(await a.handle(msg(0, 'mes données')));
        expect(shown).toMatch(/Je ne garde rien sur vous/);
      }),
      { numRuns: runs },
    );
  }, 120000);
});
