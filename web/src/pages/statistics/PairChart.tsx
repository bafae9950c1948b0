import { chartNumber } from "../tariffs/money";
import { barLength, clipLabel, type Frame, valueScale } from "./chart";
import { useChartFormat } from "./charts";

export interface Pair {
  key: string;
  label: string;
  flagged: boolean;
  first: { label: string; value: string | null };
  second: { label: string; value: string | null };
}

const WIDTH = 720;

/**
 * Two bars per row on one scale — what the exporter reports above, what the importer reports (at FOB)
 * below — with a flag where they differ by more than the threshold. Hidden from assistive technology;
 * the table next to it carries the figures.
 */
export function PairChart({
  pairs,
  formatValue,
}: {
  pairs: readonly Pair[];
  formatValue: (value: string) => string;
}) {
  const format = useChartFormat();
  const rowHeight = 52;
  // Room on the right for the value written after the longest bar.
  const frame: Frame = { width: WIDTH, height: 0, top: 8, right: 64, bottom: 26, left: 8 };
  const height = frame.top + pairs.length * rowHeight + frame.bottom;
  const { max, ticks } = valueScale(
    pairs.flatMap((pair) =>
      [pair.first.value, pair.second.value].map((value) => (value ? chartNumber(value) : 0)),
    ),
  );
  const room = WIDTH - frame.left - frame.right;
  const x = (value: number) => frame.left + (Math.max(0, value) / max) * room;
  const baseline = height - frame.bottom;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="stat-svg"
      role="presentation"
      aria-hidden="true"
      focusable="false"
      preserveAspectRatio="xMidYMid meet"
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="stat-svg__grid" x1={x(tick)} x2={x(tick)} y1={frame.top} y2={baseline} />
          <text className="stat-svg__tick" x={x(tick)} y={baseline + 16} textAnchor="middle">
            {format.compact(tick)}
          </text>
        </g>
      ))}
      {pairs.map((pair, index) => {
        const top = frame.top + index * rowHeight;
        const bars = [
          { part: pair.first, className: "pair__exports", y: top + 18 },
          { part: pair.second, className: "pair__imports", y: top + 31 },
        ];
        return (
          <g key={pair.key}>
            <text className="stat-svg__label" x={frame.left} y={top + 13}>
              {clipLabel(pair.label, WIDTH - frame.left - frame.right - 24)}
            </text>
            {pair.flagged ? (
              <text className="pair__flag" x={WIDTH - 4} y={top + 13} textAnchor="end">
                ⚑
              </text>
            ) : null}
            {bars.map((bar) => {
              const value = bar.part.value ? chartNumber(bar.part.value) : 0;
              const width = barLength(value, max, room);
              return (
                <g key={bar.className}>
                  <rect className={bar.className} x={frame.left} y={bar.y} width={width} height={11} rx={2}>
                    <title>{`${pair.label} · ${bar.part.label}: ${bar.part.value ? formatValue(bar.part.value) : "—"}`}</title>
                  </rect>
                  <text className="pair__value" x={frame.left + width + 4} y={bar.y + 10}>
                    {bar.part.value ? format.compact(value) : "—"}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
