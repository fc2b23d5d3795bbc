/**
 * The held-out set: 150 questions in RUPNs' own words, written blind (by
 * someone who never ran the engine on them) and never read while tuning.
 * This test only reports the score per family and holds a floor; it never
 * prints a question, so that tuning cannot aim at them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replyText } from '../../src/shared/text.js';
import { testAssistant } from '../helpers/assistant.js';

/** The lowest share of held-out questions answered right that `npm test` accepts. */
const HELDOUT_FLOOR = 0.65;

interface Case {
  id: string;
  family: number;
  profile?: { niveau?: 'college' | 'lycee'; departement?: string };
  text: string;
  must?: string[][];
  mustNot?: string[][];
  topicNull?: boolean;
}

// The judging of ../shared/eval: lowercase, no accents, punctuation as spaces, strings at a word start.
const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const has = (reply: string, alt: string) => ` ${reply}`.includes(` ${norm(alt)}`);

describe('held-out questions (RUPNs’ own words, never read while tuning)', () => {
  it(`answers at least ${HELDOUT_FLOOR * 100} % of them right`, async () => {
    const file = path.join(import.meta.dirname, 'questions.jsonl');
    const cases: Case[] = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const a = testAssistant();
    const byFamily = new Map<number, { ok: number; all: number }>();
    let ok = 0;
    for (const [i, c] of cases.entries()) {
      const r = await a.handle({
        platform: 'batch',
        workspace: '-',
        user: `heldout-${i}`,
        conversation: 'batch',
        text: c.text,
        profile: c.profile,
      });
      const reply = norm(replyText(r));
      const pass =
        (c.must ?? []).every((g) => g.some((alt) => has(reply, alt))) &&
        !(c.mustNot ?? []).some((g) => g.some((alt) => has(reply, alt))) &&
        (!c.topicNull || r.topic === null);
      const f = byFamily.get(c.family) ?? { ok: 0, all: 0 };
      f.all++;
      if (pass) {
        f.ok++;
        ok++;
      }
      byFamily.set(c.family, f);
    }
    const families = [...byFamily.entries()].sort(([x], [y]) => x - y).map(([k, f]) => `famille ${k} : ${f.ok}/${f.all}`);
    process.stdout.write(
      `\nQuestions réservées : ${ok}/${cases.length} (${((100 * ok) / cases.length).toFixed(1)} %) ; ${families.join(', ')}\n`,
    );
    expect(ok / cases.length).toBeGreaterThanOrEqual(HELDOUT_FLOOR);
  });
});
