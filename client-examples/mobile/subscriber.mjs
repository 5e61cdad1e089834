// A subscriber in Node with the `graphql-ws` client (graphql-transport-ws protocol):
// sign in, follow myNotifications, and after any disconnect subscribe again from the last
// cursor, so every notification arrives exactly once.
//
//   npm install            (graphql-ws and ws, see package.json)
//   node subscriber.mjs --url http://127.0.0.1:8000/graphql --login an.nv --password ... \
//        [--state last-cursor.txt] [--count N]
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const url = args.url ?? "http://127.0.0.1:8000/graphql";
const state = args.state ?? "last-cursor.txt";
const count = args.count ? Number(args.count) : Infinity;

const LOGIN = `mutation($login: String!, $password: String!) {
  login(login: $login, password: $password) { token errors { code message } } }`;
const MINE = `subscription Mine($after: String) {
  myNotifications(after: $after) {
    cursor kind subjectId createdAt summary { title action dueAt threshold } } }`;

async function signIn() {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: LOGIN, variables: { login: args.login, password: args.password } }),
  });
  const { data } = await response.json();
  if (data.login.errors.length) throw new Error(JSON.stringify(data.login.errors));
  return data.login.token;
}

let cursor = existsSync(state) ? readFileSync(state, "utf8").trim() || null : null;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const token = await signIn();
  let received = 0;
  let delay = 500;
  while (received < count) {
    // retryAttempts: 0 — we reconnect ourselves, to subscribe again from the latest cursor
    const client = createClient({
      url: url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { token },
      retryAttempts: 0,
      lazy: true,
    });
    try {
      const stream = client.iterate({ query: MINE, variables: { after: cursor } });
      for await (const result of stream) {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        const notification = result.data.myNotifications;
        console.log(JSON.stringify(notification));
        cursor = notification.cursor;
        writeFileSync(state, cursor);
        delay = 500;
        if (++received >= count) break;
      }
    } catch (error) {
      // a CloseEvent with code 4403 means the token ended: sign in again in a real app
      console.log(`# disconnected (${error?.code ?? error}); resuming from ${cursor}`);
      await sleep(delay);
      delay = Math.min(delay * 2, 30000);
    } finally {
      await client.dispose();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
