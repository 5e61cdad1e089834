// Period names the stats queries take ("2026-11", "2026"), in the province's time zone.

const PARTS = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit" });

export function currentMonth(now = new Date()): { year: number; month: number } {
  const parts = Object.fromEntries(PARTS.formatToParts(now).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month) };
}

export function monthName(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The last `count` months up to this one, as [from, to] period names. */
export function lastMonths(count: number, now = new Date()): [string, string] {
  const { year, month } = currentMonth(now);
  const index = year * 12 + (month - 1) - (count - 1);
  return [monthName(Math.floor(index / 12), (index % 12) + 1), monthName(year, month)];
}
