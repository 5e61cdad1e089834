// The org tree, loaded lazily: the province with its units, then each unit's children when
// it is opened (`orgTree(rootId, depth: 2)`: the children, and their children's ids to know
// which can open further). Leaders and member counts come with each unit.
import { useEffect, useState } from "preact/hooks";
import { gql } from "../lib/api";
import { formatNumber, unitTier } from "../lib/labels";

interface Leader {
  title: string;
  rank: "HEAD" | "DEPUTY";
  person: { fullName: string | null } | null;
}
export interface UnitRow {
  id: string;
  code: string;
  name: string;
  levelCode: string;
  kind: string;
  memberCount: number;
  subtreeMemberCount: number;
  level: { name: string };
  leaders: Leader[];
  children: { id: string }[];
}

const ROW = "id code name levelCode kind memberCount subtreeMemberCount level { name } leaders { title rank person { fullName } }";
const ROOT = `query Tree { orgTree(depth: 2) { ${ROW} children { ${ROW} children { id } } } }`;
const CHILDREN = `query Children($id: ID!) { orgTree(rootId: $id, depth: 2) { id children { ${ROW} children { id } } } }`;

type Root = Omit<UnitRow, "children"> & { children: UnitRow[] };

export function Tree() {
  const [root, setRoot] = useState<Root | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");

  useEffect(() => {
    gql<{ orgTree: Root }>(ROOT)
      .then((data) => setRoot(data.orgTree))
      .catch((failure: Error) => setError(failure.message));
  }, []);

  if (error) return <p class="error-box">{error}</p>;
  if (!root) return <Loading text="Đang tải cơ cấu tổ chức…" />;
  const needle = fold(filter);
  const shown = needle ? root.children.filter((unit) => fold(unit.name).includes(needle)) : root.children;
  return (
    <section class="page" aria-labelledby="tree-title">
      <header class="page-head">
        <div>
          <h1 id="tree-title">Cơ cấu tổ chức</h1>
          <p class="muted">
            {root.name} · {formatNumber(root.children.length)} đơn vị trực thuộc ·{" "}
            {formatNumber(root.subtreeMemberCount)} cán bộ, công chức
          </p>
        </div>
        <input
          class="search"
          type="search"
          placeholder="Lọc theo tên đơn vị…"
          aria-label="Lọc theo tên đơn vị"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
      </header>
      <div class="card tree-root">
        <UnitLine unit={{ ...root, children: [] }} depth={0} />
      </div>
      <ul class="tree" role="tree" aria-label="Cơ cấu tổ chức">
        {shown.map((unit) => (
          <TreeNode key={unit.id} unit={unit} depth={1} />
        ))}
      </ul>
    </section>
  );
}

function TreeNode({ unit, depth }: { unit: UnitRow; depth: number }) {
  const [open, setOpen] = useState(false);
  const [children, setChildren] = useState<UnitRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const expandable = unit.children.length > 0;

  async function toggle(): Promise<void> {
    if (!open && children === null) {
      try {
        const data = await gql<{ orgTree: { children: UnitRow[] } }>(CHILDREN, { id: unit.id });
        setChildren(data.orgTree.children);
      } catch (failure) {
        setError((failure as Error).message);
      }
    }
    setOpen(!open);
  }

  return (
    <li role="treeitem" aria-expanded={expandable ? open : undefined} class="tree-node" data-code={unit.code}>
      <div class="tree-row">
        {expandable ? (
          <button
            class="toggle"
            onClick={toggle}
            aria-label={`${open ? "Thu gọn" : "Mở"} ${unit.name}`}
            title={open ? "Thu gọn" : `Mở ${unit.children.length} đơn vị trực thuộc`}
          >
            <span class={open ? "chevron open" : "chevron"} aria-hidden="true" />
          </button>
        ) : (
          <span class="toggle-spacer" aria-hidden="true" />
        )}
        <UnitLine unit={unit} depth={depth} />
      </div>
      {error && <p class="error-box">{error}</p>}
      {open && children && (
        <ul role="group" class="tree">
          {children.map((child) => (
            <TreeNode key={child.id} unit={child} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

function UnitLine({ unit, depth }: { unit: UnitRow; depth: number }) {
  const head = unit.leaders.find((leader) => leader.rank === "HEAD");
  const deputies = unit.leaders.filter((leader) => leader.rank === "DEPUTY").length;
  return (
    <div class={`unit-line depth-${Math.min(depth, 3)}`}>
      <div class="unit-main">
        <a class="unit-name" href={`#/unit/${encodeURIComponent(unit.code)}`}>
          {unit.name}
        </a>
        <span class="chip">{unitTier(unit)}</span>
      </div>
      <div class="unit-meta">
        <span class="leader">
          {head ? (
            <>
              {head.title}: <strong>{head.person?.fullName ?? "—"}</strong>
            </>
          ) : (
            <span class="muted">Chưa có người đứng đầu</span>
          )}
          {deputies > 0 && <span class="muted"> · {deputies} cấp phó</span>}
        </span>
        <span
          class="members"
          title={`${formatNumber(unit.memberCount)} tại đơn vị, ${formatNumber(unit.subtreeMemberCount)} kể cả các đơn vị trực thuộc`}
        >
          <PeopleIcon /> {formatNumber(unit.subtreeMemberCount)} cán bộ
        </span>
      </div>
    </div>
  );
}

function PeopleIcon() {
  return (
    <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true" class="icon">
      <circle cx="7" cy="6" r="3" fill="currentColor" />
      <circle cx="14" cy="7" r="2.4" fill="currentColor" opacity=".6" />
      <path d="M1.5 17c0-3.3 2.5-5.5 5.5-5.5s5.5 2.2 5.5 5.5z" fill="currentColor" />
      <path d="M13 11.6c2.9 0 5.5 1.8 5.5 5.4H14c0-2-.4-3.8-1-5.4z" fill="currentColor" opacity=".6" />
    </svg>
  );
}

export function Loading({ text = "Đang tải…" }: { text?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> {text}
    </p>
  );
}

/** Lower case without diacritics, for the filter ("nội vụ" matches "noi vu"). */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .trim();
}
