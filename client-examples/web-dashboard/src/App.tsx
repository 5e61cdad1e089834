// The shell: sign-in, then a header with the sections and the notification bell.
import { useEffect, useState } from "preact/hooks";
import { onSignedOut, request } from "./lib/api";
import { useProvince } from "./views/hooks";
import { NotificationFeed } from "./lib/notifications";
import { clearSession, loadSession, type Session } from "./lib/session";
import { Inbox } from "./views/Inbox";
import { Emblem, Login } from "./views/Login";
import { MapView } from "./views/MapView";
import { LiveDot, Notifications } from "./views/Notifications";
import { Tree } from "./views/Tree";
import { UnitPage } from "./views/UnitPage";
import { useFeed, useRoute } from "./views/hooks";

const SECTIONS = [
  { path: "tree", label: "Cơ cấu tổ chức" },
  { path: "work", label: "Việc cần xử lý" },
  { path: "map", label: "Bản đồ phản ánh" },
];

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [feed, setFeed] = useState<NotificationFeed | null>(null);
  const [expired, setExpired] = useState(false);

  useEffect(
    () =>
      onSignedOut(() => {
        setSession(null);
        setExpired(true);
      }),
    [],
  );

  useEffect(() => {
    if (!session) return;
    const live = new NotificationFeed(session.token, () => {
      clearSession();
      setSession(null);
      setExpired(true);
    });
    setFeed(live);
    void live.start();
    return () => live.stop();
  }, [session?.token]);

  if (!session) {
    return (
      <>
        {expired && <p class="banner">Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.</p>}
        <Login
          onSignedIn={(fresh) => {
            setExpired(false);
            setSession(fresh);
            if (!location.hash) location.hash = "#/tree";
          }}
        />
      </>
    );
  }

  async function signOut(): Promise<void> {
    await request(`mutation { logout { ok } }`).catch(() => undefined);
    clearSession();
    setFeed(null);
    setSession(null);
  }

  return (
    <div class="shell">
      <Header session={session} feed={feed} onSignOut={signOut} />
      <main id="main">
        <Page feed={feed} />
      </main>
      <footer class="footer">Ủy ban nhân dân tỉnh · Hệ thống thông tin chỉ đạo, điều hành</footer>
    </div>
  );
}

function Header({ session, feed, onSignOut }: { session: Session; feed: NotificationFeed | null; onSignOut: () => void }) {
  useFeed(feed);
  const province = useProvince();
  const { path } = useRoute();
  const section = path[0] === "unit" ? "tree" : (path[0] ?? "tree");
  const unread = feed?.unread ?? 0;
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="#/tree">
          <Emblem size={34} />
          <span>
            <small>{province?.shortName?.toUpperCase() ?? "\u00a0"}</small>
            Bảng điều hành
          </span>
        </a>
        <nav class="sections" aria-label="Chức năng">
          {SECTIONS.map((s) => (
            <a key={s.path} href={`#/${s.path}`} class={section === s.path ? "active" : ""} aria-current={section === s.path ? "page" : undefined}>
              {s.label}
            </a>
          ))}
        </nav>
        <div class="account">
          <a
            class={`bell ${section === "notifications" ? "active" : ""}`}
            href="#/notifications"
            aria-label={`Thông báo: ${unread} chưa đọc`}
            title={feed ? undefined : "Đang tải"}
          >
            <BellIcon />
            {unread > 0 && (
              <span class="badge" data-testid="unread-badge">
                {unread > 99 ? "99+" : unread}
              </span>
            )}
          </a>
          {feed && <LiveDot status={feed.status} />}
          <span class="who">
            <strong>{session.fullName ?? session.login}</strong>
            <small>{session.position ?? session.unitName ?? ""}</small>
          </span>
          <button class="link light" onClick={onSignOut}>
            Đăng xuất
          </button>
        </div>
      </div>
    </header>
  );
}

function Page({ feed }: { feed: NotificationFeed | null }) {
  const { path, params } = useRoute();
  switch (path[0]) {
    case "unit":
      return <UnitPage code={path[1] ?? "UBND-TTH"} />;
    case "work":
      return <Inbox />;
    case "map":
      return <MapView areaId={params.get("area")} agencyId={params.get("agency")} title={params.get("name")} />;
    case "notifications":
      return feed ? <Notifications feed={feed} /> : null;
    default:
      return <Tree />;
  }
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.5A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6zm0 19a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22z"
        fill="currentColor"
      />
    </svg>
  );
}
