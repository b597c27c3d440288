// Bundle the front end into ../api/static/ (git-ignored; `make setup` runs this).
//   explorer.js / explorer.css  the article explorer served at /
//   graphiql.js / graphiql.css  GraphiQL served at /graphql, with the README's queries as tabs
import { build } from "esbuild";
import { copyFileSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "api", "static");

// The README's GraphQL examples (its "## GraphQL" section), each with the `Variables:` line
// that follows it: one source for the docs and for GraphiQL's tabs.
function readmeExamples() {
  const readme = readFileSync(join(here, "..", "README.md"), "utf8");
  const start = readme.indexOf("## GraphQL");
  const end = readme.indexOf("## More documentation");
  if (start < 0 || end < 0) throw new Error("README.md lacks its '## GraphQL' section");
  const parts = readme.slice(start, end).split("```graphql\n").slice(1);
  if (parts.length === 0) throw new Error("README.md's GraphQL section has no graphql blocks");
  return parts.map((part) => {
    const query = part.slice(0, part.indexOf("```"));
    const vars = /Variables: `(\{.*?\})`/.exec(part)?.[1];
    return { query, variables: vars ? JSON.stringify(JSON.parse(vars), null, 2) : "" };
  });
}

mkdirSync(out, { recursive: true });
const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  legalComments: "external",
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
};
await build({
  ...common,
  entryPoints: { explorer: join(here, "src", "explorer.ts") },
  outdir: out,
  format: "esm",
});
await build({
  ...common,
  entryPoints: { graphiql: join(here, "src", "graphiql.tsx") },
  outdir: out,
  format: "esm",
  jsx: "automatic",
  define: { ...common.define, README_EXAMPLES: JSON.stringify(readmeExamples()) },
});
for (const page of ["index.html", "graphiql.html"]) copyFileSync(join(here, "src", page), join(out, page));
writeFileSync(join(out, ".built"), new Date().toISOString() + "\n");
