// A unit's page: who leads it, its task figures over the last 12 months (open, overdue, on
// time; `taskStatsSeries` by month, drawn as a chart), its field reports, and how the units
// under it rank this year (`unitScorecards`). Stats need an overseer's scope over the unit.
import { useEffect, useState } from "preact/hooks";
import { fieldError, describe, gql, request, type GraphQLError } from "../lib/api";
import { formatNumber, formatPercent, unitTier } from "../lib/labels";
import { currentMonth, lastMonths } from "../lib/periods";
import { MonthlyChart, type MonthFigures } from "./Chart";
import { Loading } from "./Tree";

const UNIT = `query Unit($code: String!) {
  orgUnit(code: $code) {
    id code name levelCode kind address phone email website memberCount subtreeMemberCount
    level { name } ancestors { code name } children { id }
    leaders { title rank person { fullName workPhone email } }
  }
}`;
const FIGURES = `query Figures($id: ID!, $from: String!, $to: String!, $year: Int!, $ranked: Boolean!, $side: ReflectionStatsSide!) {
  tasks: taskStatsSeries(unitId: $id, grain: MONTH, from: $from, to: $to) {
    period total doneOnTime doneLate doneWithoutDeadline openWithinDeadline openOverdue openWithoutDeadline
  }
  reports: reflectionStatsSeries(unitId: $id, grain: MONTH, from: $from, to: $to, side: $side) { period received handled open overdue }
  ranking: unitScorecards(unitId: $id, year: $year) @include(if: $ranked) {
    rank unit { code name } stats { total openOverdue onTimeRate }
  }
}`;

interface Unit {
  id: string;
  code: string;
  name: string;
  levelCode: string;
  kind: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  memberCount: number;
  subtreeMemberCount: number;
  level: { name: string };
  ancestors: { code: string; name: string }[];
  children: { id: string }[];
  leaders: { title: string; rank: string; person: { fullName: string | null; workPhone: string | null; email: string | null } | null }[];
}
interface ReportMonth {
  period: string;
  received: number;
  handled: number;
  open: number;
  overdue: number;
}
interface Scorecard {
  rank: number;
  unit: { code: string; name: string };
  stats: { total: number; openOverdue: number; onTimeRate: number | null };
}
interface Figures {
  tasks: MonthFigures[] | null;
  reports: ReportMonth[] | null;
  ranking: Scorecard[] | null;
}

export function UnitPage({ code }: { code: string }) {
  const [unit, setUnit] = useState<Unit | null>(null);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [errors, setErrors] = useState<GraphQLError[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setUnit(null);
    setFigures(null);
    setError(null);
    (async () => {
      const found = (await gql<{ orgUnit: Unit | null }>(UNIT, { code })).orgUnit;
      if (!found) throw new Error(`Không tìm thấy đơn vị có mã ${code}.`);
      setUnit(found);
      const [from, to] = lastMonths(12);
      const result = await request<Figures>(FIGURES, {
        id: found.id,
        from,
        to,
        year: currentMonth().year,
        ranked: found.children.length > 0,
        side: agencySide(found) ? "AGENCY" : "AREA",
      });
      setFigures(result.data ?? { tasks: null, reports: null, ranking: null });
      setErrors(result.errors);
    })().catch((failure: Error) => setError(failure.message));
  }, [code]);

  if (error) return <p class="error-box">{error}</p>;
  if (!unit) return <Loading text="Đang tải thông tin đơn vị…" />;
  return (
    <section class="page" aria-labelledby="unit-title">
      <nav class="crumbs" aria-label="Đơn vị cấp trên">
        <a href="#/tree">Cơ cấu tổ chức</a>
        {unit.ancestors.map((a) => (
          <span key={a.code}>
            {" › "}
            <a href={`#/unit/${encodeURIComponent(a.code)}`}>{a.name}</a>
          </span>
        ))}
      </nav>
      <header class="page-head">
        <div>
          <h1 id="unit-title">{unit.name}</h1>
          <p class="muted">
            {unitTier(unit)} · mã {unit.code} · {formatNumber(unit.subtreeMemberCount)} cán bộ
            {unit.subtreeMemberCount !== unit.memberCount && ` (${formatNumber(unit.memberCount)} tại đơn vị)`}
          </p>
        </div>
        <a
          class="button"
          href={`#/map?${agencySide(unit) ? "agency" : "area"}=${encodeURIComponent(unit.id)}&name=${encodeURIComponent(unit.name)}`}
        >
          Phản ánh trên bản đồ
        </a>
      </header>
      <Leaders unit={unit} />
      {figures === null ? (
        <Loading text="Đang tải số liệu…" />
      ) : !figures.tasks && !figures.reports && errors.length ? (
        <p class="error-box">Số liệu thống kê: {describe(errors[0])}</p>
      ) : (
        <>
          <TaskFigures months={figures.tasks} error={fieldError(errors, "tasks")} />
          <ReportFigures months={figures.reports} error={fieldError(errors, "reports")} agency={agencySide(unit)} />
          {figures.ranking && figures.ranking.length > 0 && <Ranking rows={figures.ranking} />}
        </>
      )}
    </section>
  );
}

