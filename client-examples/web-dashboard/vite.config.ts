// The page is served by govgraph at /dashboard/ (development mode) from dist/; `npm run dev`
// serves it on its own with /graphql proxied to a running govgraph (GOVGRAPH_URL).
import { defineConfig } from "vite";

const api = process.env.GOVGRAPH_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  base: "/dashboard/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { target: "es2022", chunkSizeWarningLimit: 200 },
  server: {
    port: 18230,
    proxy: { "/graphql": { target: api, ws: true, changeOrigin: true } },
  },
});
