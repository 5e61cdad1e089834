// The notification inbox: newest first, unread marked, kept live by the feed.
import { NOTIFICATION_KIND, TASK_STATE, ago, formatDateTime } from "../lib/labels";
import type { NotificationFeed, NotificationItem } from "../lib/notifications";
import { useFeed } from "./hooks";

export function Notifications({ feed }: { feed: NotificationFeed }) {
  useFeed(feed);
  return (
    <section class="page" aria-labelledby="notes-title">
      <header class="page-head">
        <div>
          <h1 id="notes-title">Thông báo</h1>
          <p class="muted" data-testid="unread-summary">
            {feed.unread ? `${feed.unread} thông báo chưa đọc` : "Đã đọc hết thông báo"} · <LiveDot status={feed.status} />
          </p>
        </div>
        {feed.unread > 0 && (
          <button class="secondary" onClick={() => void feed.markAllRead()}>
            Đánh dấu đã đọc tất cả
          </button>
        )}
      </header>
      {feed.error && <p class="error-box">{feed.error}</p>}
      {feed.items.length === 0 ? (
        <div class="card empty">
          <p>Chưa có thông báo nào.</p>
        </div>
      ) : (
        <ul class="note-list" data-testid="notification-list">
          {feed.items.map((item) => (
            <NoteRow key={item.id} item={item} onRead={() => void feed.markRead(item.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoteRow({ item, onRead }: { item: NotificationItem; onRead: () => void }) {
  return (
    <li class={`card note ${item.read ? "" : "unread"}`} data-kind={item.kind}>
      <div class="note-head">
        <span class={`chip kind-${item.kind.toLowerCase()}`}>{NOTIFICATION_KIND[item.kind] ?? item.kind}</span>
        <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)} class="muted">
          {ago(item.createdAt)}
        </time>
        {!item.read && (
          <button class="link small" onClick={onRead}>
            Đánh dấu đã đọc
          </button>
        )}
      </div>
      <p class="note-title">{item.summary.title}</p>
      <p class="muted note-meta">
        {item.summary.state && `Trạng thái: ${TASK_STATE[item.summary.state] ?? item.summary.state}`}
        {item.summary.dueAt && ` · Hạn: ${formatDateTime(item.summary.dueAt)}`}
      </p>
    </li>
  );
}

export function LiveDot({ status }: { status: NotificationFeed["status"] }) {
  const text = {
    live: "Đang nhận trực tiếp",
    connecting: "Đang kết nối…",
    offline: "Mất kết nối, đang thử lại",
    unavailable: "Không có hộp thông báo",
  }[status];
  return (
    <span class={`live ${status}`} data-testid="live-status" data-status={status}>
      <i aria-hidden="true" /> {text}
    </span>
  );
}
