// Sign-in with the `login` mutation. A wrong password, a locked login and an account that
// must change its password first (first sign-in of a unit account, or rotation) are shown on
// the form; the change is made here with `changePassword`, then the page signs in again.
import { useState } from "preact/hooks";
import { request } from "../lib/api";
import { saveSession, type Session } from "../lib/session";
import { useProvince } from "./hooks";

const LOGIN = `mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) {
    token expiresAt mustChangePassword errors { code message }
    account { login person { fullName position unit { name } } unit { name } }
  }
}`;
const CHANGE = `mutation Change($current: String!, $new: String!) {
  changePassword(current: $current, new: $new) { errors { code message field } }
}`;

interface UserError {
  code: string;
  message: string;
}
interface LoginPayload {
  token: string | null;
  expiresAt: string | null;
  mustChangePassword: boolean;
  errors: UserError[];
  account: {
    login: string;
    person: { fullName: string | null; position: string | null; unit: { name: string } | null } | null;
    unit: { name: string } | null;
  } | null;
}

const LOGIN_ERRORS: Record<string, string> = {
  INVALID_CREDENTIALS: "Tên đăng nhập hoặc mật khẩu không đúng.",
  ACCOUNT_LOCKED: "Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ít phút.",
  ACCOUNT_DISABLED: "Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị viên.",
  RATE_LIMITED: "Quá nhiều lần thử. Vui lòng thử lại sau.",
  WEAK_PASSWORD: "Mật khẩu mới chưa đủ mạnh.",
};

/** The password policy's reasons (govgraph answers them in English). */
const WEAK: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/at least (\d+) characters/, (m) => `Mật khẩu mới phải có ít nhất ${m[1]} ký tự.`],
  [/at most (\d+) characters/, (m) => `Mật khẩu mới chỉ được dài tối đa ${m[1]} ký tự.`],
  [/too common/, () => "Mật khẩu mới quá phổ biến, dễ bị đoán."],
  [/login name/, () => "Mật khẩu mới không được chứa tên đăng nhập."],
  [/distinct characters/, () => "Mật khẩu mới có quá ít ký tự khác nhau."],
];

function message(errors: UserError[]): string {
  const first = errors[0];
  if (first?.code === "WEAK_PASSWORD") {
    for (const [pattern, say] of WEAK) {
      const match = first.message.match(pattern);
      if (match) return say(match);
    }
  }
  return (first && LOGIN_ERRORS[first.code]) ?? first?.message ?? "Đăng nhập không thành công.";
}

export function Login({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ token: string } | null>(null);
  const province = useProvince();

  async function signIn(loginName: string, secret: string): Promise<void> {
    const { data, errors } = await request<{ login: LoginPayload }>(LOGIN, { login: loginName, password: secret }, null);
    const payload = data?.login;
    if (!payload) throw new Error(errors[0]?.message ?? "Máy chủ không trả lời.");
    if (payload.errors.length || !payload.token) {
      setError(message(payload.errors));
      return;
    }
    if (payload.mustChangePassword) {
      setPending({ token: payload.token });
      setError(null);
      return;
    }
    const person = payload.account?.person;
    const session: Session = {
      token: payload.token,
      expiresAt: payload.expiresAt,
      login: payload.account?.login ?? loginName,
      fullName: person?.fullName ?? null,
      position: person?.position ?? null,
      unitName: person?.unit?.name ?? payload.account?.unit?.name ?? null,
    };
    saveSession(session);
    onSignedIn(session);
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPassword(""); // the password is never kept
      setBusy(false);
    }
  }

  if (pending) {
    return (
      <ChangePassword
        login={login.trim()}
        token={pending.token}
        onCancel={() => setPending(null)}
        onChanged={async (fresh) => {
          setPending(null);
          await signIn(login.trim(), fresh);
        }}
      />
    );
  }

  return (
    <div class="login-page">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <Emblem />
        <p class="login-org">{province?.name.toUpperCase() ?? "\u00a0"}</p>
        <h1 id="login-title">Hệ thống thông tin chỉ đạo, điều hành</h1>
        <label>
          Tên đăng nhập hoặc thư điện tử
          <input
            name="login"
            autoComplete="username"
            required
            value={login}
            onInput={(e) => setLogin(e.currentTarget.value)}
          />
        </label>
        <label>
          Mật khẩu
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Đang đăng nhập…" : "Đăng nhập"}
        </button>
        <p class="login-note">Mã thông báo đăng nhập chỉ được giữ trong thẻ trình duyệt này.</p>
      </form>
    </div>
  );
}

function ChangePassword(props: {
  login: string;
  token: string;
  onCancel: () => void;
  onChanged: (password: string) => Promise<void>;
}) {
  const [current, setCurrent] = useState("");
  const [fresh, setFresh] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (fresh !== again) {
      setError("Hai lần nhập mật khẩu mới không khớp.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, errors } = await request<{ changePassword: { errors: UserError[] } }>(
        CHANGE,
        { current, new: fresh },
        props.token,
      );
      const refused = data?.changePassword.errors ?? errors.map((e) => ({ code: e.extensions?.code ?? "", message: e.message }));
      if (refused.length) {
        setError(message(refused));
        return;
      }
      await props.onChanged(fresh);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="login-page">
      <form class="login-card" onSubmit={submit} aria-labelledby="change-title">
        <Emblem />
        <h1 id="change-title">Cần đổi mật khẩu</h1>
        <p class="notice" role="alert" data-code="PASSWORD_CHANGE_REQUIRED">
          Tài khoản <strong>{props.login}</strong> phải đổi mật khẩu trước khi sử dụng (lần đăng nhập đầu tiên hoặc
          mật khẩu đã quá hạn theo quy định).
        </p>
        <label>
          Mật khẩu hiện tại
          <input type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label>
          Mật khẩu mới
          <input type="password" autoComplete="new-password" required minLength={8} value={fresh} onInput={(e) => setFresh(e.currentTarget.value)} />
        </label>
        <p class="hint-text">Ít nhất 8 ký tự, không chứa tên đăng nhập, không dùng mật khẩu phổ biến.</p>
        <label>
          Nhập lại mật khẩu mới
          <input type="password" autoComplete="new-password" required value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Đang đổi…" : "Đổi mật khẩu và đăng nhập"}
        </button>
        <button type="button" class="link" onClick={props.onCancel}>
          Quay lại
        </button>
      </form>
    </div>
  );
}

export function Emblem({ size = 56 }: { size?: number }) {
  return (
    <svg class="emblem" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="11.5" fill="#b91c1c" />
      <path d="M12 4.6l1.75 5.1h5.4l-4.35 3.2 1.65 5.2L12 15l-4.45 3.1 1.65-5.2-4.35-3.2h5.4z" fill="#facc15" />
    </svg>
  );
}
