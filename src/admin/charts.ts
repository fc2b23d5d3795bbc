/** Characters that mean something in HTML and SVG, escaped. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface Bar {
  /** Under the bar (shown one in `labelEvery`). */
  label: string;
  value: number;
}

/**
 * A bar chart drawn on the server as SVG (no script, no library to serve):
 * it scales with its container through the viewBox. The page gives the same
 * figures in a table; the chart is labelled as a whole for screen readers.
 */
export function barChart(bars: Bar[], opts: { label: string; labelEvery?: number; height?: number }): string {
  const height = opts.height ?? 180;
  const width = Math.max(640, bars.length * 24);
  const top = 16;
  const bottom = 28;
  const left = 36;
  const plot = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = (width - left) / Math.max(1, bars.length);
  const every = opts.labelEvery ?? 1;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  const parts: string[] = [];
  for (const t of ticks) {
    const y = top + plot - (t / max) * plot;
    parts.push(
      `<line x1="${left}" x2="${width}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" class="rupn-grid"/>`,
      `<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" class="rupn-axis">${t}</text>`,
    );
  }
  bars.forEach((b, i) => {
    const h = (b.value / max) * plot;
    const x = left + i * step + step * 0.15;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${(top + plot - h).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" class="rupn-bar"><title>${escapeHtml(`${b.label} : ${b.value}`)}</title></rect>`,
    );
    if (i % every === 0)
      parts.push(
        `<text x="${(x + step * 0.35).toFixed(1)}" y="${height - 10}" text-anchor="middle" class="rupn-axis">${escapeHtml(b.label)}</text>`,
      );
  });
  return `<svg class="rupn-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(opts.label)}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
