import { DEFAULT_SETTINGS } from '../core/settings.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { StateStore } from '../state/store.js';
import type { Niveau } from '../shared/types.js';
import { loadRecipients } from './audience.js';
import { composeDigest, type Digest } from './digest.js';
import { eventTexts } from './messages.js';
import { readNewsFiles, type NewsItem } from './news.js';
import { planSends, type Due } from './plan.js';
import { addDays, frenchDay, mondayOf, parisInstant, parisIso } from './time.js';
import { topicCounts } from './topics.js';
import { S } from './texts.js';
import { eventLink } from './calendar.js';

/** One line of `reminders --json`: a send slot, what it says, and how many recipients the store has for it. */
export function describeDue(kb: KnowledgeBase, d: Due): Record<string, unknown> {
  const base = { job: d.job, slot: d.slot, at: parisIso(d.at) };
  const destinataires = d.recipients.length;
  if (d.job === 'digest')
    return { ...base, niveau: d.niveau, semaine: d.week, titre: S.digest.title(d.niveau, frenchDay(d.week, false)), destinataires };
  if (d.job === 'personnel') return { ...base, type: d.reminder.kind, texte: d.reminder.text, destinataires };
  if (d.job === 'renouvellement') return { ...base, fin: d.ends, destinataires };
  const o = d.occurrence;
  const texts = eventTexts(kb, o);
  return {
    ...base,
    evenement: o.event.id,
    sujet: o.event.sujet ?? null,
    public: o.event.public,
    titre: o.event.titre,
    ...(texts.length === 1 ? { texte: texts[0].text } : { textes: Object.fromEntries(texts.map((t) => [t.niveau, t.text])) }),
    lien: eventLink(kb, o.event) ?? null,
    ...(o.year.aVerifier ? { aVerifier: o.year.aVerifier } : {}),
    destinataires,
  };
}

/** What the scheduler would send between two Paris dates (both included), never sending anything. */
export async function previewReminders(
  kb: KnowledgeBase,
  from: string,
  to: string,
  store?: StateStore,
  now = new Date(),
): Promise<Record<string, unknown>[]> {
  const recipients = store ? await loadRecipients(store, now, DEFAULT_SETTINGS.retentionMs) : [];
  return planSends(kb, parisInstant(from), parisInstant(addDays(to, 1)), recipients, DEFAULT_SETTINGS.retentionMs).map((d) =>
    describeDue(kb, d),
  );
}

/** The digests of the week containing `date`, for one niveau or both. */
export async function previewDigests(
  kb: KnowledgeBase,
  date: string,
  niveaux: Niveau[],
  opts: { store?: StateStore; news?: NewsItem[] } = {},
): Promise<Digest[]> {
  const news = [...readNewsFiles(kb.dir), ...(opts.news ?? [])];
  const lastWeek = addDays(mondayOf(date), -7);
  const counts = opts.store ? await topicCounts(opts.store, lastWeek) : {};
  return niveaux.map((n) => composeDigest(kb, date, n, { news, counts }));
}
