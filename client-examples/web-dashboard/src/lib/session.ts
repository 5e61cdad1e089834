// The signed-in session lives in sessionStorage (this tab only, gone when it closes): the
// token and what the header shows. Never the password.

export interface Session {
  token: string;
  expiresAt: string | null;
  login: string;
  fullName: string | null;
  position: string | null;
  unitName: string | null;
}

const KEY = "govgraph.session";
const CURSOR = "govgraph.lastNotificationCursor";

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      clearSession();
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(CURSOR);
}

export function token(): string | null {
  return loadSession()?.token ?? null;
}

/** The cursor of the newest notification seen, to resume the live stream after it. */
export function lastCursor(): string | null {
  return sessionStorage.getItem(CURSOR);
}

export function saveLastCursor(cursor: string): void {
  sessionStorage.setItem(CURSOR, cursor);
}
