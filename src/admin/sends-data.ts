import type { KnowledgeBase } from '../knowledge/schema.js';
import { loadRecipients } from '../schedule/audience.js';
import { LEDGER, ledgerKey, type LedgerEntry, type LedgerStatus } from '../schedule/deliver.js';
import { digestMessage } from '../schedule/digest.js';
import { planSends } from '../schedule/plan.js';
import { describeDue, previewDigests, previewReminders } from '../schedule/preview.js';
import { addDays, parisInstant } from '../schedule/time.js';
import type { StateStore } from '../state/store.js';
import type { Niveau, OutgoingMessage } from '../shared/types.js';

export const JOB_LABELS: Record<string, string> = { rappel: 'Rappel du calendrier', digest: 'Digest', personnel: 'Rappel promis' };
export const STATUS_LABELS: Record<LedgerStatus, string> = {
  delivered: 'remis',
  retry: 'à réessayer',
  refused: 'refusé',
  sending: 'en cours ou incertain',
  skipped: 'manqué (trop tard)',
};

export interface PlannedSend {
  at: string;
  job: string;
  title: string;
  recipients: number;
}

export interface PastSend {
  at: string;
  job: string;
  title: string;
  statuses: Partial<Record<LedgerStatus, number>>;
}

export interface SendsPanel {
  calendar: boolean;
  planned: PlannedSend[];
  past: PastSend[];
  /** Subscriptions by topic, platform and niveau (counts only). */
  subscriptions: { topic: string; platform: string; niveau: string; count: number }[];
}

const titleOf = (line: Record<string, unknown>) => String(line.titre ?? line.texte ?? line.slot);

/**
 * The figures of « Envois »: the next 30 days as `npm run reminders` computes
 * them, the last 14 days' sends with their ledger state (the ledger is read
 * by key, for the recipients the store knows today), and subscriptions counted.
 */
export async function sendsPanel(store: StateStore, kb: KnowledgeBase, today: string, now: Date): Promise<SendsPanel> {
  const recipients = await loadRecipients(store, now);
  const planned = kb.calendar
    ? (await previewReminders(kb, today, addDays(today, 30), store, now)).map((l) => ({
        at: String(l.at),
        job: String(l.job),
        title: titleOf(l),
        recipients: Number(l.destinataires),
      }))
    : [];
  const past: PastSend[] = [];
  const due = planSends(kb, parisInstant(addDays(today, -14)), now, recipients).reverse();
  for (const d of due) {
    const keys = [ledgerKey(d.job, d.slot, '*'), ...d.recipients.map((r) => ledgerKey(d.job, d.slot, r.key))];
    const entries = await Promise.all(keys.map((k) => store.read<LedgerEntry>(LEDGER, k)));
    const statuses: Partial<Record<LedgerStatus, number>> = {};
    for (const e of entries) if (e) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
    if (!Object.keys(statuses).length) continue;
    const line = describeDue(kb, d);
    past.push({ at: String(line.at), job: d.job, title: titleOf(line), statuses });
  }
  const subs = new Map<string, { topic: string; platform: string; niveau: string; count: number }>();
  for (const r of recipients)
    for (const topic of r.topics) {
      const niveau = r.niveau ?? '—';
      const k = `${topic}\0${r.platform}\0${niveau}`;
      const row = subs.get(k) ?? { topic, platform: r.platform, niveau, count: 0 };
      row.count++;
      subs.set(k, row);
    }
  const subscriptions = [...subs.values()].sort(
    (a, b) => a.topic.localeCompare(b.topic) || a.platform.localeCompare(b.platform) || a.niveau.localeCompare(b.niveau),
  );
  return { calendar: Boolean(kb.calendar), planned, past: past.slice(0, 50), subscriptions };
}

/** The digest of the week containing `date` for one niveau, as the message that would go out. */
export async function digestPreview(store: StateStore, kb: KnowledgeBase, date: string, niveau: Niveau): Promise<OutgoingMessage> {
  const [d] = await previewDigests(kb, date, [niveau], { store });
  return digestMessage(d);
}
