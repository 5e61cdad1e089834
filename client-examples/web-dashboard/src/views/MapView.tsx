// Field reports on a map drawn in SVG, with no tile server (the province's intranet is often
// offline): each report at its coordinates, coloured by state; each commune at the centre of
// its reports, sized by their number. The view is fitted to whatever coordinates the API gives.
import { useEffect, useMemo, useState } from "preact/hooks";
import { gql } from "../lib/api";
import { fit, formatKm, gridLines, niceDistance, type Point } from "../lib/geo";
import { REFLECTION_GROUPS, REFLECTION_STATE, formatDateTime, formatNumber, groupOf } from "../lib/labels";
import { Loading } from "./Tree";

const REPORTS = `query MapReports($filter: ReflectionFilterInput, $after: String) {
  reflections(filter: $filter, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node {
      id latitude longitude state overdue priority submittedAt address content
      category { name } commune { id name }
    } }
  }
}`;

interface Report extends Point {
  id: string;
  state: string;
  overdue: boolean;
  priority: string;
  submittedAt: string;
  address: string;
  content: string;
  category: { name: string } | null;
  commune: { id: string; name: string } | null;
}
interface Commune extends Point {
  id: string;
  name: string;
  count: number;
}

const WIDE = { W: 800, H: 560 };
const NARROW = { W: 420, H: 520 }; // phones: taller, so labels stay readable
const PAGES = 3; // the newest 300 reports

export function MapView(props: { areaId: string | null; agencyId: string | null; title: string | null }) {
  const { areaId, agencyId } = props;
  const [reports, setReports] = useState<Report[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<Report | null>(null);

  useEffect(() => {
    setReports(null);
    setSelected(null);
    (async () => {
      const found: Report[] = [];
      let after: string | null = null;
      for (let page = 0; page < PAGES; page++) {
        const data: { reflections: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Report }[] } } =
          await gql(REPORTS, { filter: areaId ? { areaId } : agencyId ? { agencyId } : null, after });
        found.push(...data.reflections.edges.map((edge) => edge.node));
        setTotal(data.reflections.totalCount);
        if (!data.reflections.pageInfo.hasNextPage) break;
        after = data.reflections.pageInfo.endCursor;
      }
      setReports(found);
    })().catch((failure: Error) => setError(failure.message));
  }, [areaId, agencyId]);

  const communes = useMemo(() => communesOf(reports ?? []), [reports]);
  if (error) return <p class="error-box">{error}</p>;
  if (!reports) return <Loading text="Đang tải phản ánh hiện trường…" />;

  const { W, H } = matchMedia("(max-width: 600px)").matches ? NARROW : WIDE;
  const projection = fit(reports, W, H, 36);
  const placed = placeCommunes(communes, projection, W);
  const visible = reports.filter((r) => !hidden.has(groupOf(r.state).key));
  const counts = new Map(REFLECTION_GROUPS.map((g) => [g.key, 0]));
  reports.forEach((r) => counts.set(groupOf(r.state).key, (counts.get(groupOf(r.state).key) ?? 0) + 1));
  const toggle = (key: string) =>
    setHidden((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <section class="page" aria-labelledby="map-title">
      <header class="page-head">
        <div>
          <h1 id="map-title">Bản đồ phản ánh hiện trường</h1>
          <p class="muted" data-testid="map-summary">
            {props.title ? `${props.title} · ` : ""}
            {formatNumber(reports.length)} phản ánh mới nhất trên {formatNumber(total)} · {formatNumber(communes.length)} xã,
            phường
          </p>
        </div>
        {(areaId || agencyId) && (
          <a class="button secondary" href="#/map">
            Toàn tỉnh
          </a>
        )}
      </header>
      <div class="map-layout">
        <div class="card map-card">
          <svg viewBox={`0 0 ${W} ${H}`} class="map" role="img" aria-label="Bản đồ phản ánh theo xã, phường" data-testid="map">
            <rect width={W} height={H} class="map-bg" />
            <Grid projection={projection} W={W} H={H} />
            <CommuneLayer communes={placed} />
            {visible.map((report) => (
              <circle
                key={report.id}
                class={`report-dot ${report.overdue ? "overdue" : ""} ${selected?.id === report.id ? "selected" : ""}`}
                data-state={report.state}
                cx={projection.x(report)}
                cy={projection.y(report)}
                r={report.priority === "URGENT" ? 6.5 : 5}
                fill={groupOf(report.state).color}
                tabIndex={0}
                onClick={() => setSelected(report)}
                onKeyDown={(e) => e.key === "Enter" && setSelected(report)}
              >
                <title>{`${report.category?.name ?? "Phản ánh"} · ${REFLECTION_STATE[report.state] ?? report.state} · ${report.commune?.name ?? ""}`}</title>
              </circle>
            ))}
            <CommuneLabels communes={placed} />
            <ScaleBar kmPerUnit={projection.kmPerUnit} W={W} H={H} />
            <NorthArrow W={W} />
          </svg>
        </div>
        <aside class="map-side">
          <div class="card legend-card">
            <h2>Trạng thái</h2>
            <ul class="map-legend">
              {REFLECTION_GROUPS.map((group) => (
                <li key={group.key}>
                  <label>
                    <input type="checkbox" checked={!hidden.has(group.key)} onChange={() => toggle(group.key)} />
                    <i style={{ background: group.color }} /> {group.label}
                    <span class="count" data-testid={`legend-${group.key}`}>
                      {formatNumber(counts.get(group.key) ?? 0)}
                    </span>
                  </label>
                </li>
              ))}
              <li class="muted">
                <i class="ring" /> Viền đỏ: quá hạn xử lý
              </li>
            </ul>
          </div>
          {selected ? <ReportCard report={selected} onClose={() => setSelected(null)} /> : (
            <p class="muted hint">Chọn một điểm trên bản đồ để xem nội dung phản ánh.</p>
          )}
        </aside>
      </div>
    </section>
  );
}

