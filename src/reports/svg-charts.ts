import { escapeHtml } from './escape-html.js';
import type { Chart } from './report-document.js';
import { formatCount, formatPercent, plural } from './report-format.js';

/**
 * Inline SVG charts: no script, no external resource, `role="img"` with a `<title>` and a `<desc>` that states the
 * figures in words, and a `<title>` per bar for pointer users. Colours come from CSS classes so the print and dark
 * styles apply. Coordinates are rounded to one decimal so output is byte-stable.
 */
export function renderSvgChart(chart: Chart, id: string): string {
  switch (chart.kind) {
    case 'weekly':
      return weeklyChart(chart, id);
    case 'rates':
      return ratesChart(chart, id);
    case 'histogram':
      return histogramChart(chart, id);
  }
}

/** Charts list at most this many actions, the lowest success rates first. */
export const MAX_RATE_BARS = 40;

const n = (x: number) => (Math.round(x * 10) / 10).toString();

function frame(id: string, title: string, desc: string, width: number, height: number, body: string): string {
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" ` +
    `xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc>${body}</svg>`
  );
}

function niceMax(max: number): number {
  if (max <= 4) return Math.max(1, max);
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function weeklyChart(chart: Extract<Chart, { kind: 'weekly' }>, id: string): string {
  const W = 720;
  const H = 240;
  const left = 48;
  const bottom = 44;
  const top = 28;
  const plotW = W - left - 12;
  const plotH = H - top - bottom;
  const weeks = chart.weeks;
  const totals = weeks.map((w) => w.succeeded + w.failed + w.other);
  const sum = totals.reduce((a, b) => a + b, 0);
  if (weeks.length === 0 || sum === 0) {
    return frame(
      id,
      chart.title,
      'No runs in this period.',
      W,
      60,
      `<text x="8" y="36" class="axis">No runs in this period.</text>`,
    );
  }
  const peak = Math.max(...totals);
  const max = niceMax(peak);
  const peakWeek = weeks[totals.indexOf(peak)]?.week ?? '';
  const step = plotW / weeks.length;
  // Thin bars for long periods; a few weeks still look like bars, not a wall.
  const barW = Math.min(48, Math.max(1, step * 0.8));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  let body = '';
  for (const v of [0, max / 2, max]) {
    body += `<line class="grid" x1="${left}" x2="${W - 12}" y1="${n(y(v))}" y2="${n(y(v))}"/>`;
    body += `<text class="axis" x="${left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${formatCount(Math.round(v))}</text>`;
  }
  weeks.forEach((w, i) => {
    const x = left + i * step + (step - barW) / 2;
    let base = 0;
    let rects = '';
    for (const [key, cls] of [
      ['succeeded', 'ok'],
      ['failed', 'bad'],
      ['other', 'other'],
    ] as const) {
      const v = w[key];
      if (v === 0) continue;
      rects += `<rect class="${cls}" x="${n(x)}" y="${n(y(base + v))}" width="${n(barW)}" height="${n(y(base) - y(base + v))}"/>`;
      base += v;
    }
    if (rects)
      body += `<g><title>${w.week}: ${w.succeeded} succeeded, ${w.failed} failed, ${w.other} other</title>${rects}</g>`;
  });
  const labelAt = [...new Set([0, Math.floor((weeks.length - 1) / 2), weeks.length - 1])];
  for (const i of labelAt) {
    const x = left + i * step + step / 2;
    const anchor =
      weeks.length === 1 ? 'middle' : i === 0 ? 'start' : i === weeks.length - 1 ? 'end' : 'middle';
    const lx = anchor === 'start' ? left : anchor === 'end' ? W - 12 : x;
    body += `<text class="axis" x="${n(lx)}" y="${H - bottom + 16}" text-anchor="${anchor}">${weeks[i]?.week ?? ''}</text>`;
  }
  body += legend(left, H - 12);
  const desc = `${plural(weeks.length, 'week')} from ${weeks[0]?.week} to ${weeks.at(-1)?.week}: ${plural(sum, 'run')}, at most ${formatCount(peak)} in ${peakWeek}. Green succeeded, red failed or timed out, grey other.`;
  return frame(id, chart.title, desc, W, H, body);
}

function legend(x: number, y: number): string {
  let out = '';
  let at = x;
  for (const [cls, label] of [
    ['ok', 'succeeded'],
    ['bad', 'failed or timed out'],
    ['other', 'other'],
  ] as const) {
    out += `<rect class="${cls}" x="${at}" y="${y - 9}" width="10" height="10"/><text class="axis" x="${at + 14}" y="${y}">${label}</text>`;
    at += 24 + label.length * 7;
  }
  return out;
}

function ratesChart(chart: Extract<Chart, { kind: 'rates' }>, id: string): string {
  const W = 720;
  const row = 22;
  const left = 200;
  const right = 150;
  const items = [...chart.items]
    .sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, MAX_RATE_BARS);
  if (items.length === 0) {
    return frame(
      id,
      chart.title,
      'No runs in this period.',
      W,
      60,
      `<text x="8" y="36" class="axis">No runs in this period.</text>`,
    );
  }
  const H = items.length * row + 16;
  const plotW = W - left - right;
  let body = '';
  items.forEach((item, i) => {
    const y = 8 + i * row;
    const label = item.label.length > 28 ? `${item.label.slice(0, 27)}…` : item.label;
    const width = item.rate === null ? 0 : item.rate * plotW;
    body += `<g><title>${escapeHtml(item.label)}: ${formatPercent(item.rate)} of ${plural(item.runs, 'run')} succeeded</title>`;
    body += `<text class="label" x="${left - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(label)}</text>`;
    body += `<rect class="track" x="${left}" y="${y + 3}" width="${n(plotW)}" height="14"/>`;
    body += `<rect class="${item.rate !== null && item.rate < 0.9 ? 'bad' : 'ok'}" x="${left}" y="${y + 3}" width="${n(width)}" height="14"/>`;
    body += `<text class="axis" x="${left + plotW + 8}" y="${y + 14}">${formatPercent(item.rate)} of ${formatCount(item.runs)}</text></g>`;
  });
  const more =
    chart.items.length > items.length
      ? ` Showing the ${items.length} lowest of ${chart.items.length} actions.`
      : '';
  const desc = `Success rate of ${plural(items.length, 'action')}, lowest first: ${items
    .slice(0, 5)
    .map((i) => `${i.label} ${formatPercent(i.rate)}`)
    .join(', ')}${items.length > 5 ? ', …' : ''}. Bars under 90% are red.${more}`;
  return frame(id, chart.title, desc, W, H, body);
}

