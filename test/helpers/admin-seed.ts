import { createAssistant } from '../../src/app.js';
import { loadRecipients } from '../../src/schedule/audience.js';
import { LEDGER, LEDGER_TTL_MS, ledgerKey, type LedgerEntry } from '../../src/schedule/deliver.js';
import { planSends } from '../../src/schedule/plan.js';
import type { StateStore } from '../../src/state/store.js';

/** What the seed does, for the tests to check the panels against. */
export const SEED = {
  /** Every turn below, by platform, over the last 30 days. */
  turns: { slack: 21, discord: 2 },
  /** Outcomes of those turns. */
  outcomes: { answered: 20, menu: 1, notUnderstood: 2 },
  /** Days before today with two greetings each (the charts have more than one bar). */
  earlier: [1, 3, 6, 10, 17, 24],
  answeredTopic: { id: 'arena', times: 3 },
  flow: { id: 'fil', started: 1, abandoned: 1 },
  /** A question that gets a « Vouliez-vous dire » menu, and one out of the guide. */
  menu: 'formation',
  unanswered: 'quels sont les résultats du loto ce week-end',
  known: 'adresse du portail arena',
};

/**
 * Fills a store as real use would: turns through the real assistant (counters,
 * unanswered questions, a subscription), and one past digest marked delivered
 * in the ledger. Returns the assistant's engine for titles.
 */
export async function seedStore(store: StateStore, now: Date) {
  let clock = now;
  const a = createAssistant(store, { now: () => clock });
  for (const days of SEED.earlier) {
    clock = new Date(now.getTime() - days * 864e5);
    await a.handle({ platform: 'slack', workspace: 'w', user: `U0OLD${days}`, conversation: 'c', text: 'bonjour' });
    await a.handle({ platform: 'slack', workspace: 'w', user: `U0OLD${days}`, conversation: 'c', text: 'merci' });
  }
  clock = now;
  const say = (platform: string, user: string, text: string, extra = {}) =>
    a.handle({ platform, workspace: 'w', user, conversation: 'c', text, ...extra });
  for (let i = 0; i < SEED.answeredTopic.times; i++) await say('slack', `U0SEED${i}`, SEED.known);
  await say('slack', 'U0SEEDA', SEED.menu);
  await say('slack', 'U0SEEDB', SEED.unanswered);
  await say('slack', 'U0SEEDC', 'je voudrais faire une demande de FIL');
  await say('slack', 'U0SEEDC', 'annuler');
  await say('slack', 'U0SEEDD', 'abonne-moi au digest', { profile: { niveau: 'college' } });
  await say('slack', 'U0SEEDE', 'merci');
  await say('discord', '100000000000000001', 'c’est quoi le GAR');
  await say('discord', '100000000000000002', SEED.unanswered);
  // one digest of the last two weeks, delivered to the subscriber
  const recipients = await loadRecipients(store, now);
  const past = planSends(a.engine.kb, new Date(now.getTime() - 14 * 864e5), now, recipients).filter(
    (d) => d.job === 'digest' && d.recipients.length,
  );
  for (const d of past)
    for (const r of d.recipients)
      await store.write<LedgerEntry>(
        LEDGER,
        ledgerKey(d.job, d.slot, r.key),
        { status: 'delivered', at: d.at.toISOString(), attempts: 1 },
        LEDGER_TTL_MS,
      );
  return { engine: a.engine, pastDigests: past.length };
}
