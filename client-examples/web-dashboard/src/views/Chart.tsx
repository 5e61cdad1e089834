// A stacked bar chart of task figures per month, drawn as SVG (no chart library needed).
import { formatNumber, monthLabel } from "../lib/labels";

export interface MonthFigures {
  period: string;
  doneOnTime: number;
  doneLate: number;
  doneWithoutDeadline: number;
  openWithinDeadline: number;
  openOverdue: number;
  openWithoutDeadline: number;
}

export const SERIES: { key: keyof MonthFigures; label: string; color: string }[] = [
  { key: "doneOnTime", label: "Hoàn thành đúng hạn", color: "#16a34a" },
  { key: "doneLate", label: "Hoàn thành trễ hạn", color: "#f59e0b" },
  { key: "openWithinDeadline", label: "Đang thực hiện, trong hạn", color: "#2563eb" },
  { key: "openOverdue", label: "Quá hạn chưa hoàn thành", color: "#dc2626" },
];

const W = 900;
const H = 250;
const PAD = { left: 40, right: 8, top: 12, bottom: 30 };

export function MonthlyChart({ months }: { months: MonthFigures[] }) {
  const totals = months.map((m) => SERIES.reduce((sum, s) => sum + (m[s.key] as number), 0));
  const tick = niceStep(Math.max(1, ...totals) / 4);
  const top = tick * Math.ceil(Math.max(1, ...totals) / tick);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, months.length);
  const barW = Math.min(36, step * 0.62);
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / tick) + 1 }, (_, i) => i * tick);

  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Biểu đồ nhiệm vụ theo tháng">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} class="grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} class="axis" text-anchor="end">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {months.map((month, i) => {
          const x = PAD.left + i * step + (step - barW) / 2;
          let base = 0;
          return (
            <g key={month.period} class="bar">
              {SERIES.map((series) => {
                const value = month[series.key] as number;
                const rect = (
                  <rect
                    key={series.key}
                    x={x}
                    width={barW}
                    y={y(base + value)}
                    height={Math.max(0, y(base) - y(base + value))}
                    fill={series.color}
                  >
                    <title>{`${monthLabel(month.period)} · ${series.label}: ${formatNumber(value)}`}</title>
                  </rect>
                );
                base += value;
                return rect;
              })}
              <text x={x + barW / 2} y={H - PAD.bottom + 16} class="axis" text-anchor="middle">
                {monthLabel(month.period).replace(/\/\d{2}(\d{2})$/, "/$1")}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {SERIES.map((series) => (
          <span key={series.key}>
            <i style={{ background: series.color }} /> {series.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** The smallest whole 1, 2 or 5 × 10^n at least `value` (at least 1: tasks are counted). */
function niceStep(value: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)));
  return [1, 2, 5, 10].map((f) => f * magnitude).find((step) => step >= value) ?? 10 * magnitude;
}