function histogramChart(chart: Extract<Chart, { kind: 'histogram' }>, id: string): string {
  const W = 720;
  const H = 220;
  const left = 48;
  const top = 24;
  const bottom = 36;
  const plotW = W - left - 12;
  const plotH = H - top - bottom;
  const total = chart.buckets.reduce((s, b) => s + b.count, 0);
  if (total === 0) {
    return frame(
      id,
      chart.title,
      'No finished runs in this period.',
      W,
      60,
      `<text x="8" y="36" class="axis">No finished runs in this period.</text>`,
    );
  }
  const max = niceMax(Math.max(...chart.buckets.map((b) => b.count)));
  const step = plotW / chart.buckets.length;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  let body = `<line class="grid" x1="${left}" x2="${W - 12}" y1="${n(y(0))}" y2="${n(y(0))}"/>`;
  chart.buckets.forEach((b, i) => {
    const x = left + i * step + step * 0.1;
    const h = y(0) - y(b.count);
    body += `<g><title>${escapeHtml(b.label)}: ${plural(b.count, 'run')}</title>`;
    body += `<rect class="dur" x="${n(x)}" y="${n(y(b.count))}" width="${n(step * 0.8)}" height="${n(h)}"/>`;
    body += `<text class="axis" x="${n(x + step * 0.4)}" y="${n(y(b.count) - 4)}" text-anchor="middle">${formatCount(b.count)}</text>`;
    body += `<text class="axis" x="${n(x + step * 0.4)}" y="${H - bottom + 16}" text-anchor="middle">${escapeHtml(b.label)}</text></g>`;
  });
  const desc = `${plural(total, 'run')} by duration: ${chart.buckets
    .filter((b) => b.count > 0)
    .map((b) => `${b.label} ${formatCount(b.count)}`)
    .join(', ')}.`;
  return frame(id, chart.title, desc, W, H, body);
}
