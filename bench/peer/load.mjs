// One measured run of autocannon against one GraphQL endpoint on loopback (bench.peer).
//
//   node load.mjs '{"url": "http://127.0.0.1:18100/graphql", "body": "...", "headers": {},
//                   "connections": 10, "duration": 10, "expectLength": 1234}'
//   ("amount": N instead of "duration": N requests, then stop)
//   node load.mjs < specs   (one spec per line, one answer per line: bench.peer keeps one
//                            process for all its runs, Node starts slowly on a busy machine)
//
// Prints one JSON line per run: requests, seconds, the rate, latency percentiles (ms) and what
// went wrong: transport errors, timeouts, non-2xx answers, answers with GraphQL errors, and
// answers whose length differs from the checked answer's (the data changed under the run).
//
// The rate is the steady state's: the answers after the first wave (one per connection, all
// sent at once) over the time from the end of that wave to the last answer. A run with too
// few answers for that counts every answer, over the whole run (a timed run) or until its
// last answer (a run of N requests). A timed run cuts off the requests still running when the
// time is up; they are not counted.
import { createInterface } from "node:readline";
import autocannon from "autocannon";

async function run(spec) {
  const url = new URL(spec.url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new Error(`loopback only, not ${url.hostname}`);
  }
  let graphqlErrors = 0;
  let lengthChanged = 0;
  let sampleError = null;
  // autocannon decodes a body chunk by chunk: a multi-byte character cut at a chunk's end
  // comes back as replacement characters (PostGraphile sends UTF-8, govgraph \u escapes)
  const slack = Math.max(16, (spec.expectLength ?? 0) / 1000);
  const started = performance.now();
  const answered = [];

  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration }),
    timeout: spec.timeout ?? 300, // seconds: a cold scale-10 tree under 10 connections takes a while
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", ...spec.headers },
        body: spec.body,
        onResponse: (status, body) => {
          answered.push(performance.now() - started);
          if (body.startsWith('{"errors"') || body.includes('"errors":[')) {
            graphqlErrors += 1;
            sampleError ??= body.slice(0, 500);
          } else if (
            spec.expectLength &&
            Math.abs(Buffer.byteLength(body) - spec.expectLength) > slack
          ) {
            lengthChanged += 1;
          }
        },
      },
    ],
  });

  const wave = spec.connections;
  const steady = answered.length >= 2 * wave + 2;
  let counted = answered.length;
  let span = spec.amount ? (answered.at(-1) ?? 0) / 1000 : spec.duration;
  if (steady) {
    counted = answered.length - wave;
    span = (answered.at(-1) - answered[wave - 1]) / 1000;
  }

  return JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    rate: span > 0 ? counted / span : 0,
    steady,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    lengthChanged,
    sampleError,
  });
}

if (process.argv[2]) {
  console.log(await run(JSON.parse(process.argv[2])));
} else {
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim()) console.log(await run(JSON.parse(line)));
  }
}
