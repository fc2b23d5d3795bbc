/** What `npm run bench` measured, and the table people read. */
import { ENGINE_LABELS, type EngineName } from './engines.js';

export interface EngineResult {
  engine: string;
  entries?: number;
  questions?: number;
  buildMs?: number;
  median?: number;
  p95?: number;
  p99?: number;
  /** CPU time per question (user + system), median and p99. */
  cpuMedian?: number;
  cpuP99?: number;
  accuracy?: number;
  heapMb?: number;
  rssMb?: number;
  error?: string;
}

export interface Report {
  machine: { cpus: number; cpu: string; memGb: number; node: string; platform: string; load?: number[] };
  packs: {
    label: string;
    engines: EngineResult[];
    batchColdMs?: number;
    batchWarmMs?: number;
    /** CPU seconds of those whole `batch` runs (start, warm-up, one line, exit). */
    batchColdCpu?: number;
    batchWarmCpu?: number;
    batchError?: string;
    lint?: { ms: number; ok: boolean; warnings: number; cpuSeconds: number };
  }[];
  commands: Record<string, object>;
}

const ms = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? `${Math.round(x)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${x.toFixed(3)} ms`;
const cpu = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(1)} s`);
const pct = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);

function grid(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((x, c) => (c ? x.padStart(widths[c]) : x.padEnd(widths[c]))).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w, c) => (c ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** The report as Markdown tables (the README quotes them). */
export function renderTable(r: Report): string {
  const out: string[] = [];
  const m = r.machine;
  const load = m.load?.length
    ? `, charge moyenne ${m.load.map((x) => x.toFixed(1)).join(' puis ')} (sur 1 min, au début puis à la fin)`
    : '';
  out.push(`Machine : ${m.cpus} cœurs (${m.cpu}), ${m.memGb} Go, Node ${m.node}, ${m.platform}${load}\n`);
  for (const p of r.packs) {
    out.push(`### ${p.label}\n`);
    const rows = [['moteur', 'questions', 'construction', 'médiane', 'p95', 'p99', 'CPU méd.', 'CPU p99', 'top-1', 'tas', 'RSS']];
    for (const e of p.engines) {
      if (e.error) rows.push([ENGINE_LABELS[e.engine as EngineName] ?? e.engine, 'échec', e.error, '', '', '', '', '', '', '', '']);
      else
        rows.push([
          ENGINE_LABELS[e.engine as EngineName] ?? e.engine,
          String(e.questions),
          ms(e.buildMs),
          ms(e.median),
          ms(e.p95),
          ms(e.p99),
          ms(e.cpuMedian),
          ms(e.cpuP99),
          pct(e.accuracy),
          `${e.heapMb} Mo`,
          `${e.rssMb} Mo`,
        ]);
    }
    out.push(grid(rows));
    const lint = p.lint
      ? `${ms(p.lint.ms)} (CPU ${cpu(p.lint.cpuSeconds)})${p.lint.ok ? '' : ' (échec)'}${p.lint.warnings ? `, ${p.lint.warnings} avertissements` : ''}`
      : '—';
    const batch =
      p.batchError ??
      `${ms(p.batchColdMs)} à froid (CPU ${cpu(p.batchColdCpu)}), ${ms(p.batchWarmMs)} avec le cache (CPU ${cpu(p.batchWarmCpu)})`;
    out.push(`\n\`batch\` prêt (première réponse) : ${batch} · \`kb:lint\` : ${lint}\n`);
  }
  const c = r.commands as Record<string, Record<string, number>>;
  const rows = [['mesure', 'valeur']];
  for (const store of ['memory', 'sqlite']) {
    const b = c[`batch.${store}`];
    if (b)
      rows.push([
        `batch, débit (${store})`,
        `${Math.round(b.linesPerSecond)} lignes/s (${b.lines} lignes, CPU ${cpu(b.cpuSeconds)} en tout)`,
      ]);
  }
  for (const store of ['memory', 'sqlite']) {
    const f = c[`flow.${store}`];
    if (f) rows.push([`étape de démarche avec écriture (${store})`, `médiane ${ms(f.median)}, p99 ${ms(f.p99)}`]);
  }
  for (const [key, name] of [
    ['console.tsx', 'npm start'],
    ['console.compiled', 'npm run start:prod'],
  ]) {
    const s = c[key];
    if (s) rows.push([`${name} : invite, première réponse, RSS`, `${ms(s.promptMs)}, ${ms(s.firstAnswerMs)}, ${s.rssMb.toFixed(0)} Mo`]);
  }
  out.push('### Commandes (pack livré)\n');
  out.push(grid(rows));
  return out.join('\n') + '\n';
}
