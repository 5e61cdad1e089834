// govgraph's GraphiQL: React, GraphiQL and the explorer plugin are served by govgraph
// itself (installed with npm into govgraph/static/graphiql/node_modules): nothing is
// fetched from another host, so the IDE works on an offline intranet.
//
// What GraphiQL remembers goes to sessionStorage (gone with the tab), never localStorage,
// and a value that mentions a password (the `login` mutation, its variables, its answer
// with the token) is never stored at all. Headers (the bearer token) are not persisted.
(function () {
  "use strict";

  var PASSWORD = /password/i;
  var backing = window.sessionStorage;
  var storage = {
    getItem: function (key) {
      return backing.getItem(key);
    },
    setItem: function (key, value) {
      if (PASSWORD.test(String(value))) {
        backing.removeItem(key); // and forget what was kept before
      } else {
        backing.setItem(key, value);
      }
    },
    removeItem: function (key) {
      backing.removeItem(key);
    },
    clear: function () {
      backing.clear();
    },
    get length() {
      return backing.length;
    },
  };

  var url = new URL(window.location.href);
  url.search = "";
  url.hash = "";
  var wsUrl = new URL(url.href);
  wsUrl.protocol = url.protocol === "https:" ? "wss:" : "ws:";

  // Subscriptions sign in with the token of the Authorization header (connection_init).
  var fetchers = {};
  function fetcher(params, options) {
    var headers = (options && options.headers) || {};
    var auth = headers.Authorization || headers.authorization || "";
    var token = auth.replace(/^Bearer\s+/i, "").trim();
    if (!fetchers[token]) {
      fetchers[token] = GraphiQL.createFetcher({
        url: url.href,
        subscriptionUrl: wsUrl.href,
        wsConnectionParams: token ? { token: token } : {},
      });
    }
    return fetchers[token](params, options);
  }

  var DEFAULT_QUERY = [
    "# govgraph: the province's operations API.",
    "#",
    "# Signing in: get a token with curl (see the README),",
    "# then put it in the Headers pane below:",
    '#   {"Authorization": "Bearer <token>"}',
    "# Or run the login mutation with the password in the",
    "# Variables pane: nothing that mentions a password is",
    "# kept by this page, and nothing outlives the tab.",
    "",
    "{ orgLevels { code name rank } }",
    "",
  ].join("\n");

  var plugins = [];
  if (window.GraphiQLPluginExplorer) {
    plugins.push(window.GraphiQLPluginExplorer.explorerPlugin());
  }
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      storage: storage,
      plugins: plugins,
      defaultQuery: DEFAULT_QUERY,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      inputValueDeprecation: true,
    }),
  );
})();
