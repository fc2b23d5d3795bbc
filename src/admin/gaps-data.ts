import path from 'node:path';
import { stringify } from 'yaml';
import { groupGaps, type GapGroup } from '../cli/gaps-report.js';
import type { Engine } from '../core/engine.js';
import { OUT_OF_SCOPE } from '../knowledge/examples.js';
import { dayOf, GAP_KEEP_DAYS, readGaps } from '../state/gaps.js';
import type { StateStore } from '../state/store.js';

/** A group of unanswered questions with the YAML to paste into the pack. */
export interface GapPanelGroup extends GapGroup {
  /** The file to add the examples to, relative to the project; absent for questions near no entry. */
  file?: string;
  snippet?: string;
}

export interface GapsPanel {
  from: string;
  to: string;
  total: number;
  dropped: number;
  groups: GapPanelGroup[];
}

/** The figures of « Questions sans réponse »: `kb:gaps` grouped by nearest entry, each with its snippet. */
export async function gapsPanel(store: StateStore, engine: Engine, now: Date): Promise<GapsPanel> {
  const days = await readGaps(store, now);
  const range = { from: dayOf(new Date(now.getTime() - (GAP_KEEP_DAYS - 1) * 864e5)), to: dayOf(now) };
  const report = groupGaps(days, range, (id) => engine.entry(id)?.title);
  const pack = path.relative(process.cwd(), engine.kb.dir) || '.';
  const groups = report.groups.map((g) => {
    const target = g.outOfScope ? OUT_OF_SCOPE : g.entry && engine.entry(g.entry) ? g.entry : undefined;
    if (!target) return { ...g };
    const file = path.join(pack, 'exemples', `${target}.yaml`).split(path.sep).join('/');
    const snippet = `# à ajouter à la fin de ${file}\n${stringify(g.questions.map((q) => q.text))}`;
    return { ...g, file, snippet };
  });
  return { ...report, groups };
}
