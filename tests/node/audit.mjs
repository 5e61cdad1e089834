// The GraphQL-over-HTTP audit of `graphql-http` against a running govgraph server.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql
// Prints one JSON line: {"total": n, "ok": n, "warnings": [...], "failures": [...], "notices": [...]}
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs <graphql url>");
  process.exit(2);
}
const results = await auditServer({ url });
const named = (status) =>
  results.filter((r) => r.status === status).map((r) => ({ id: r.id, name: r.name, reason: r.reason }));
console.log(
  JSON.stringify({
    total: results.length,
    ok: results.filter((r) => r.status === "ok").length,
    warnings: named("warn"),
    failures: named("error"),
    notices: named("notice"),
  }),
);
