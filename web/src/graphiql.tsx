// GraphiQL from local assets: the npm build of graphiql, bundled by esbuild, no CDN.
// The README's three queries open as tabs (injected at build time as README_EXAMPLES).
import { GraphiQL } from "graphiql";
import type { Fetcher } from "@graphiql/toolkit";
import { Kind, parse } from "graphql";
import { createRoot } from "react-dom/client";
import "graphiql/graphiql.css";

declare const README_EXAMPLES: { query: string; variables: string }[];

const endpoint = document.body.dataset.endpoint ?? "/graphql";

/** The operation name to send: GraphiQL can hand over the previous tab's name for a moment
 * after a tab switch; a name the document does not define is dropped when it has one
 * operation only. */
function operationName(query: string, name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  try {
    const names = parse(query).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : [],
    );
    return names.includes(name) || names.length !== 1 ? name : names[0];
  } catch {
    return name; // the server names the syntax error
  }
}

const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...options?.headers },
    body: JSON.stringify({ ...params, operationName: operationName(params.query, params.operationName) }),
  });
  // Strawberry answers some refusals (an unknown operation name ...) in plain text.
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text}` }] };
  }
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
