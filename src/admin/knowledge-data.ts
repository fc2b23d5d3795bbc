import type { Engine } from '../core/engine.js';
import { addDays } from '../schedule/time.js';
import type { StateStore } from '../state/store.js';
import { servedCounts } from './activity-data.js';

export interface KnowledgeRow {
  id: string;
  title: string;
  audience: string[];
  sources: string[];
  reviewed: string;
  /** Last reviewed more than 12 months ago. */
  stale: boolean;
  warnings: string[];
  served: number;
}

export interface KnowledgePanel {
  entries: KnowledgeRow[];
  warnings: number;
  stale: number;
}

const NIVEAUX: Record<string, string> = { college: 'collège', lycee: 'lycée' };

/**
 * The warnings of `kb:lint` (an example question that the search sends to
 * another entry), computed with the running engine rather than a second one
 * trained for the purpose; once per engine, the pack does not change while it runs.
 */
const lintCache = new WeakMap<Engine, Map<string, string[]>>();
function lintWarnings(engine: Engine): Map<string, string[]> {
  let found = lintCache.get(engine);
  if (!found) {
    found = new Map();
    for (const e of engine.kb.entries) {
      const mine: string[] = [];
      for (const q of e.questions) {
        const top = engine.rank(engine.analyzer.analyze(q)).hits[0];
        if (top && top.id !== e.id)
          mine.push(`La question « ${q} » mène à la fiche « ${top.id} » ; reformulez-la ou précisez les mots-clés.`);
      }
      if (mine.length) found.set(e.id, mine);
    }
    lintCache.set(engine, found);
  }
  return found;
}

/** The figures of « Connaissances »: every entry, its review date, its lint warnings and how often it was served in 90 days. */
export async function knowledgePanel(store: StateStore, engine: Engine, today: string, now: Date): Promise<KnowledgePanel> {
  const served = await servedCounts(store, now);
  const warnings = lintWarnings(engine);
  const limit = addDays(today, -365);
  const entries = engine.kb.entries.map((e) => {
    const mine = warnings.get(e.id) ?? [];
    return {
      id: e.id,
      title: e.title,
      audience: e.audience.map((a) => NIVEAUX[a] ?? a),
      sources: e.sources,
      reviewed: e.reviewed,
      stale: e.reviewed < limit,
      warnings: mine,
      served: served.get(e.id) ?? 0,
    };
  });
  return {
    entries,
    warnings: entries.reduce((n, e) => n + e.warnings.length, 0),
    stale: entries.filter((e) => e.stale).length,
  };
}
