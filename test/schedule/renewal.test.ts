import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { loadRecipients } from '../../src/schedule/audience.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { messageToText } from '../../src/shared/text.js';
import type { Adapter, Address, OutgoingMessage } from '../../src/shared/types.js';
import { memoryStore } from '../../src/state/store.js';
import { play } from '../helpers/assistant.js';

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));

/** An adapter that records what reaches each person (the platform does not matter to this rule). */
function recorder(): Adapter & { got: { to: Address; text: string }[] } {
  const got: { to: Address; text: string }[] = [];
  return {
    name: 'slack',
    got,
    start: async () => {},
    stop: async () => {},
    send: async (to: Address, m: OutgoingMessage) => {
      got.push({ to, text: messageToText(m) });
      return { status: 'delivered' };
    },
  };
}

describe('subscriptions end with the record, a year after the last exchange, with one notice a month before', () => {
  it('the notice comes once, a month before; « garder mes abonnements » renews for a year; silence ends them', async () => {
    let t = Date.parse('2026-09-01T08:00:00Z');
    const now = () => new Date(t);
    const store = memoryStore();
    const a = createAssistant(store, { kb, now });
    const who = { platform: 'slack', workspace: 'T1', user: 'UALICE', conversation: 'DALICE' };
    await play(a, 'user> abonne-moi au digest\nuser> collège\nbot> Après un an sans échange, ils s’arrêtent', who);
    const slack = recorder();
    const s = new Scheduler({ kb, store, adapters: [slack], now, sleep: async () => {} });
    const notices = () => slack.got.filter((g) => g.text.startsWith('Vos abonnements arrivent à leur terme'));

    // the record would go on 1 September 2027; the notice is due 30 days before, 2 August at 08:00 Paris
    t = Date.parse('2027-08-02T05:55:00Z');
    await s.run(['renouvellement']);
    expect(notices()).toEqual([]);
    t = Date.parse('2027-08-02T06:00:00Z');
    await s.run(['renouvellement']);
    t += 3600e3;
    await s.run(['renouvellement']);
    expect(notices()).toEqual([
      {
        to: { kind: 'person', workspace: 'T1', user: 'UALICE' },
        text: expect.stringContaining(
          'Votre abonnement (le digest hebdomadaire) s’arrêtera le mercredi 1er septembre 2027 : je ne garde rien plus d’un an après notre dernier échange. Répondez « garder mes abonnements » pour continuer',
        ),
      },
    ]);

    // she answers: a year more, and the next notice a month before the new end
    t = Date.parse('2027-08-05T10:00:00Z');
    await play(a, 'user> garder mes abonnements\nbot> vos abonnements continuent\nbot> le vendredi 4 août 2028', who);
    t = Date.parse('2027-09-02T06:00:00Z');
    await s.run(['renouvellement']);
    expect(notices()).toHaveLength(1);
    expect((await loadRecipients(store, now(), 365 * 864e5)).map((r) => r.key)).toEqual(['slack:T1:UALICE']);
    t = Date.parse('2028-07-06T06:00:00Z');
    await s.run(['renouvellement']);
    expect(notices()).toHaveLength(2);
    expect(notices()[1].text).toContain('s’arrêtera le vendredi 4 août 2028');

    // no answer this time: from 4 August 2028 she receives nothing, not even a digest
    t = Date.parse('2028-09-04T06:00:00Z');
    expect(await loadRecipients(store, now(), 365 * 864e5)).toEqual([]);
    const before = slack.got.length;
    await s.run();
    expect(slack.got.length).toBe(before);
  });

  it('a notice missed while the assistant was down goes out late, until the day before the end', async () => {
    let t = Date.parse('2026-09-01T08:00:00Z');
    const now = () => new Date(t);
    const store = memoryStore();
    await play(createAssistant(store, { kb, now }), 'user> rappelle-moi le GAR à la rentrée\nuser> lycée', {
      platform: 'slack',
      workspace: 'T1',
      user: 'UBOB',
    });
    const slack = recorder();
    const s = new Scheduler({ kb, store, adapters: [slack], now, sleep: async () => {} });
    t = Date.parse('2027-07-20T06:00:00Z');
    await s.run(['renouvellement']);
    // down from 20 July to 10 August: the notice due on 2 August goes out on the 10th
    t = Date.parse('2027-08-10T06:00:00Z');
    await s.run(['renouvellement']);
    expect(slack.got.map((g) => g.text.split('\n')[0])).toEqual(['Vos abonnements arrivent à leur terme']);
    expect(slack.got[0].text).toContain('(les étapes du GAR à la rentrée)');
  });
});
