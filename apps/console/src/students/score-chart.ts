/** One result on the chart: when it was answered and its total. */
export interface ScorePoint {
  at: string;
  total: number;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels: left, right, top, bottom. */
  margin: { left: number; right: number; top: number; bottom: number };
}

export interface PlacedPoint extends ScorePoint {
  x: number;
  y: number;
}

export interface ChartLayout {
  points: PlacedPoint[];
  /** Horizontal grid lines with their value. */
  ticks: { value: number; y: number }[];
  /** The line through the points, as an SVG path. */
  path: string;
  yMax: number;
  plot: { left: number; right: number; top: number; bottom: number };
}

/** The smallest "round" value at or above `max` (multiples of 5, at least 5), so the axis reads easily. */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 5;
  return Math.ceil(max / 5) * 5;
}

/**
 * Places results on a box: time runs left to right in proportion (oldest first), the total
 * bottom to top from 0. A single result sits in the middle. Pure, so it is unit-tested.
 */
export function scoreChartLayout(results: readonly ScorePoint[], box: ChartBox): ChartLayout {
  const plot = { left: box.margin.left, right: box.width - box.margin.right, top: box.margin.top, bottom: box.height - box.margin.bottom };
  const sorted = [...results].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const yMax = niceCeiling(Math.max(0, ...sorted.map((r) => r.total)));
  const first = sorted.length ? Date.parse(sorted[0].at) : 0;
  const last = sorted.length ? Date.parse(sorted[sorted.length - 1].at) : 0;
  const span = last - first;
  const xOf = (at: string) => (span === 0 ? (plot.left + plot.right) / 2 : plot.left + ((Date.parse(at) - first) / span) * (plot.right - plot.left));
  const yOf = (value: number) => plot.bottom - (value / yMax) * (plot.bottom - plot.top);
  const round = (n: number) => Math.round(n * 10) / 10;
  const points = sorted.map((r) => ({ ...r, x: round(xOf(r.at)), y: round(yOf(r.total)) }));
  const step = yMax / 5;
  const ticks = Array.from({ length: 6 }, (_, i) => ({ value: i * step, y: round(yOf(i * step)) }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  return { points, ticks, path, yMax, plot };
}

/** Results grouped by instrument (one chart each: their scales differ), each oldest first. */
export function byInstrument<T extends { instrumentCode: string; administeredAt: string }>(results: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const result of results) groups.set(result.instrumentCode, [...(groups.get(result.instrumentCode) ?? []), result]);
  return [...groups.entries()].map(([code, items]) => [code, items.sort((a, b) => Date.parse(a.administeredAt) - Date.parse(b.administeredAt))]);
}
