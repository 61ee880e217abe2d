// Inline SVG bar charts (no chart library, no script): every value is also printed as text for print and screen readers.
import { html, type SafeHtml } from './template.js';

export interface Segment {
  key: string;
  value: number;
  colour: string;
}

export interface BarRow {
  label: string;
  segments: Segment[];
  /** Text shown after the bar; defaults to the segment values. */
  note?: string;
}

const WIDTH = 560;
const LABEL = 130;
const NOTE = 170;
const ROW = 22;

/** Horizontal stacked bars, one per row, scaled to the largest row total (or to each row's own total if `normalise`). */
export function stackedBars(title: string, rows: BarRow[], legend: Segment[], normalise = false): SafeHtml {
  if (rows.length === 0) return html``;
  const barWidth = WIDTH - LABEL - NOTE;
  const max = Math.max(1, ...rows.map((r) => total(r)));
  const height = rows.length * ROW + 26;
  const bars = rows.map((row, i) => {
    const y = i * ROW;
    const scale = barWidth / (normalise ? Math.max(1, total(row)) : max);
    let x = LABEL;
    const rects = row.segments
      .filter((s) => s.value > 0)
      .map((s) => {
        const w = s.value * scale;
        const rect = html`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${s.colour}"><title>${row.label}: ${s.value} ${s.key}</title></rect>`;
        x += w;
        return rect;
      });
    const note = row.note ?? row.segments.filter((s) => s.value > 0).map((s) => `${s.value} ${s.key}`).join(', ');
    return html`<text x="${LABEL - 6}" y="${y + ROW / 2 + 4}" text-anchor="end">${clip(row.label, 24)}</text>${rects}<text x="${LABEL + barWidth + 6}" y="${y + ROW / 2 + 4}">${clip(note, 30)}</text>`;
  });
  let lx = LABEL;
  const legendItems = legend.map((s) => {
    const item = html`<rect x="${lx}" y="${rows.length * ROW + 10}" width="10" height="10" fill="${s.colour}"/><text x="${lx + 14}" y="${rows.length * ROW + 19}">${s.key}</text>`;
    lx += 14 + s.key.length * 6.5 + 12;
    return item;
  });
  return html`<figure><figcaption>${title}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet"><title>${title}</title>${bars}${legendItems}</svg></figure>`;
}

function total(row: BarRow): number {
  return row.segments.reduce((n, s) => n + s.value, 0);
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
