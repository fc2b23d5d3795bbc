import type { KnowledgeBase } from '../knowledge/schema.js';
import type { Block, Niveau, OutgoingMessage } from '../shared/types.js';
import { digestDay, eventLink, holidayOf, occurrences, yearOf } from './calendar.js';
import { eventTexts } from './messages.js';
import type { NewsItem } from './news.js';
import { recentNews } from './news.js';
import { addDays, frenchDay, mondayOf, parisInstant } from './time.js';
import { S } from './texts.js';
import { didYouKnow, type DidYouKnow } from './did-you-know.js';

export interface DigestEvent {
  date: string;
  title: string;
  text: string;
  link?: string;
}

/** The weekly digest of one niveau, as data: what `digest --json` prints and what is rendered. */
export interface Digest {
  niveau: Niveau;
  /** Monday of the week. */
  week: string;
  /** Day it is sent. */
  date: string;
  /** Set when the week is in the holidays (no digest is sent then unless configured). */
  holidays?: string;
  /** Set while the year's dates are a draft. */
  tentative?: string;
  thisWeek: DigestEvent[];
  nextWeek: DigestEvent[];
  news: NewsItem[];
  /** « Le saviez-vous ? »: one entry, or two in some weeks, so that a school year covers the knowledge base. */
  didYouKnow: DidYouKnow[];
  asked: { id: string; title: string; count: number }[];
}

function weekEvents(kb: KnowledgeBase, monday: string, niveau: Niveau): DigestEvent[] {
  const cal = kb.calendar!;
  return (
    occurrences(cal, parisInstant(monday), parisInstant(addDays(monday, 7)))
      // a relance meant only for those who have not finished a checklist is not news for everyone
      .filter((o) => o.event.public.includes(niveau) && !o.event.saufChecklistFaite)
      .map((o) => ({ date: o.date, title: o.event.titre, text: eventTexts(kb, o, niveau)[0].text, link: eventLink(kb, o.event) }))
  );
}

const shorten = (text: string, max = 260) => (text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max))}…`);

/** Composes the digest of the week containing `date` for a niveau, from the calendar, the news and last week's counts. */
export function composeDigest(
  kb: KnowledgeBase,
  date: string,
  niveau: Niveau,
  input: { news: NewsItem[]; counts: Record<string, number> },
): Digest {
  const cal = kb.calendar!;
  const week = mondayOf(date);
  const day = digestDay(cal, week);
  const year = yearOf(cal, day);
  const asked = Object.entries(input.counts)
    .map(([id, count]) => ({ id, title: kb.entries.find((e) => e.id === id)?.title ?? '', count }))
    .filter((a) => a.title && kb.entries.find((e) => e.id === a.id)?.audience.includes(niveau))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
    .slice(0, 3);
  return {
    niveau,
    week,
    date: day,
    holidays: holidayOf(cal, day),
    tentative: year?.aVerifier,
    thisWeek: weekEvents(kb, week, niveau),
    nextWeek: weekEvents(kb, addDays(week, 7), niveau),
    news: recentNews(input.news, day, niveau),
    didYouKnow: didYouKnow(kb, week, niveau),
    asked,
  };
}

const eventLine = (e: DigestEvent) => `${frenchDay(e.date, false)} — ${e.title}${e.link ? ` (${e.link})` : ''}`;

/** The digest as one message, drawn by each platform's renderer: short enough for one screen. */
export function digestMessage(d: Digest): OutgoingMessage {
  const D = S.digest;
  const blocks: Block[] = [{ type: 'heading', text: D.title(d.niveau, frenchDay(d.week, false)) }];
  if (d.tentative && (d.thisWeek.length || d.nextWeek.length)) blocks.push({ type: 'paragraph', text: D.tentative });
  if (!d.thisWeek.length && !d.nextWeek.length) blocks.push({ type: 'paragraph', text: D.nothingDated });
  if (d.thisWeek.length) blocks.push({ type: 'heading', text: D.thisWeek }, { type: 'list', items: d.thisWeek.map(eventLine) });
  if (d.nextWeek.length) blocks.push({ type: 'heading', text: D.nextWeek }, { type: 'list', items: d.nextWeek.map(eventLine) });
  if (d.news.length)
    blocks.push(
      { type: 'heading', text: D.news },
      {
        type: 'list',
        items: d.news.map((n) => `${n.title}${n.summary ? ` : ${shorten(n.summary, 140)}` : ''}${n.link ? ` (${n.link})` : ''}`),
      },
    );
  const known = (k: DidYouKnow) => `${k.text} ${k.link ? S.more(k.link) : S.askMe(k.title)}`;
  if (d.didYouKnow.length === 1)
    blocks.push({ type: 'heading', text: `${D.didYouKnow} ${d.didYouKnow[0].title}` }, { type: 'paragraph', text: known(d.didYouKnow[0]) });
  else if (d.didYouKnow.length)
    blocks.push({ type: 'heading', text: D.didYouKnow }, { type: 'list', items: d.didYouKnow.map((k) => `${k.title} : ${known(k)}`) });
  if (d.asked.length)
    blocks.push({ type: 'heading', text: D.asked }, { type: 'list', items: d.asked.map((a) => D.askedLine(a.title, a.count)) });
  blocks.push({ type: 'paragraph', text: S.footer(S.digestShort) });
  return { blocks };
}