function Leaders({ unit }: { unit: Unit }) {
  return (
    <div class="card leaders">
      <h2>Lãnh đạo đơn vị</h2>
      {unit.leaders.length === 0 && <p class="muted">Chưa có thông tin lãnh đạo.</p>}
      <ul class="leader-list">
        {unit.leaders.map((leader, i) => (
          <li key={i} class={leader.rank === "HEAD" ? "head" : ""}>
            <span class="avatar" aria-hidden="true">
              {initials(leader.person?.fullName)}
            </span>
            <span>
              <strong>{leader.person?.fullName ?? "—"}</strong>
              <span class="muted block">{leader.title}</span>
              {leader.person?.workPhone && <span class="muted block">☎ {leader.person.workPhone}</span>}
            </span>
          </li>
        ))}
      </ul>
      {(unit.address || unit.phone || unit.email) && (
        <p class="muted contact">
          {unit.address}
          {unit.phone && ` · ĐT: ${unit.phone}`}
          {unit.email && ` · ${unit.email}`}
        </p>
      )}
    </div>
  );
}

function TaskFigures({ months, error }: { months: MonthFigures[] | null; error?: GraphQLError }) {
  if (!months) return <p class="error-box">Số liệu nhiệm vụ: {describe(error)}</p>;
  const sum = (key: keyof MonthFigures) => months.reduce((total, m) => total + (m[key] as number), 0);
  const open = sum("openWithinDeadline") + sum("openOverdue") + sum("openWithoutDeadline");
  const due = sum("doneOnTime") + sum("doneLate") + sum("openOverdue");
  const rate = due ? sum("doneOnTime") / due : null;
  return (
    <div class="card">
      <h2>Nhiệm vụ được giao — 12 tháng gần đây</h2>
      <div class="kpis" data-testid="task-kpis">
        <Kpi label="Đang thực hiện" value={open} testId="kpi-open" />
        <Kpi label="Quá hạn" value={sum("openOverdue")} tone="bad" testId="kpi-overdue" />
        <Kpi label="Hoàn thành đúng hạn" value={sum("doneOnTime")} tone="good" testId="kpi-ontime" />
        <Kpi label="Hoàn thành trễ hạn" value={sum("doneLate")} tone="warn" testId="kpi-late" />
        <Kpi label="Tỷ lệ đúng hạn" text={formatPercent(rate)} testId="kpi-rate" />
      </div>
      <MonthlyChart months={months} />
    </div>
  );
}

/** Departments and their offices handle reports (agency side); the province, districts and
 * communes have them on their ground (area side). */
function agencySide(unit: { levelCode: string }): boolean {
  return unit.levelCode === "DEPARTMENT" || unit.levelCode === "OFFICE";
}

function ReportFigures(props: { months: ReportMonth[] | null; error?: GraphQLError; agency: boolean }) {
  const { months, error } = props;
  if (!months) return <p class="error-box">Số liệu phản ánh: {describe(error)}</p>;
  const sum = (key: keyof Omit<ReportMonth, "period">) => months.reduce((total, m) => total + m[key], 0);
  return (
    <div class="card">
      <h2>
        {props.agency ? "Phản ánh hiện trường được giao xử lý" : "Phản ánh hiện trường trên địa bàn"} — 12 tháng gần đây
      </h2>
      <div class="kpis">
        <Kpi label={props.agency ? "Được giao" : "Tiếp nhận"} value={sum("received")} />
        <Kpi label="Đã xử lý xong" value={sum("handled")} tone="good" />
        <Kpi label="Đang xử lý" value={sum("open")} />
        <Kpi label="Quá hạn xử lý" value={sum("overdue")} tone="bad" />
      </div>
    </div>
  );
}

function Ranking({ rows }: { rows: Scorecard[] }) {
  return (
    <div class="card">
      <h2>Xếp hạng đơn vị trực thuộc theo tỷ lệ đúng hạn (năm nay)</h2>
      <div class="table-wrap">
        <table class="ranking">
          <thead>
            <tr>
              <th>Hạng</th>
              <th>Đơn vị</th>
              <th class="num">Nhiệm vụ</th>
              <th class="num">Quá hạn</th>
              <th>Tỷ lệ đúng hạn</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.unit.code}>
                <td>{row.rank}</td>
                <td>
                  <a href={`#/unit/${encodeURIComponent(row.unit.code)}`}>{row.unit.name}</a>
                </td>
                <td class="num">{formatNumber(row.stats.total)}</td>
                <td class={`num ${row.stats.openOverdue ? "bad" : ""}`}>{formatNumber(row.stats.openOverdue)}</td>
                <td>
                  <span class="meter" aria-hidden="true">
                    <span style={{ width: `${Math.round((row.stats.onTimeRate ?? 0) * 100)}%` }} />
                  </span>{" "}
                  {formatPercent(row.stats.onTimeRate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Kpi(props: { label: string; value?: number; text?: string; tone?: "good" | "bad" | "warn"; testId?: string }) {
  return (
    <div class={`kpi ${props.tone ?? ""}`} data-testid={props.testId}>
      <span class="kpi-value">{props.text ?? formatNumber(props.value ?? 0)}</span>
      <span class="kpi-label">{props.label}</span>
    </div>
  );
}

function initials(name: string | null | undefined): string {
  if (!name) return "?";
  const words = name.trim().split(/\s+/);
  return (words.length > 1 ? words[words.length - 2][0] + words[words.length - 1][0] : words[0][0]).toUpperCase();
}
