// The signed-in person's notifications: the first page and the unread count over HTTP, then
// `myNotifications` over graphql-ws (graphql-transport-ws at /graphql). After any disconnect
// the feed subscribes again with `after` = the cursor of the newest notification it has seen,
// so the server replays what was missed and nothing arrives twice.
import { createClient, type Client } from "graphql-ws";
import { ApiError, GRAPHQL_URL, gql } from "./api";
import { lastCursor, saveLastCursor } from "./session";

export interface NotificationItem {
  id: string;
  cursor: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  createdAt: string;
  read: boolean;
  summary: { title: string; action: string | null; state: string | null; dueAt: string | null };
}

export type LiveStatus = "connecting" | "live" | "offline" | "unavailable";

const FIELDS = "id cursor kind subjectType subjectId createdAt read summary { title action state dueAt }";
const FIRST_PAGE = `query Inbox { unreadNotificationCount notifications(first: 30) { totalCount edges { node { ${FIELDS} } } } }`;
const LIVE = `subscription Live($after: String) { myNotifications(after: $after) { ${FIELDS} } }`;
const MARK_ALL = `mutation MarkAll { markAllNotificationsRead { unreadCount errors { code message } } }`;
const MARK = `mutation Mark($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount errors { code message } } }`;

const WS_URL = GRAPHQL_URL.replace(/^http/, "ws");

export class NotificationFeed {
  items: NotificationItem[] = [];
  unread = 0;
  total = 0;
  status: LiveStatus = "connecting";
  error: string | null = null;
  private listeners = new Set<() => void>();
  private stopped = false;
  private client: Client | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly token: string,
    private readonly onTokenEnded: () => void,
  ) {}

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.listeners.forEach((listener) => listener());
  }

  async start(): Promise<void> {
    window.addEventListener("online", this.retryNow);
    try {
      const data = await gql<{
        unreadNotificationCount: number;
        notifications: { totalCount: number; edges: { node: NotificationItem }[] };
      }>(FIRST_PAGE);
      this.items = data.notifications.edges.map((edge) => edge.node);
      this.unread = data.unreadNotificationCount;
      this.total = data.notifications.totalCount;
      if (this.items.length) saveLastCursor(this.items[0].cursor);
    } catch (error) {
      this.error = (error as Error).message;
      if (error instanceof ApiError && error.code === "FORBIDDEN") {
        this.status = "unavailable"; // unit accounts have no personal inbox
        this.changed();
        return;
      }
    }
    this.changed();
    void this.follow();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.retryNow);
    this.wake?.();
    void this.client?.dispose();
  }

  /** Close the socket now; the feed reconnects and resumes from the last cursor. */
  reconnect(): void {
    void this.client?.dispose();
  }

  private retryNow = (): void => this.wake?.();

  private async follow(): Promise<void> {
    let delay = 500;
    while (!this.stopped) {
      const client = createClient({
        url: WS_URL,
        connectionParams: { token: this.token },
        retryAttempts: 0, // reconnecting is done here, to resume from the newest cursor
        lazy: true,
        on: {
          connected: () => {
            delay = 500;
            this.setStatus("live");
          },
        },
      });
      this.client = client;
      try {
        const stream = client.iterate<{ myNotifications: NotificationItem }>({
          query: LIVE,
          variables: { after: lastCursor() },
        });
        for await (const result of stream) {
          if (result.errors?.length) throw new Error(result.errors[0].message);
          if (result.data) this.add(result.data.myNotifications);
        }
      } catch (error) {
        const code = (error as { code?: number } | null)?.code;
        if (code === 4403 || code === 4401) {
          this.stopped = true;
          this.onTokenEnded();
        }
      } finally {
        await client.dispose();
      }
      if (this.stopped) break;
      this.setStatus("offline");
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, delay);
      });
      this.wake = null;
      delay = Math.min(delay * 2, 30_000);
      this.setStatus("connecting");
    }
  }

  private setStatus(status: LiveStatus): void {
    if (this.status !== status) {
      this.status = status;
      this.changed();
    }
  }

  private add(item: NotificationItem): void {
    saveLastCursor(item.cursor);
    if (this.items.some((known) => known.id === item.id)) return;
    this.items = [item, ...this.items];
    this.total += 1;
    if (!item.read) this.unread += 1;
    this.changed();
  }

  async markAllRead(): Promise<void> {
    const data = await gql<{ markAllNotificationsRead: { unreadCount: number | null } }>(MARK_ALL);
    this.unread = data.markAllNotificationsRead.unreadCount ?? 0;
    this.items = this.items.map((item) => ({ ...item, read: true }));
    this.changed();
  }

  async markRead(id: string): Promise<void> {
    const data = await gql<{ markNotificationsRead: { unreadCount: number | null } }>(MARK, { ids: [id] });
    this.unread = data.markNotificationsRead.unreadCount ?? this.unread;
    this.items = this.items.map((item) => (item.id === id ? { ...item, read: true } : item));
    this.changed();
  }
}
