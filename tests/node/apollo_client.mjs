// Apollo Client against a running govgraph: a query through automatic persisted queries
// (first a miss, then the query registered, then a hit by hash alone, over GET), and a
// batched pair of queries (BatchHttpLink: one HTTP request).
// Usage: node apollo_client.mjs http://127.0.0.1:8000/graphql
// Prints one JSON line with the requests seen and the data received.
import { createHash } from "node:crypto";
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { BatchHttpLink } from "@apollo/client/link/batch-http";
import { createPersistedQueryLink } from "@apollo/client/link/persisted-queries";

const uri = process.argv[2];
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

function recording(log) {
  return async (url, init) => {
    const response = await fetch(url, init);
    const text = await response.clone().text();
    log.push({
      method: init?.method ?? "GET",
      hasQuery: init?.body ? "query" in JSON.parse(init.body) : String(url).includes("query="),
      batch: init?.body ? Array.isArray(JSON.parse(init.body)) : false,
      status: response.status,
      codes: [JSON.parse(text)]
        .flat()
        .flatMap((answer) => answer.errors ?? [])
        .map((error) => error.extensions?.code),
    });
    return response;
  };
}

const LEVELS = gql`
  query Levels {
    orgLevels {
      code
    }
  }
`;
const UNIT = gql`
  query Unit($code: String!) {
    orgUnit(code: $code) {
      code
      name
    }
  }
`;

// 1. automatic persisted queries over HttpLink, hashed queries by GET
const apqLog = [];
const apq = new ApolloClient({
  cache: new InMemoryCache(),
  link: ApolloLink.from([
    createPersistedQueryLink({ sha256, useGETForHashedQueries: true }),
    new HttpLink({ uri, fetch: recording(apqLog) }),
  ]),
});
const first = await apq.query({ query: LEVELS, fetchPolicy: "network-only" });
const second = await apq.query({ query: LEVELS, fetchPolicy: "network-only" });

// 2. a batched pair
const batchLog = [];
const batched = new ApolloClient({
  cache: new InMemoryCache(),
  link: new BatchHttpLink({ uri, batchMax: 10, batchInterval: 20, fetch: recording(batchLog) }),
});
const [levels, unit] = await Promise.all([
  batched.query({ query: LEVELS }),
  batched.query({ query: UNIT, variables: { code: "HUE" } }),
]);

console.log(
  JSON.stringify({
    apq: {
      requests: apqLog,
      first: first.data.orgLevels.map((l) => l.code),
      second: second.data.orgLevels.map((l) => l.code),
    },
    batch: {
      requests: batchLog,
      levels: levels.data.orgLevels.map((l) => l.code),
      unit: unit.data.orgUnit,
    },
  }),
);
