// GraphiQL from local assets: the npm build of graphiql, bundled by esbuild, no CDN.
// The README's three queries open as tabs (injected at build time as README_EXAMPLES).
import { GraphiQL } from "graphiql";
import type { Fetcher } from "@graphiql/toolkit";
import { createRoot } from "react-dom/client";
import "graphiql/graphiql.css";

declare const README_EXAMPLES: { query: string; variables: string }[];

const endpoint = document.body.dataset.endpoint ?? "/graphql";

const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...options?.headers },
    body: JSON.stringify(params),
  });
  return response.json();
};

const root = document.getElementById("graphiql");
if (root) {
  createRoot(root).render(
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={README_EXAMPLES}
      defaultQuery={README_EXAMPLES[0]?.query}
      variables={README_EXAMPLES[0]?.variables}
      defaultEditorToolsVisibility={true}
      shouldPersistHeaders={false}
    />,
  );
}
