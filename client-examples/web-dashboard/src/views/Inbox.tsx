// The signed-in person's `myWork`: what waits for their action now, soonest due first.
import { useEffect, useState } from "preact/hooks";
import { gql } from "../lib/api";
import { PRIORITY, TASK_KIND, TASK_STATE, formatDateTime, formatNumber } from "../lib/labels";
import { Loading } from "./Tree";

const WORK = `query Work($after: String) {
  myWork(first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id kind content state priority deadline statusClass leadUnit { name } officeUnit { name } } }
  }
}`;

interface WorkItem {
  id: string;
  kind: string;
  content: string;
  state: string;
  priority: string;
  deadline: string | null;
  statusClass: string | null;
  leadUnit: { name: string } | null;
  officeUnit: { name: string } | null;
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: WorkItem }[];
}

export function Inbox() {
  const [items, setItems] = useState<WorkItem[] | null>(null);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load(after: string | null): Promise<void> {
    try {
      const data = await gql<{ myWork: Page }>(WORK, { after });
      setPage(data.myWork);
      setItems((known) => [...(after ? (known ?? []) : []), ...data.myWork.edges.map((e) => e.node)]);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);

  if (error) return <p class="error-box">{error}</p>;
  if (!items || !page) return <Loading text="Đang tải việc cần xử lý…" />;
  return (
    <section class="page" aria-labelledby="work-title">
      <header class="page-head">
        <div>
          <h1 id="work-title">Việc cần xử lý</h1>
          <p class="muted" data-testid="work-count">
            {page.totalCount ? `${formatNumber(page.totalCount)} việc đang chờ, hạn gần nhất trước` : "Không có việc nào đang chờ."}
          </p>
        </div>
      </header>
      {items.length === 0 ? (
        <div class="card empty">
          <p>Hiện không có nhiệm vụ nào chờ đồng chí xử lý.</p>
        </div>
      ) : (
        <ul class="work-list">
          {items.map((item) => (
            <WorkRow key={item.id} item={item} />
          ))}
        </ul>
      )}
      {page.pageInfo.hasNextPage && (
        <button class="secondary wide" onClick={() => load(page.pageInfo.endCursor)}>
          Xem thêm
        </button>
      )}
    </section>
  );
}

function WorkRow({ item }: { item: WorkItem }) {
  const overdue = item.statusClass === "OPEN_OVERDUE";
  return (
    <li class={`card work ${overdue ? "overdue" : ""}`}>
      <div class="work-head">
        <span class="chip">{TASK_KIND[item.kind] ?? item.kind}</span>
        {item.priority !== "NORMAL" && <span class={`chip ${item.priority === "URGENT" ? "danger" : "warn"}`}>{PRIORITY[item.priority]}</span>}
        <span class="chip state">{TASK_STATE[item.state] ?? item.state}</span>
      </div>
      <p class="work-content">{item.content}</p>
      <p class="muted work-meta">
        {item.leadUnit && <>Chủ trì: {item.leadUnit.name} · </>}
        {item.deadline ? (
          <span class={overdue ? "bad" : ""}>
            Hạn: {formatDateTime(item.deadline)}
            {overdue && " (quá hạn)"}
          </span>
        ) : (
          "Không có hạn"
        )}
      </p>
    </li>
  );
}
