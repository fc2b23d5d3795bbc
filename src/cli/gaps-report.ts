import type { GapDay, GapKind } from '../state/gaps.js';

/** One question as `kb:gaps` lists it: summed over the days, with how it was met and for which niveau. */
export interface GapQuestion {
  text: string;
  count: number;
  kinds: Partial<Record<GapKind, number>>;
  niveaux: Partial<Record<'college' | 'lycee', number>>;
}

/** The questions near one entry (or near none, or out of scope), most frequent first. */
export interface GapGroup {
  /** The nearest entry's id; null for questions near no entry or out of scope. */
  entry: string | null;
  title: string | null;
  outOfScope: boolean;
  count: number;
  /** First and last day seen, `YYYY-MM-DD`. */
  first: string;
  last: string;
  questions: GapQuestion[];
}

/** What `npm run -s kb:gaps -- --json` prints. */
export interface GapReport {
  from: string;
  to: string;
  total: number;
  /** Questions counted but not kept, on days that reached the cap. */
  dropped: number;
  groups: GapGroup[];
}

const add = <K extends string>(o: Partial<Record<K, number>>, k: K, n: number) => {
  o[k] = (o[k] ?? 0) + n;
};

/** Groups the recorded days by nearest entry; `titleOf` names an entry (undefined when the pack no longer has it). */
export function groupGaps(days: GapDay[], range: { from: string; to: string }, titleOf: (id: string) => string | undefined): GapReport {
  const groups = new Map<string, GapGroup & { byText: Map<string, GapQuestion> }>();
  let total = 0;
  let dropped = 0;
  for (const day of days) {
    dropped += day.dropped ?? 0;
    for (const item of day.items) {
      const outOfScope = item.kind === 'out-of-scope';
      const entry = outOfScope ? null : item.nearest;
      const key = outOfScope ? '\0out' : (entry ?? '\0none');
      let g = groups.get(key);
      if (!g) {
        g = {
          entry,
          title: entry ? (titleOf(entry) ?? null) : null,
          outOfScope,
          count: 0,
          first: day.day,
          last: day.day,
          questions: [],
          byText: new Map(),
        };
        groups.set(key, g);
      }
      g.count += item.count;
      total += item.count;
      if (day.day < g.first) g.first = day.day;
      if (day.day > g.last) g.last = day.day;
      let q = g.byText.get(item.text);
      if (!q) {
        q = { text: item.text, count: 0, kinds: {}, niveaux: {} };
        g.byText.set(item.text, q);
      }
      q.count += item.count;
      add(q.kinds, item.kind, item.count);
      if (item.niveau) add(q.niveaux, item.niveau, item.count);
    }
  }
  const list = [...groups.values()].map(({ byText, ...g }) => ({
    ...g,
    questions: [...byText.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)),
  }));
  list.sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
  return { ...range, total, dropped, groups: list };
}

const frDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const KIND_WORDS: Record<GapKind, string> = { menu: 'menu proposé', fallback: 'sans réponse', 'out-of-scope': 'jugée hors sujet' };
const NIVEAU_WORDS = { college: 'collège', lycee: 'lycée' } as const;
/** Questions shown per group in the table; `--json` has them all. */
const SHOWN = 8;

/** The report as a table for people (French). */
export function formatGaps(r: GapReport): string {
  const head = `Questions restées sans bonne réponse du ${frDate(r.from)} au ${frDate(r.to)} : ${r.total}`;
  if (!r.total) return `${head}.\n`;
  const lines = [`${head}, groupées par entrée la plus proche (la plus demandée d’abord).`];
  if (r.dropped)
    lines.push(
      `(${r.dropped} autre${r.dropped > 1 ? 's' : ''}, au-delà du plafond par jour, comptée${r.dropped > 1 ? 's' : ''} sans être gardée${r.dropped > 1 ? 's' : ''}.)`,
    );
  const width = String(r.groups[0].count).length;
  for (const g of r.groups) {
    const name = g.outOfScope
      ? 'Jugées hors sujet par l’assistant'
      : g.entry
        ? `${g.title ?? '(entrée absente de la base)'} [${g.entry}]`
        : 'Aucune entrée proche';
    const when = g.first === g.last ? `le ${frDate(g.first)}` : `du ${frDate(g.first)} au ${frDate(g.last)}`;
    lines.push('', `${String(g.count).padStart(width)}  ${name}  (${when})`);
    for (const q of g.questions.slice(0, SHOWN)) {
      const how = (Object.entries(q.kinds) as [GapKind, number][]).map(([k]) => KIND_WORDS[k]);
      const niveaux = (Object.keys(q.niveaux) as ('college' | 'lycee')[]).map((n) => NIVEAU_WORDS[n]);
      lines.push(`${' '.repeat(width)}  ${String(q.count).padStart(3)} × « ${q.text} » (${[...how, ...niveaux].join(', ')})`);
    }
    if (g.questions.length > SHOWN)
      lines.push(`${' '.repeat(width)}        … et ${g.questions.length - SHOWN} autre(s) question(s) (--json pour tout voir)`);
  }
  return lines.join('\n') + '\n';
}
