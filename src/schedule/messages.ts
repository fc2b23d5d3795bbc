import type { KnowledgeBase } from '../knowledge/schema.js';
import type { Block, Niveau, OutgoingMessage } from '../shared/types.js';
import type { Recipient } from './audience.js';
import { eventLink, eventText, type Occurrence } from './calendar.js';
import type { ReminderRequest } from '../state/people.js';
import { S } from './texts.js';
import { frenchDay } from './time.js';

const LABEL: Record<Niveau, string> = { college: 'En collège', lycee: 'En lycée' };

/** The texts of an event for its audience: one, or one per niveau when they differ. */
export function eventTexts(kb: KnowledgeBase, occ: Occurrence, niveau?: Niveau): { niveau?: Niveau; text: string }[] {
  const niveaux = niveau ? [niveau] : occ.event.public;
  const texts = niveaux.map((n) => ({ niveau: n, text: eventText(kb, occ, n) }));
  return texts.every((t) => t.text === texts[0].text) ? [{ niveau, text: texts[0].text }] : texts;
}

/** A calendar reminder as it is sent: title, text for the recipient's niveau (or each), link, and why it was received. */
export function reminderMessage(kb: KnowledgeBase, occ: Occurrence, r: Pick<Recipient, 'niveau'>): OutgoingMessage {
  const e = occ.event;
  const texts = eventTexts(kb, occ, r.niveau);
  const blocks: Block[] = [{ type: 'heading', text: e.titre }];
  if (texts.length === 1) blocks.push({ type: 'paragraph', text: texts[0].text });
  else blocks.push({ type: 'list', items: texts.map((t) => `${LABEL[t.niveau!]} : ${t.text}`) });
  const link = eventLink(kb, e);
  if (link) blocks.push({ type: 'paragraph', text: S.more(link) });
  if (occ.year.aVerifier && !/^\d{4}/.test(e.quand)) blocks.push({ type: 'paragraph', text: S.tentative(occ.year.aVerifier) });
  const subject = kb.calendar?.sujets.find((s) => s.id === e.sujet);
  if (subject) blocks.push({ type: 'paragraph', text: S.footer(subject.libelle) });
  return { blocks };
}

/** How a topic is named to a person: the digest, or a calendar subject's label. */
export function topicLabel(kb: KnowledgeBase, topic: string): string {
  return topic === 'digest' ? S.digestShort : (kb.calendar?.sujets.find((s) => s.id === topic)?.libelle ?? topic);
}

/** The one notice a month before a subscriber's subscriptions end with their record. */
export function renewalMessage(kb: KnowledgeBase, r: Pick<Recipient, 'topics'>, ends: string): OutgoingMessage {
  return {
    blocks: [
      { type: 'heading', text: S.renewal.title },
      {
        type: 'paragraph',
        text: S.renewal.text(
          r.topics.map((t) => topicLabel(kb, t)),
          frenchDay(ends),
        ),
      },
    ],
  };
}

/** A reminder a flow promised (the café numérique the day before). */
export function personalMessage(reminder: ReminderRequest): OutgoingMessage {
  return {
    blocks: [
      { type: 'heading', text: reminder.kind === 'cafe-numerique' ? S.cafeTitle : S.reminderTitle },
      { type: 'paragraph', text: reminder.text },
    ],
  };
}
