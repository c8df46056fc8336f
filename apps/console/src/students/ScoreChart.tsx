import { useId } from 'react';
import { useLanguage, useText } from '../i18n/language';
import { dateText } from '../ui/time';
import { type ScorePoint, scoreChartLayout } from './score-chart';

const BOX = { width: 320, height: 180, margin: { left: 36, right: 16, top: 12, bottom: 28 } };

/** One instrument's totals over time, drawn by hand (no chart library); the table beside it holds the same numbers. */
export function ScoreChart({ instrument, points }: { instrument: string; points: ScorePoint[] }) {
  const text = useText();
  const { language } = useLanguage();
  const titleId = useId();
  const descId = useId();
  const layout = scoreChartLayout(points, BOX);
  const first = layout.points[0];
  const last = layout.points[layout.points.length - 1];
  const single = layout.points.length === 1;
  return (
    <figure className="score-chart">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-labelledby={`${titleId} ${descId}`} data-instrument={instrument}>
        <title id={titleId}>{text.students.chartTitle(instrument)}</title>
        <desc id={descId}>{text.students.chartDesc(instrument, layout.points.length, dateText(first.at, language), dateText(last.at, language))}</desc>
        {layout.ticks.map((tick) => (
          <g key={tick.value} aria-hidden="true">
            <line className="grid" x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} />
            <text className="tick" x={layout.plot.left - 6} y={tick.y + 4} textAnchor="end">
              {tick.value}
            </text>
          </g>
        ))}
        <path className="series" d={layout.path} aria-hidden="true" />
        {layout.points.map((point) => (
          <g key={point.at} aria-hidden="true" data-total={point.total}>
            <circle className="dot" cx={point.x} cy={point.y} r={4} />
            <text className="value" x={point.x} y={point.y - 8} textAnchor="middle">
              {point.total}
            </text>
          </g>
        ))}
        {/* A single result sits in the middle: its date under it. */}
        <text className="tick" x={single ? first.x : layout.plot.left} y={BOX.height - 8} textAnchor={single ? 'middle' : 'start'} aria-hidden="true">
          {dateText(first.at, language)}
        </text>
        {!single && (
          <text className="tick" x={layout.plot.right} y={BOX.height - 8} textAnchor="end" aria-hidden="true">
            {dateText(last.at, language)}
          </text>
        )}
      </svg>
      <figcaption>{text.students.chartTitle(instrument)}</figcaption>
    </figure>
  );
}
