import type { Engine } from '../core/engine.js';
import { addDays, mondayOf } from '../schedule/time.js';
import { addDay, emptyDay, OUTCOMES, readActivity, type ActivityDay, type Outcome } from '../state/activity.js';
import type { StateStore } from '../state/store.js';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  answered: 'Répondu',
  menu: 'Menu proposé',
  notUnderstood: 'Non compris',
};

export interface ActivityPanel {
  /** The last 30 days, oldest first. */
  days: { day: string; total: number }[];
  /** The last 12 weeks (Monday of each), oldest first. */
  weeks: { monday: string; total: number }[];
  total: number;
  outcomes: { outcome: Outcome; label: string; count: number; share: number }[];
  topics: { id: string; title: string; count: number }[];
  flows: { id: string; label: string; started: number; finished: number; abandoned: number }[];
  platforms: { name: string; count: number }[];
}

const total = (d: ActivityDay) => OUTCOMES.reduce((n, o) => n + d.turns[o], 0);
const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;

/** The figures of « Activité »: 30 days in detail, 12 weeks in totals. */
export async function activityPanel(store: StateStore, engine: Engine, today: string, now: Date): Promise<ActivityPanel> {
  const all = await readActivity(store, now, 84);
  const last30 = all.slice(-30);
  const sum = last30.reduce((acc, d) => addDay(acc, d), emptyDay(today));
  const weekTotals = new Map<string, number>();
  for (const d of all) weekTotals.set(mondayOf(d.day), (weekTotals.get(mondayOf(d.day)) ?? 0) + total(d));
  const first = mondayOf(addDays(today, -77));
  const weeks = [...weekTotals].filter(([m]) => m >= first).map(([monday, t]) => ({ monday, total: t }));
  const grand = total(sum);
  return {
    days: last30.map((d) => ({ day: d.day, total: total(d) })),
    weeks,
    total: grand,
    outcomes: OUTCOMES.map((o) => ({
      outcome: o,
      label: OUTCOME_LABELS[o],
      count: sum.turns[o],
      share: grand ? sum.turns[o] / grand : 0,
    })),
    topics: Object.entries(sum.topics)
      .map(([id, count]) => ({ id, title: engine.entry(id)?.title ?? id, count }))
      .sort(byCount)
      .slice(0, 10),
    flows: Object.entries(sum.flows)
      .map(([id, f]) => ({ id, label: engine.flow(id)?.label ?? id, ...f }))
      .sort((a, b) => b.started - a.started || a.id.localeCompare(b.id)),
    platforms: Object.entries(sum.platforms)
      .map(([name, count]) => ({ name, count }))
      .sort(byCount),
  };
}

/** Times each entry was served over the last `days` days. */
export async function servedCounts(store: StateStore, now: Date, days = 90): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const d of await readActivity(store, now, days)) for (const [id, n] of Object.entries(d.topics)) out.set(id, (out.get(id) ?? 0) + n);
  return out;
}
