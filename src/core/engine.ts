import { AnswerBuilder } from '../knowledge/answer.js';
import { blocksToText } from '../shared/text.js';
import type { Entry, KnowledgeBase } from '../knowledge/schema.js';
import { SearchIndex, type Hit, type Searchable } from '../knowledge/search.js';
import { Analyzer, type Analysis } from '../nlu/analyzer.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';

/** A guided flow as the recognisers see it: how people ask for it. */
export interface FlowTrigger {
  id: string;
  /** « préparer une demande de FIL » */
  label: string;
  /** What to type to start it, shown in answers and `aide`. */
  command: string;
  triggers: string[];
  /** Each answer's name (« Établissement »), for « mes données ». */
  fields?: { id: string; label: string }[];
}

/** The knowledge base made searchable: analyzer, index and answer builder, built once at start. */
export class Engine {
  readonly analyzer: Analyzer;
  readonly index: SearchIndex;
  readonly answers: AnswerBuilder;
  private readonly byId: Map<string, Entry>;
  private readonly searches = new WeakMap<Analysis, Hit[]>();

  constructor(
    readonly kb: KnowledgeBase,
    readonly flows: FlowTrigger[] = [],
    readonly settings: Readonly<Settings> = DEFAULT_SETTINGS,
  ) {
    this.answers = new AnswerBuilder(kb);
    this.byId = new Map(kb.entries.map((e) => [e.id, e]));
    const items: Searchable[] = kb.entries.map((e) => this.searchable(e));
    for (const f of flows) items.push({ id: `flow:${f.id}`, phrases: [f.label, f.command, ...f.triggers], body: '' });
    const corpus = items.flatMap((i) => [...i.phrases, i.body]);
    this.analyzer = new Analyzer(kb.lexicon, corpus);
    this.index = new SearchIndex(items, this.analyzer);
  }

  /** Ranked entries and flows for an analysed message, computed once per analysis. */
  search(a: Analysis): Hit[] {
    let hits = this.searches.get(a);
    if (!hits) {
      hits = this.index.search(a.terms);
      this.searches.set(a, hits);
    }
    return hits;
  }

  /** Runs every entry's example questions once, so the first real answers run on compiled code. */
  warm(): void {
    for (const e of this.kb.entries) {
      for (const q of e.questions) {
        const top = this.search(this.analyzer.analyze(q))[0];
        const hit = top && this.byId.get(top.id);
        if (hit) this.answers.build(hit, { niveau: 'lycee', departement: this.kb.lexicon.departements[0]?.numero });
      }
    }
  }

  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  flow(id: string): FlowTrigger | undefined {
    return this.flows.find((f) => f.id === id);
  }

  /** Questions, title and keywords weigh fully; the answer and the data behind it help. */
  private searchable(e: Entry): Searchable {
    const phrases = [e.title, ...e.questions, ...e.keywords];
    const r = e.render;
    let data = '';
    if (r?.kind === 'outils') {
      const usage = this.kb.usages.find((u) => u.id === r.usage);
      if (usage) phrases.push(usage.libelle);
      const ids = usage?.outils.map((x) => (typeof x === 'string' ? x : x.outil)) ?? [];
      // aliases (« casier », « frise ») are what people type; full names mostly repeat the platform
      for (const o of this.kb.outils.filter((t) => ids.includes(t.id))) phrases.push(...o.aliases);
    } else if (r?.kind === 'coordonnateurs') {
      for (const c of this.kb.coordonnateurs) phrases.push(c.nom);
    } else if (r?.kind === 'outil') {
      const o = this.kb.outils.find((t) => t.id === r.outil);
      if (o) phrases.push(...o.aliases);
    }
    if (r) data = blocksToText(this.answers.build(e, {}).blocks);
    const variants = Object.values(e.variants ?? {}).join('\n');
    return { id: e.id, phrases, body: [e.answer, variants, data, ...e.notes.map((n) => n.text)].join('\n') };
  }
}
