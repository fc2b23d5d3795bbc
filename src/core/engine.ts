import { AnswerBuilder } from '../knowledge/answer.js';
import { blocksToText } from '../shared/text.js';
import type { Entry, KnowledgeBase } from '../knowledge/schema.js';
import type { PassageTerms } from '../knowledge/passages.js';
import { SearchIndex, type Hit, type Searchable } from '../knowledge/search.js';
import { OUT_OF_SCOPE } from '../knowledge/examples.js';
import { loadPlaces } from '../knowledge/places.js';
import { Analyzer, indexOfSeq, type Analysis } from '../nlu/analyzer.js';
import { SoftmaxClassifier, trainingKey } from '../nlu/classifier.js';
import { featuresOf } from '../nlu/features.js';
import { normalize, stem, tokenize } from '../nlu/normalize.js';
import type { Ranking } from './decide.js';
import type { ModelCache } from './model-cache.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';

/** How many sentences' terms the engine keeps for finding the sentence that answers. */
const SENTENCE_CACHE = 5000;

/** Packs larger than this are served by the search alone (the classifier's memory grows with entries × features). */
const MAX_CLASSIFIER_ENTRIES = 400;
/** Entries a search returns at most (beside every matching flow): what decisions and menus read is far fewer. */
const SEARCH_LIMIT = 50;
/** Entries whose example questions `warm()` runs: enough for the JIT, few enough for any pack. */
const WARM_ENTRIES = 60;

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
  /** Learnt from the pack's example questions; absent when the pack has none. */
  readonly classifier?: SoftmaxClassifier;
  private readonly byId: Map<string, Entry>;
  private readonly searches = new WeakMap<Analysis, Hit[]>();
  private readonly rankings = new WeakMap<Analysis, Ranking>();
  /** The pages for people the guide does not serve (`horsChamp`), with the words (stemmed) that name those people. */
  private readonly outsidePages: Map<string, string[][]>;

  constructor(
    readonly kb: KnowledgeBase,
    readonly flows: FlowTrigger[] = [],
    readonly settings: Readonly<Settings> = DEFAULT_SETTINGS,
    /** A model trained on the same examples at an earlier start (`data/`), read instead of training again. */
    private readonly models?: ModelCache,
  ) {
    this.answers = new AnswerBuilder(kb);
    this.byId = new Map(kb.entries.map((e) => [e.id, e]));
    const items: Searchable[] = kb.entries.map((e) => this.searchable(e));
    for (const f of flows) items.push({ id: `flow:${f.id}`, phrases: [f.label, f.command, ...f.triggers], body: '', always: true });
    const examples = Object.entries(kb.examples ?? {});
    // the words of the examples are the domain's too: the speller corrects towards them
    const corpus = [...items.flatMap((i) => [...i.phrases, i.body]), ...examples.flatMap(([, qs]) => qs)];
    const names = [...kb.outils.flatMap((o) => [o.nom, ...o.aliases]), ...kb.entries.flatMap((e) => e.keywords)];
    this.analyzer = new Analyzer(kb.lexicon, corpus, loadPlaces(kb.lexicon.departements.map((d) => d.numero)), names);
    this.index = new SearchIndex(items, this.analyzer);
    this.outsidePages = new Map(
      kb.lexicon.horsChamp.map((h) => {
        const words = [...h.mots, ...(this.byId.get(h.entree)?.keywords ?? [])];
        return [h.entree, words.map((w) => tokenize(normalize(w)).map(stem)).filter((p) => p.length)];
      }),
    );
    // the classifier keeps a weight per feature and entry: past a few hundred entries the search alone serves
    if (examples.length && kb.entries.length <= MAX_CLASSIFIER_ENTRIES) this.classifier = this.train(examples);
  }

  /** The classifier, trained on each entry's title, questions and examples, and on the out-of-scope examples. */
  private train(examples: [string, string[]][]): SoftmaxClassifier {
    const data = this.kb.entries.flatMap((e) => [e.title, ...e.questions].map((q) => ({ label: e.id, text: q })));
    for (const [label, qs] of examples) for (const q of qs) data.push({ label, text: q });
    const example = (d: { label: string; text: string }) => ({ label: d.label, features: featuresOf(this.analyzer.analyze(d.text)) });
    // the key is read example by example, nothing kept: a model read back costs no training data in memory
    const key = this.models && trainingKey(mapped(data, example));
    const kept = key && this.models?.load(key);
    if (kept) return SoftmaxClassifier.restore(kept);
    const classifier = new SoftmaxClassifier().train(data.map(example));
    if (key) this.models?.save(key, classifier.snapshot());
    return classifier;
  }

  /**
   * Entries ranked by the search and the classifier together (the search
   * knows the guide's words, the classifier the ways people put things), and
   * the share the classifier gives to « out of scope ». Computed once per analysis.
   */
  rank(a: Analysis): Ranking {
    const cached = this.rankings.get(a);
    if (cached) return cached;
    const found = this.search(a).filter((h) => !h.id.startsWith('flow:'));
    let ranking: Ranking = { hits: found, index: found, outOfScope: 0 };
    if (this.classifier) ranking = this.blend(this.classifier, found, featuresOf(a));
    if (this.outsidePages.size) {
      // a page for people the guide does not serve (the premier degré) answers a message that names them:
      // « à qui je m'adresse en premier pour une question numérique ? » is a RUPN's question
      const stems = a.tokens.map(stem);
      const named = (h: Hit) => this.outsidePages.get(h.id)?.some((p) => indexOfSeq(stems, p) >= 0) ?? true;
      ranking = { ...ranking, hits: ranking.hits.filter(named), index: ranking.index.filter(named) };
    }
    this.rankings.set(a, ranking);
    return ranking;
  }

  /**
   * The search's hits and the classifier's probabilities mixed: the same scores, in the same order, as going
   * through every label's prediction best first (`predict`), without sorting the labels the search found (their
   * place is theirs already) nor making an object per label.
   */
  private blend(classifier: SoftmaxClassifier, found: Hit[], features: string[]): Ranking {
    const w = this.settings.classifierWeight;
    const scores = new Map(found.map((h) => [h.id, (1 - w) * h.score]));
    const probs = classifier.probabilities(features);
    const oos = classifier.labelOf(OUT_OF_SCOPE);
    const outOfScope = oos >= 0 ? probs[oos] : 0;
    // between entries, the classifier's say given that the message is in scope
    const inScope = Math.max(1 - outOfScope, 1e-6);
    // a label the search found keeps its place; the others come after, most probable first
    const added: number[] = [];
    for (let c = 0; c < probs.length; c++) {
      if (c === oos) continue;
      const label = classifier.labels[c];
      const share = Math.min(1, probs[c] / inScope);
      const searched = scores.get(label);
      if (searched !== undefined) scores.set(label, searched + w * share);
      else if (share > 0.01) added.push(c);
    }
    added.sort((x, y) => probs[y] - probs[x] || x - y);
    for (const c of added) scores.set(classifier.labels[c], w * Math.min(1, probs[c] / inScope));
    const hits = [...scores].map(([id, score]) => ({ id, score })).sort((x, y) => y.score - x.score);
    return { hits, index: found, outOfScope };
  }

  /** Ranked entries and flows for an analysed message, computed once per analysis. */
  search(a: Analysis): Hit[] {
    let hits = this.searches.get(a);
    if (!hits) {
      hits = this.index.search(a.terms, SEARCH_LIMIT);
      this.searches.set(a, hits);
    }
    return hits;
  }

  /** How rare a term is in the pack (what the decision weighs a message's words with). */
  weight(term: string): number {
    return this.index.weight(term);
  }

  private readonly sentenceTerms = new Map<string, string[]>();

  /** Terms and rarity for finding the sentence that answers inside a page. */
  readonly passageTerms: PassageTerms = {
    // the same sentences of the same pages come back turn after turn: their terms are kept (a bounded cache)
    termsOf: (text) => {
      let terms = this.sentenceTerms.get(text);
      if (!terms) {
        if (this.sentenceTerms.size >= SENTENCE_CACHE) this.sentenceTerms.clear();
        terms = this.analyzer.indexTerms(text);
        this.sentenceTerms.set(text, terms);
      }
      return terms;
    },
    weight: (term) => this.index.weight(term),
    knows: (term) => this.index.knows(term),
  };

  /** True when one of the two entries lists the other in `related`. */
  linked(a: string, b: string): boolean {
    const x = this.entry(a);
    const y = this.entry(b);
    return Boolean(x && y && (x.related.includes(b) || y.related.includes(a)));
  }

  /** True when the pack uses the term: in its text, or in the examples the classifier learnt. */
  knows(term: string): boolean {
    return this.index.knows(term) || Boolean(this.classifier?.knows(`t:${term}`));
  }

  /**
   * Runs example questions of a sample of entries (spread over the pack), so
   * that the first real answers run on compiled code; a sample, because every
   * question of a large pack would cost time that grows with its square.
   */
  warm(): void {
    const step = Math.max(1, this.kb.entries.length / WARM_ENTRIES);
    for (let i = 0; i < this.kb.entries.length; i += step) {
      const e = this.kb.entries[Math.floor(i)];
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
    // the examples count as phrases too: a message close to one of them is close to the entry
    const phrases = [e.title, ...e.questions, ...e.keywords, ...(this.kb.examples?.[e.id] ?? [])];
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

/** Each item mapped when it is read, none kept. */
function* mapped<T, U>(items: T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
