// The dashboard in headless Chromium against a running govgraph with the demo province:
// sign in (a wrong password first), the tree (expand a department), a unit's figures, the
// map, and notifications arriving live, also one made while the socket was down (resumed
// from the last id seen). Each step checks the page against what the API answers, and
// saves a screenshot.
//
// Driven by tests/integration/test_web_dashboard.py, which makes the other users' mutations:
// the script prints {"await": "..."} lines and waits for a line on stdin before going on.
//
//   DASHBOARD_URL=http://127.0.0.1:8000/dashboard/  (required)
//   DASHBOARD_LOGIN, DASHBOARD_PASSWORD             (default: the demo Chairman)
//   DASHBOARD_SCREENSHOTS=artifacts/web-dashboard    CHROMIUM_PATH=/usr/bin/chromium
//   NOTIFY_TITLES='["missed title", "live title"]'  the notifications the driver will cause
//
// Without NOTIFY_TITLES (`DASHBOARD_URL=... npm run e2e` against a running demo) nobody makes
// the other users' steps: the script leaves out the password change (it would change the
// demo account for good) and checks the notifications the leader already has.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const env = process.env;
const BASE = env.DASHBOARD_URL;
if (!BASE) throw new Error("DASHBOARD_URL is required");
const API = new URL("/graphql", BASE).toString();
const LOGIN = env.DASHBOARD_LOGIN ?? "chutich@thuathienhue.gov.vn";
const PASSWORD = env.DASHBOARD_PASSWORD ?? "UyBan#TTH2026";
const SHOTS = resolve(env.DASHBOARD_SCREENSHOTS ?? "artifacts/web-dashboard");
const TITLES = JSON.parse(env.NOTIFY_TITLES ?? "[]");
const DRIVEN = TITLES.length > 0; // a driver answers the handshakes and makes the mutations
const UNIT = env.DASHBOARD_UNIT ?? "SNV"; // the department opened in the tree
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const stdin = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const report = (line) => console.log(JSON.stringify(line));

/** Tell the driver we are at `stage`, wait for its go-ahead. */
async function handshake(stage, extra = {}) {
  report({ await: stage, ...extra });
  const { value, done } = await stdin.next();
  assert.ok(!done && value.trim() === "go", `driver did not answer at ${stage}`);
}

async function api(query, variables = {}, token = null) {
  const response = await fetch(API, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.ok(!body.errors, JSON.stringify(body.errors));
  return body.data;
}

/** [from, to] of the last 12 months in the province's time zone, as the page computes them. */
function lastTwelveMonths() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit" })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const index = Number(parts.year) * 12 + Number(parts.month) - 1 - 11;
  const name = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
  return [name(index), name(index + 11)];
}

const digits = (text) => Number(text.replace(/[^\d]/g, ""));
const started = Date.now();
async function step(name, run) {
  const at = Date.now();
  await run();
  report({ step: name, ok: true, ms: Date.now() - at });
}

mkdirSync(SHOTS, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "govgraph-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ARGS,
  viewport: { width: 1280, height: 860 },
  locale: "vi-VN",
  timezoneId: "Asia/Ho_Chi_Minh",
});
context.setDefaultTimeout(20_000);
const page = context.pages()[0] ?? (await context.newPage());
const problems = [];
page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));

// The page's websocket goes through here, so the test can cut it and hold reconnections.
let sockets = null;
let holding = false;
await page.routeWebSocket(/\/graphql$/, (ws) => {
  if (holding) {
    ws.close({ code: 1013, reason: "held by the test" });
    return;
  }
  sockets = [ws, ws.connectToServer()];
});