function ReportCard({ report, onClose }: { report: Report; onClose: () => void }) {
  const group = groupOf(report.state);
  return (
    <div class="card report-card" data-testid="report-card">
      <button class="close" onClick={onClose} aria-label="Đóng">
        ×
      </button>
      <p>
        <span class="chip" style={{ background: group.color, color: "#fff" }}>
          {REFLECTION_STATE[report.state] ?? report.state}
        </span>{" "}
        {report.overdue && <span class="chip danger">Quá hạn</span>}
      </p>
      <h3>{report.category?.name ?? "Phản ánh"}</h3>
      <p class="clamp">{report.content}</p>
      <p class="muted">
        {report.address}
        {report.commune && ` · ${report.commune.name}`}
      </p>
      <p class="muted">Tiếp nhận: {formatDateTime(report.submittedAt)}</p>
    </div>
  );
}

type Project = { x: (p: Point) => number; y: (p: Point) => number };
interface PlacedCommune extends Commune {
  cx: number;
  cy: number;
  r: number;
  label: string | null;
  labelX: number;
}

/** Circles sized by the number of reports; a label where it does not cover another one. */
function placeCommunes(communes: Commune[], project: Project, width: number): PlacedCommune[] {
  const max = Math.max(1, ...communes.map((c) => c.count));
  const taken: [number, number, number, number][] = [];
  return communes.map((commune) => {
    const cx = project.x(commune);
    const cy = project.y(commune);
    const r = 7 + 15 * Math.sqrt(commune.count / max);
    const label = commune.name.replace(/^(Ủy ban nhân dân|UBND)\s+/i, "");
    const half = label.length * 3.9 + 3; // 11px bold text: about 7.8px a character
    const labelX = Math.min(Math.max(cx, half), width - half); // kept inside the map
    const box: [number, number, number, number] = [labelX - half, cy - r - 17, labelX + half, cy - r - 1];
    const free = !taken.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]);
    if (free) taken.push(box);
    return { ...commune, cx, cy, r, labelX, label: free ? label : null };
  });
}

function CommuneLayer({ communes }: { communes: PlacedCommune[] }) {
  return (
    <g class="communes">
      {communes.map((commune) => (
        <g key={commune.id} class="commune" data-commune={commune.name}>
          <circle cx={commune.cx} cy={commune.cy} r={commune.r}>
            <title>{`${commune.name}: ${commune.count} phản ánh`}</title>
          </circle>
        </g>
      ))}
    </g>
  );
}

function CommuneLabels({ communes }: { communes: PlacedCommune[] }) {
  return (
    <g class="commune-labels" aria-hidden="true">
      {communes.map(
        (commune) =>
          commune.label && (
            <text key={commune.id} x={commune.labelX} y={commune.cy - commune.r - 5} text-anchor="middle" class="commune-label">
              {commune.label}
            </text>
          ),
      )}
    </g>
  );
}

function Grid({ projection, W, H }: { projection: ReturnType<typeof fit>; W: number; H: number }) {
  const { minLat, maxLat, minLon, maxLon } = projection.bounds;
  return (
    <g class="graticule">
      {gridLines(minLat, maxLat).map((lat) => {
        const y = projection.y({ latitude: lat, longitude: minLon });
        return (
          <g key={`lat${lat}`}>
            <line x1={0} x2={W} y1={y} y2={y} />
            <text x={4} y={y - 3}>{`${lat.toFixed(3)}°B`}</text>
          </g>
        );
      })}
      {gridLines(minLon, maxLon).map((lon) => {
        const x = projection.x({ latitude: minLat, longitude: lon });
        return (
          <g key={`lon${lon}`}>
            <line x1={x} x2={x} y1={0} y2={H} />
            <text x={x + 3} y={H - 4}>{`${lon.toFixed(3)}°Đ`}</text>
          </g>
        );
      })}
    </g>
  );
}

function ScaleBar({ kmPerUnit, W, H }: { kmPerUnit: number; W: number; H: number }) {
  const km = niceDistance(kmPerUnit * W * 0.15);
  const length = km / kmPerUnit;
  const x = W - 24 - length;
  const y = H - 24;
  return (
    <g class="scalebar">
      <rect x={x - 8} y={y - 18} width={length + 16} height={28} rx={4} />
      <path d={`M${x} ${y - 5}v5h${length}v-5`} />
      <text x={x + length / 2} y={y - 7} text-anchor="middle">
        {formatKm(km)}
      </text>
    </g>
  );
}

function NorthArrow({ W }: { W: number }) {
  return (
    <g class="north" transform={`translate(${W - 34} 34)`}>
      <circle r="16" />
      <path d="M0 -11 L5 5 L0 2 L-5 5 Z" />
      <text y="-18" text-anchor="middle">
        B
      </text>
    </g>
  );
}

/** Each commune at the mean position of its reports, biggest first (labels go to those). */
function communesOf(reports: Report[]): Commune[] {
  const byId = new Map<string, Commune>();
  for (const report of reports) {
    if (!report.commune) continue;
    const known = byId.get(report.commune.id) ?? { ...report.commune, latitude: 0, longitude: 0, count: 0 };
    known.latitude += report.latitude;
    known.longitude += report.longitude;
    known.count += 1;
    byId.set(report.commune.id, known);
  }
  return [...byId.values()]
    .map((c) => ({ ...c, latitude: c.latitude / c.count, longitude: c.longitude / c.count }))
    .sort((a, b) => b.count - a.count);
}
