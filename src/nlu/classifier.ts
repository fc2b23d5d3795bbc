import { createHash } from 'node:crypto';

/**
 * A small softmax (multinomial logistic regression) classifier over sparse
 * features, trained at build time on the pack's example questions, in the
 * spirit of nlp.js's NLU: stems and character n-grams in, one probability per
 * label out. Deterministic: the same examples give the same model.
 */

export interface Example {
  label: string;
  features: string[];
}

export interface Prediction {
  label: string;
  p: number;
}

export interface ClassifierOptions {
  epochs?: number;
  learningRate?: number;
  /** Weight decay, so that rare features do not take over. */
  l2?: number;
}

/** A trained model as numbers, to keep between starts (`snapshot`, `SoftmaxClassifier.restore`). */
export interface ClassifierSnapshot {
  labels: string[];
  /** Feature names in the order of their rows of weights. */
  features: string[];
  weights: Float32Array;
  bias: Float32Array;
}

/** Bump when training changes, so that no start reads a model trained the old way. */
const TRAINING_VERSION = 1;

/**
 * What a model depends on: the training code's version, the options, and
 * every example's label and features in order. The same key, the same model,
 * whatever changed elsewhere (a page's wording, the analyser's code: they
 * change the features, so the key).
 */
export function trainingKey(examples: Iterable<Example>, opts: ClassifierOptions = {}): string {
  const hash = createHash('sha256').update(`v${TRAINING_VERSION}\0${JSON.stringify(opts)}\0`);
  for (const e of examples) hash.update(e.label).update('\u0001').update(e.features.join('\u0002')).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export class SoftmaxClassifier {
  readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();
  /** Feature name → row number in `weights` (one row of `labels.length` weights per feature). */
  private readonly featureIndex = new Map<string, number>();
  private weights: Float32Array = new Float32Array(0);
  private bias: Float32Array = new Float32Array(0);

  constructor(private readonly opts: ClassifierOptions = {}) {}

  /** Learns from the examples (labels and features are discovered from them). */
  train(examples: Example[]): this {
    for (const e of examples) if (!this.labelIndex.has(e.label)) this.labelIndex.set(e.label, this.labels.push(e.label) - 1);
    const rows = examples.map((e) =>
      Int32Array.from(unique(e.features), (f) => this.featureIndex.get(f) ?? this.featureIndex.set(f, this.featureIndex.size).size - 1),
    );
    const ys = examples.map((e) => this.labelIndex.get(e.label)!);
    const k = this.labels.length;
    this.weights = new Float32Array(this.featureIndex.size * k);
    this.bias = new Float32Array(k);
    const epochs = this.opts.epochs ?? 15;
    const rate = this.opts.learningRate ?? 0.8;
    const l2 = this.opts.l2 ?? 1e-4;
    const order = examples.map((_, i) => i);
    // each example's place in an epoch comes from its own text: one more example (a DANE editor's) takes its place
    // among the others instead of reshuffling them all, so that it does not move unrelated answers by chance
    const own = examples.map((e) => fnv1a(`${e.label}\u0000${e.features.join('\u0001')}`));
    const place = new Uint32Array(examples.length);
    const probs = new Float32Array(k);
    // the labels an example moves, and by how much (kept in double precision, as computed)
    const labels = new Int32Array(k);
    const steps = new Float64Array(k);
    const w = this.weights;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = 0; i < own.length; i++) place[i] = mix32(own[i] ^ Math.imul(epoch + 1, 0x9e3779b1));
      order.sort((a, b) => place[a] - place[b] || a - b);
      const lr = rate / (1 + epoch * 0.1);
      for (const idx of order) {
        const feats = rows[idx];
        if (!feats.length) continue;
        const x = 1 / Math.sqrt(feats.length);
        this.scores(feats, x, probs);
        softmax(probs);
        const y = ys[idx];
        const decay = 1 - lr * l2;
        let moving = 0;
        for (let c = 0; c < k; c++) {
          const g = probs[c] - (c === y ? 1 : 0);
          // a label the example is already far from moves too little to be worth the pass
          if (g > -1e-3 && g < 1e-3) continue;
          this.bias[c] -= lr * g;
          labels[moving] = c;
          steps[moving++] = lr * g * x;
        }
        // feature by feature, so that each row of weights is walked in order (each weight changes once: the same values)
        for (const f of feats) {
          const base = f * k;
          for (let m = 0; m < moving; m++) {
            const at = base + labels[m];
            w[at] = w[at] * decay - steps[m];
          }
        }
      }
    }
    return this;
  }

  /** The trained model as numbers (what `restore` takes back). */
  snapshot(): ClassifierSnapshot {
    return { labels: [...this.labels], features: [...this.featureIndex.keys()], weights: this.weights, bias: this.bias };
  }

  /** A model trained earlier, as `snapshot` gave it: the same predictions, without training. */
  static restore(s: ClassifierSnapshot, opts: ClassifierOptions = {}): SoftmaxClassifier {
    if (s.weights.length !== s.features.length * s.labels.length || s.bias.length !== s.labels.length) {
      throw new Error('classifier.snapshot_mismatch');
    }
    const c = new SoftmaxClassifier(opts);
    for (const label of s.labels) c.labelIndex.set(label, c.labels.push(label) - 1);
    for (const [i, f] of s.features.entries()) c.featureIndex.set(f, i);
    c.weights = s.weights;
    c.bias = s.bias;
    return c;
  }

  /** Every label with its probability, best first. */
  predict(features: string[]): Prediction[] {
    const probs = this.probabilities(features);
    return this.labels.map((label, c) => ({ label, p: probs[c] })).sort((a, b) => b.p - a.p);
  }

  /** Each label's probability, in the order of `labels` (what `predict` sorts). */
  probabilities(features: string[]): Float32Array {
    const k = this.labels.length;
    const probs = new Float32Array(k);
    if (!k) return probs;
    // each feature once, in the order first seen; an unknown one still counts in the scaling
    const distinct = new Set(features);
    const feats = new Int32Array(distinct.size);
    let known = 0;
    for (const f of distinct) {
      const id = this.featureIndex.get(f);
      if (id !== undefined) feats[known++] = id;
    }
    this.scores(feats.subarray(0, known), distinct.size ? 1 / Math.sqrt(distinct.size) : 0, probs);
    softmax(probs);
    return probs;
  }

  /** A label's place in `labels` and `probabilities`, or -1. */
  labelOf(label: string): number {
    return this.labelIndex.get(label) ?? -1;
  }

  /** True when a feature was seen in training. */
  knows(feature: string): boolean {
    return this.featureIndex.has(feature);
  }

  /** Bias plus the weights of the features, each scaled by `x`: a sparse dot product, one row of weights per feature. */
  private scores(feats: Int32Array, x: number, out: Float32Array): void {
    const k = out.length;
    const w = this.weights;
    out.set(this.bias);
    for (let i = 0; i < feats.length; i++) {
      const base = feats[i] * k;
      for (let c = 0; c < k; c++) out[c] += w[base + c] * x;
    }
  }
}

function unique(features: string[]): string[] {
  return [...new Set(features)];
}

function softmax(v: Float32Array): void {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = Math.exp(v[i] - max);
    sum += v[i];
  }
  for (let i = 0; i < v.length; i++) v[i] /= sum;
}

/** FNV-1a, 32 bits: a stable number for a text. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads the bits of a 32-bit number. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
