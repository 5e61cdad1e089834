// GraphiQL in headless Chromium with every request to another host failing (an offline
// intranet): the editor renders, a query runs, sign-in through the Variables pane and a
// token in the Headers pane work, and nothing that mentions the password or the token is
// left in the browser's storage.
// Usage: GOVGRAPH_LOGIN=... GOVGRAPH_PASSWORD=... node graphiql_offline.mjs http://127.0.0.1:8000
// Prints one JSON line with what it saw.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const base = process.argv[2];
const login = process.env.GOVGRAPH_LOGIN;
const password = process.env.GOVGRAPH_PASSWORD;
const origin = new URL(base).origin;
const userDataDir = mkdtempSync(join(tmpdir(), "govgraph-chromium-"));
const blocked = [];
const errors = [];

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  const editor = (label) =>
    page.evaluate((label) => {
      const found = [...document.querySelectorAll(".CodeMirror")].find(
        (e) =>
          e.closest("[aria-label]")?.getAttribute("aria-label") === label &&
          !e.parentElement.classList.contains("hidden"),
      );
      return found ? found.CodeMirror.getValue() : null;
    }, label);
  async function fill(label, value) {
    await page.evaluate(
      ([label, value]) => {
        const found = [...document.querySelectorAll(".CodeMirror")].find(
          (e) =>
            e.closest("[aria-label]")?.getAttribute("aria-label") === label &&
            !e.parentElement.classList.contains("hidden"),
        );
        found.CodeMirror.setValue(value);
      },
      [label, value],
    );
    await page.waitForTimeout(800); // GraphiQL takes editor changes in after a debounce
  }
  async function run(query) {
    await page.click(".graphiql-query-editor .CodeMirror");
    await fill("Query Editor", query);
    const before = await editor("Result Window");
    await page.click('button[aria-label^="Execute query"]');
    await page.waitForFunction(
      (before) => {
        const result = document.querySelector(".graphiql-response .CodeMirror");
        const text = result && result.CodeMirror.getValue();
        return text && text !== before && text.trim().startsWith("{");
      },
      before,
      { timeout: 30000 },
    );
    return JSON.parse(await editor("Result Window"));
  }
  const stored = () =>
    page.evaluate(() => ({
      local: JSON.stringify({ ...window.localStorage }),
      session: JSON.stringify({ ...window.sessionStorage }),
    }));

  await page.goto(`${base}/graphql`);
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 30000 });
  const levels = await run("{ orgLevels { code } }");

  await fill("Variables", JSON.stringify({ login, password }));
  const signedIn = await run(
    "mutation SignIn($login: String!, $password: String!) {\n" +
      "  login(login: $login, password: $password) { token errors { code } }\n}",
  );
  const token = signedIn.data?.login?.token ?? "";

  await page.click('button:has-text("Headers")');
  await fill("Headers", JSON.stringify({ Authorization: `Bearer ${token}` }));
  const me = await run("{ me { login } }");
  const afterRuns = await stored();

  await page.reload();
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 30000 });
  const afterReload = { ...(await stored()), query: await editor("Query Editor") };

  const everything = JSON.stringify([afterRuns, afterReload]);
  console.log(
    JSON.stringify({
      levels: (levels.data?.orgLevels ?? []).map((level) => level.code),
      signedIn: Boolean(token),
      me: me.data?.me?.login ?? JSON.stringify(me),
      passwordKept: everything.includes(password),
      tokenKept: everything.includes(token),
      localStorageUsed: afterRuns.local !== "{}" || afterReload.local !== "{}",
      sessionKeys: Object.keys(JSON.parse(afterRuns.session)),
      queryAfterReload: afterReload.query,
      blocked,
      errors,
    }),
  );
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
