import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { composeDigest, digestMessage } from '../../src/schedule/digest.js';
import { digestWeeks } from '../../src/schedule/did-you-know.js';
import { messageToText } from '../../src/shared/text.js';

const kb = loadKnowledge(path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'bordeaux'));
const cal = kb.calendar!;
const noInput = { news: [], counts: {} };

describe('« Le saviez-vous ? » over a school year', () => {
  for (const year of cal.annees)
    for (const niveau of ['college', 'lycee'] as const)
      it(`${year.id}, ${niveau}: every entry of the niveau comes at least once, at most two a week, each digest one screen`, () => {
        const weeks = digestWeeks(cal, year);
        // a school year of zone A has some 35 weeks of classes
        expect(weeks.length).toBeGreaterThan(30);
        const shown: string[] = [];
        for (const week of weeks) {
          const d = composeDigest(kb, week, niveau, noInput);
          expect(d.didYouKnow.length).toBeGreaterThanOrEqual(1);
          expect(d.didYouKnow.length).toBeLessThanOrEqual(2);
          shown.push(...d.didYouKnow.map((k) => k.id));
          // one screen: a phone shows some 40 lines of 45 characters
          const text = messageToText(digestMessage(d));
          const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 45)), 0);
          expect(lines, `${week}\n${text}`).toBeLessThanOrEqual(40);
        }
        const wanted = kb.entries.filter((e) => e.audience.includes(niveau)).map((e) => e.id);
        expect(new Set(shown)).toEqual(new Set(wanted));
        // none of the other niveau's entries
        expect(shown.filter((id) => !wanted.includes(id))).toEqual([]);
        // each once: more entries than weeks means no repeat within the year
        expect(shown.length).toBe(wanted.length);
      });

  it('the same week gives the same entries (deterministic), the next week others', () => {
    const a = composeDigest(kb, '2026-09-14', 'lycee', noInput).didYouKnow.map((k) => k.id);
    expect(composeDigest(kb, '2026-09-16', 'lycee', noInput).didYouKnow.map((k) => k.id)).toEqual(a);
    expect(composeDigest(kb, '2026-09-21', 'lycee', noInput).didYouKnow.map((k) => k.id)).not.toEqual(a);
  });

  it('two entries are listed with their titles and links; an entry drawn from the académie’s tables has its text too', () => {
    const year = cal.annees.find((y) => y.id === '2026-2027')!;
    const digests = digestWeeks(cal, year).map((w) => composeDigest(kb, w, 'college', noInput));
    const two = digests.find((d) => d.didYouKnow.length === 2)!;
    const text = messageToText(digestMessage(two));
    expect(text).toContain(`Le saviez-vous ?\n\n- ${two.didYouKnow[0].title} : `);
    // each item leads further: its page, or what to ask the assistant
    for (const d of digests) {
      const text = messageToText(digestMessage(d));
      for (const k of d.didYouKnow) expect(text).toMatch(k.link ? `En savoir plus : ${k.link}` : /Pour la suite, écrivez-moi « [^»]+ »/);
    }
    const tools = digests.flatMap((d) => d.didYouKnow).find((k) => k.id === 'outils.via')!;
    expect(tools.text).toMatch(/visioconférence/);
  });
});