try {
  const me = (
    await api(
      `mutation($l: String!, $p: String!) { login(login: $l, password: $p) {
         token account { person { fullName } } errors { code } } }`,
      { l: LOGIN, p: PASSWORD },
    )
  ).login;
  assert.ok(me.token, "the API refused the demo login");
  const token = me.token;

  if (DRIVEN) await step("password change required", async () => {
    // The demo's unit account of phường Phú Hội must change its password at first sign-in.
    const [unit, first, fresh] = ["phuhoi@huecity.gov.vn", "Phuong#HueCity2026", "Hue#DoiMoi2026"];
    await page.goto(BASE);
    await page.getByLabel("Tên đăng nhập hoặc thư điện tử").fill(unit);
    await page.getByLabel("Mật khẩu").fill(first);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("heading", { name: "Cần đổi mật khẩu" }).waitFor();
    assert.match(await page.getByRole("alert").innerText(), /phải đổi mật khẩu/);
    await page.getByLabel("Mật khẩu hiện tại").fill(first);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("PhuHoi#2026"); // holds the login
    await page.getByLabel("Nhập lại mật khẩu mới").fill("PhuHoi#2026");
    await page.getByRole("button", { name: "Đổi mật khẩu và đăng nhập" }).click();
    await page.getByText("Mật khẩu mới không được chứa tên đăng nhập.").waitFor();
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(fresh);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(fresh);
    await page.getByRole("button", { name: "Đổi mật khẩu và đăng nhập" }).click();
    await page.getByRole("heading", { name: "Cơ cấu tổ chức" }).waitFor();
    assert.equal(await page.locator(".who strong").innerText(), unit);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem("govgraph.session")), null);
  });

  await step("sign-in", async () => {
    await page.goto(BASE);
    await page.getByLabel("Tên đăng nhập hoặc thư điện tử").fill(LOGIN);
    await page.getByLabel("Mật khẩu").fill(`${PASSWORD}-sai`);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.innerText(), /không đúng/);
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("heading", { name: "Cơ cấu tổ chức" }).waitFor();
    assert.equal(await page.locator(".who strong").innerText(), me.account.person.fullName);
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem("govgraph.session"),
      everything: JSON.stringify({ ...sessionStorage, ...localStorage }),
    }));
    assert.ok(JSON.parse(stored.session).token, "the token is kept in sessionStorage");
    assert.ok(!stored.everything.includes(PASSWORD), "the password is never stored");
  });

  await step("tree", async () => {
    const expected = (
      await api(
        `query($code: String!) { orgTree(depth: 1) { name children { code } }
           orgUnit(code: $code) { name children { name } leaders { rank person { fullName } } } }`,
        { code: UNIT },
        token,
      )
    );
    await page.locator(".tree-root").getByText(expected.orgTree.name).waitFor();
    const rows = page.locator("ul.tree[role=tree] > li.tree-node");
    assert.equal(await rows.count(), expected.orgTree.children.length);
    const unit = expected.orgUnit;
    await page.getByLabel("Lọc theo tên đơn vị").fill(unit.name.toLowerCase());
    await page.waitForFunction((n) => document.querySelectorAll("ul.tree[role=tree] > li.tree-node").length < n, expected.orgTree.children.length);
    const node = page.locator(`li.tree-node[data-code="${UNIT}"]`);
    const head = unit.leaders.find((l) => l.rank === "HEAD");
    assert.match(await node.locator(".leader").first().innerText(), new RegExp(head.person.fullName));
    await node.getByRole("button", { name: `Mở ${unit.name}` }).click();
    const children = node.locator(":scope > ul[role=group] > li.tree-node .unit-name");
    await children.first().waitFor();
    assert.deepEqual(await children.allInnerTexts(), unit.children.map((c) => c.name));
    assert.equal(await node.getAttribute("aria-expanded"), "true");
    await page.screenshot({ path: join(SHOTS, "tree.png"), fullPage: false });
  });

  await step("unit figures", async () => {
    const id = (await api(`query($c: String!) { orgUnit(code: $c) { id name } }`, { c: UNIT }, token)).orgUnit;
    const [from, to] = lastTwelveMonths();
    const months = (
      await api(
        `query($id: ID!, $from: String!, $to: String!) { taskStatsSeries(unitId: $id, grain: MONTH, from: $from, to: $to) {
           doneOnTime doneLate openOverdue } }`,
        { id: id.id, from, to },
        token,
      )
    ).taskStatsSeries;
    const sum = (key) => months.reduce((total, m) => total + m[key], 0);
    await page.locator(`li.tree-node[data-code="${UNIT}"] > .tree-row a.unit-name`).click();
    await page.getByRole("heading", { level: 1, name: id.name }).waitFor();
    await page.getByTestId("task-kpis").waitFor();
    assert.equal(digits(await page.getByTestId("kpi-overdue").locator(".kpi-value").innerText()), sum("openOverdue"));
    assert.equal(digits(await page.getByTestId("kpi-ontime").locator(".kpi-value").innerText()), sum("doneOnTime"));
    assert.equal(digits(await page.getByTestId("kpi-late").locator(".kpi-value").innerText()), sum("doneLate"));
    assert.ok(sum("doneOnTime") + sum("openOverdue") > 0, "the demo unit has figures to show");
    assert.ok((await page.locator(".chart .bar rect").count()) >= 12, "the chart has its bars");
    await page.screenshot({ path: join(SHOTS, "unit.png"), fullPage: true });
  });

  await step("map", async () => {
    const total = (await api(`{ reflections(first: 1) { totalCount } }`, {}, token)).reflections.totalCount;
    const shown = Math.min(total, 300);
    await page.getByRole("link", { name: "Bản đồ phản ánh" }).click();
    const map = page.getByTestId("map");
    await map.waitFor();
    await page.waitForFunction((n) => document.querySelectorAll("circle.report-dot").length === n, shown);
    const legend = await page.locator(".map-legend .count").allInnerTexts();
    assert.equal(legend.map(digits).reduce((a, b) => a + b, 0), shown);
    const inside = await page.evaluate(() => {
      const box = document.querySelector("[data-testid=map]").viewBox.baseVal;
      return [...document.querySelectorAll("circle.report-dot")].every((dot) => {
        const [x, y] = [Number(dot.getAttribute("cx")), Number(dot.getAttribute("cy"))];
        return x >= 0 && x <= box.width && y >= 0 && y <= box.height;
      });
    });
    assert.ok(inside, "every report lies inside the map");
    assert.ok((await page.locator("g.commune").count()) > 1, "communes are drawn");
    await page.locator("circle.report-dot").last().click(); // drawn last: on top of any it overlaps
    await page.getByTestId("report-card").waitFor();
    await page.screenshot({ path: join(SHOTS, "map.png"), fullPage: true });
  });

  const badge = (n, options) =>
    page.waitForFunction(
      (count) => Number(document.querySelector("[data-testid=unread-badge]")?.textContent ?? 0) === count,
      n,
      options,
    );
  const unread = (await api(`{ unreadNotificationCount }`, {}, token)).unreadNotificationCount;

  await step(DRIVEN ? "notifications, live and resumed" : "notifications", async () => {
    await badge(unread);
    await page.locator("[data-testid=live-status][data-status=live]").first().waitFor();
    if (DRIVEN) {
      // The socket drops and stays down while another user's step tells the leader.
      holding = true;
      for (const end of sockets) await end.close({ code: 1012, reason: "cut by the test" });
      await page.locator("[data-testid=live-status][data-status=offline]").first().waitFor();
      await handshake("offline", { unread });
      holding = false;
      await badge(unread + 1, { timeout: 40_000 }); // replayed after the last id seen
      await page.locator("[data-testid=live-status][data-status=live]").first().waitFor({ timeout: 40_000 });
      // Connected: the next one arrives live.
      await handshake("live", { unread: unread + 1 });
      await badge(unread + 2);
    }
    await page.locator("a.bell").click();
    const list = page.getByTestId("notification-list");
    await list.waitFor();
    const titles = await list.locator(".note-title").allInnerTexts();
    for (const title of TITLES) {
      assert.equal(titles.filter((t) => t === title).length, 1, `"${title}" is listed once`);
    }
    assert.deepEqual(titles.slice(0, TITLES.length), [...TITLES].reverse(), "newest first");
    await page.screenshot({ path: join(SHOTS, "notification.png"), fullPage: false });
  });

  await step("phone width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("link", { name: "Cơ cấu tổ chức" }).click();
    await page.locator(".tree-root").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at phone width (${overflow}px too wide)`);
    if (unread + TITLES.length > 0) {
      assert.ok(await page.getByTestId("unread-badge").isVisible(), "the badge stays visible");
    }
    await page.screenshot({ path: join(SHOTS, "phone-tree.png"), fullPage: false });
  });

  assert.deepEqual(problems, [], "no errors in the page");
  report({ done: true, ms: Date.now() - started, screenshots: SHOTS });
} catch (error) {
  await page.screenshot({ path: join(SHOTS, "failure.png"), fullPage: true }).catch(() => undefined);
  report({ failed: String(error?.stack ?? error), problems });
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  process.stdin.destroy();
}
