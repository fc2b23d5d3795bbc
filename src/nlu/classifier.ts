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

/** A tiny seeded PRNG (mulberry32): training order is shuffled the same way every time. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SoftmaxClassifier {
  readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();
  private readonly weights = new Map<string, Float64Array>();
  private bias = new Float64Array(0);

  constructor(private readonly opts: ClassifierOptions = {}) {}

  /** Learns from the examples (labels are discovered from them). */
  train(examples: Example[]): this {
    for (const e of examples) if (!this.labelIndex.has(e.label)) this.labelIndex.set(e.label, this.labels.push(e.label) - 1);
    const k = this.labels.length;
    this.bias = new Float64Array(k);
    const epochs = this.opts.epochs ?? 40;
    const rate = this.opts.learningRate ?? 0.6;
    const l2 = this.opts.l2 ?? 1e-4;
    const order = examples.map((_, i) => i);
    const random = rng(42);
    const probs = new Float64Array(k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const lr = rate / (1 + epoch * 0.1);
      for (const idx of order) {
        const ex = examples[idx];
        const feats = unique(ex.features);
        if (!feats.length) continue;
        const x = 1 / Math.sqrt(feats.length);
        const rows = feats.map((f) => this.row(f, k));
        this.scores(rows, x, probs);
        softmax(probs);
        const y = this.labelIndex.get(ex.label)!;
        for (let c = 0; c < k; c++) {
          const g = probs[c] - (c === y ? 1 : 0);
          this.bias[c] -= lr * g;
          for (const r of rows) r[c] -= lr * (g * x + l2 * r[c]);
        }
      }
    }
    return this;
  }

  /** Every label with its probability, best first. */
  predict(features: string[]): Prediction[] {
    const k = this.labels.length;
    if (!k) return [];
    const feats = unique(features);
    const rows = feats.map((f) => this.weights.get(f)).filter((r): r is Float64Array => Boolean(r));
    const probs = new Float64Array(k);
    this.scores(rows, feats.length ? 1 / Math.sqrt(feats.length) : 0, probs);
    softmax(probs);
    const out = this.labels.map((label, c) => ({ label, p: probs[c] }));
    return out.sort((a, b) => b.p - a.p);
  }

  /** True when a feature was seen in training. */
  knows(feature: string): boolean {
    return this.weights.has(feature);
  }

  private row(feature: string, k: number): Float64Array {
    let r = this.weights.get(feature);
    if (!r) {
      r = new Float64Array(k);
      this.weights.set(feature, r);
    }
    return r;
  }

  private scores(rows: Float64Array[], x: number, out: Float64Array): void {
    out.set(this.bias);
    for (const r of rows) for (let c = 0; c < out.length; c++) out[c] += r[c] * x;
  }
}

function unique(features: string[]): string[] {
  return [...new Set(features)];
}

function softmax(v: Float64Array): void {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = Math.exp(v[i] - max);
    sum += v[i];
  }
  for (let i = 0; i < v.length; i++) v[i] /= sum;
}
