// newsgraph's article explorer: a list of articles with search, an article with every
// mention highlighted, entity cards and a graph view. Everything comes from /graphql.
import {
  ARTICLE,
  ARTICLES,
  KINDS,
  SEARCH,
  card,
  caption,
  gql,
  kindOf,
  type ArticleFull,
  type ArticleSummary,
  type Card,
  type Kind,
  type Marked,
  type SearchHit,
  type Span,
} from "./api";
import { COLOURS } from "./colours";
import { GraphView } from "./graph";
import { renderMarkedText, type Mark } from "./highlight";
import "./explorer.css";

const view = document.getElementById("view") as HTMLElement;
const panel = document.getElementById("card") as HTMLElement;

// --- small DOM helpers -------------------------------------------------------------

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") el.className = value;
    else el.setAttribute(name, value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

function link(href: string, text: string, cls = ""): HTMLAnchorElement {
  return h("a", cls ? { href, class: cls } : { href }, text);
}

function chip(kind: Kind, text?: string): HTMLElement {
  return h("span", { class: `chip chip-${kind}` }, text ?? kind);
}

function articleHref(id: string, at?: number): string {
  return `#/article/${encodeURIComponent(id)}` + (at === undefined ? "" : `?at=${at}`);
}

function entityHref(id: string): string {
  return `#/graph/${encodeURIComponent(id)}`;
}

function message(text: string, cls = "note"): HTMLElement {
  return h("p", { class: cls, role: cls === "error" ? "alert" : "status" }, text);
}

function failed(error: unknown): HTMLElement {
  return message(error instanceof Error ? error.message : String(error), "error");
}

function legend(): HTMLElement {
  return h(
    "ul",
    { class: "legend", "aria-label": "Colours of the highlights" },
    ...KINDS.map(({ kind, label }) => h("li", {}, h("span", { class: `hl hl-${kind} swatch` }, label))),
  );
}

// --- the list of articles and the search box --------------------------------------

async function showList(search: string): Promise<void> {
  document.title = "newsgraph — articles";
  const input = h("input", {
    type: "search",
    id: "search",
    name: "text",
    placeholder: "Search people, roles, events, quotes…",
    "aria-label": "Search the graph",
    value: search,
  });
  const form = h("form", { class: "search", role: "search" }, input, h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    location.hash = text ? `#/search/${encodeURIComponent(text)}` : "#/";
  });
  const results = h("section", { id: "results", "aria-live": "polite" });
  const list = h("section", { id: "articles" }, h("h2", {}, "Articles"), message("Loading articles…"));
  view.replaceChildren(h("h1", {}, "Articles"), form, results, list);
  if (search) void runSearch(search, results);
  else input.focus();
  try {
    const data = await gql<{ articles: { totalCount: number; nodes: ArticleSummary[] } }>(ARTICLES);
    list.replaceChildren(h("h2", {}, `Articles (${data.articles.totalCount})`), articleTable(data.articles.nodes));
  } catch (error) {
    list.replaceChildren(h("h2", {}, "Articles"), failed(error));
  }
}

function articleTable(articles: ArticleSummary[]): HTMLElement {
  if (articles.length === 0) return message("No articles yet: load one with `newsgraph ingest FILE`.");
  const head = h(
    "tr",
    {},
    ...["Headline", "Source", "Date", "People", "Statements", "Events"].map((t) => h("th", { scope: "col" }, t)),
  );
  const rows = articles.map((a) =>
    h(
      "tr",
      { class: "article-row" },
      h("td", {}, link(articleHref(a.id), a.headline ?? a.id)),
      h("td", {}, a.source ?? "—"),
      h("td", { class: "date" }, a.published ?? "—"),
      h("td", { class: "num" }, String(a.people.length)),
      h("td", { class: "num" }, String(a.statements.length)),
      h("td", { class: "num" }, String(a.events.length)),
    ),
  );
  return h("table", { class: "articles" }, h("thead", {}, head), h("tbody", {}, ...rows));
}

async function runSearch(text: string, into: HTMLElement): Promise<void> {
  into.replaceChildren(message(`Searching for “${text}”…`));
  try {
    const data = await gql<{ search: { totalCount: number; nodes: SearchHit[] } }>(SEARCH, { text });
    const hits = data.search.nodes;
    const items = hits.map((hit) => {
      const node = hit.node;
      const kind = kindOf(node.id) ?? "event";
      const where = node.evidence?.find((e) => e.article);
      const words = caption(node);
      const main =
        where?.article != null
          ? link(articleHref(where.article.id, where.start), words)
          : link(entityHref(node.id), words);
      return h(
        "li",
        { class: "hit" },
        chip(kind),
        " ",
        main,
        node.speaker ? h("span", { class: "speaker" }, ` — ${node.speaker.name}`) : null,
        where?.article?.headline ? h("span", { class: "from" }, ` (${where.article.headline})`) : null,
      );
    });
    into.replaceChildren(
      h("h2", {}, `${data.search.totalCount} results for “${text}”`),
      hits.length ? h("ol", { class: "hits" }, ...items) : message("Nothing matches."),
    );
  } catch (error) {
    into.replaceChildren(failed(error));
  }
}

// --- one article ---------------------------------------------------------------------

function marksOf(article: ArticleFull): Mark[] {
  const groups: [Kind, Marked[]][] = [
    ["person", article.people],
    ["organisation", article.organisations],
    ["place", article.locations],
    ["role", article.roles],
    ["event", article.events],
    ["statement", article.statements],
  ];
  const marks: Mark[] = [];
  for (const [kind, items] of groups) {
    for (const item of items) {
      for (const span of item.evidence) {
        if (span.article?.id !== article.id) continue;
        marks.push({ start: span.start, end: span.end, kind, id: item.id, label: caption(item) });
      }
    }
  }
  return marks;
}

async function showArticle(id: string, at: number | null): Promise<void> {
  view.replaceChildren(message("Loading the article…"));
  let article: ArticleFull | null;
  try {
    article = (await gql<{ article: ArticleFull | null }>(ARTICLE, { id })).article;
  } catch (error) {
    view.replaceChildren(failed(error));
    return;
  }
  if (!article) {
    view.replaceChildren(message(`There is no article ${id}.`, "error"), link("#/", "Back to the articles"));
    return;
  }
  document.title = `newsgraph — ${article.headline ?? article.id}`;
  const body = h("div", { class: "article-text", id: "article-text" });
  body.append(renderMarkedText(article.text, marksOf(article)));
  body.addEventListener("click", (event) => openFrom(event.target));
  // Resting the pointer on a highlight opens its card too (without moving the focus).
  // Only a moving pointer counts: text drawn under a still one opens nothing.
  let hover: number | undefined;
  let pointed: string | undefined;
  body.addEventListener("mousemove", (event) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>(".hl")?.dataset.id;
    if (id === pointed) return;
    pointed = id;
    window.clearTimeout(hover);
    if (id && id !== panel.dataset.id) hover = window.setTimeout(() => void showCard(id, false), HOVER_MS);
  });
  body.addEventListener("mouseleave", () => {
    pointed = undefined;
    window.clearTimeout(hover);
  });
  body.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openFrom(event.target);
    }
  });
  const statements = [...article.statements].sort(
    (a, b) => firstStart(a.evidence, article.id) - firstStart(b.evidence, article.id),
  );
  const said = h(
    "ol",
    { class: "statements" },
    ...statements.map((s) =>
      h(
        "li",
        {},
        s.speaker ? h("a", { href: entityHref(s.speaker.id), class: "speaker", "data-card": s.speaker.id }, s.speaker.name) : h("span", { class: "speaker" }, "unknown"),
        ": ",
        h("a", { href: articleHref(article.id, firstStart(s.evidence, article.id)), "data-card": s.id }, `“${s.text}”`),
        h("span", { class: "kind" }, ` ${(s.kind ?? "").toLowerCase()}`),
      ),
    ),
  );
  said.addEventListener("click", (event) => {
    const a = (event.target as HTMLElement).closest<HTMLElement>("[data-card]");
    if (a?.dataset.card && kindOf(a.dataset.card) === "person") {
      event.preventDefault();
      void showCard(a.dataset.card);
    }
  });
  const meta = [article.source, article.published].filter(Boolean).join(" · ");
  view.replaceChildren(
    h("p", {}, link("#/", "← All articles")),
    h("h1", { id: "headline" }, article.headline ?? article.id),
    meta ? h("p", { class: "meta" }, meta) : "",
    legend(),
    h("p", { class: "hint" }, "Point at a highlight or click it, or tab to it and press Enter, to open its card."),
    body,
    h("h2", {}, `Statements (${statements.length})`),
    statements.length ? said : message("No statements."),
  );
  if (at !== null) {
    const spot = [...body.querySelectorAll<HTMLElement>(".hl")].find((el) => Number(el.dataset.start) >= at);
    if (spot) {
      spot.scrollIntoView({ block: "center" });
      spot.classList.add("flash");
      spot.focus({ preventScroll: true });
    }
  }
}

function firstStart(spans: Span[], articleId: string): number {
  return spans.find((s) => s.article?.id === articleId)?.start ?? Number.MAX_SAFE_INTEGER;
}

function openFrom(target: EventTarget | null): void {
  const el = (target as HTMLElement | null)?.closest<HTMLElement>(".hl");
  if (el?.dataset.id) void showCard(el.dataset.id);
}

// --- the entity card -------------------------------------------------------------------

function section(title: string, items: HTMLElement[]): HTMLElement | null {
  if (items.length === 0) return null;
  return h("section", {}, h("h3", {}, title), h("ul", {}, ...items.map((i) => h("li", {}, i))));
}

function ref(node: { id: string; name?: string; title?: string } | null | undefined): HTMLElement | string {
  if (!node) return "—";
  const kind = kindOf(node.id);
  const a = h("a", { href: entityHref(node.id), "data-card": node.id }, caption(node));
  return kind ? h("span", {}, chip(kind), " ", a) : a;
}

export function renderCard(c: Card): HTMLElement {
  const kind = kindOf(c.id) ?? "event";
  const roles = (c.roles ?? []).map((r) =>
    h(
      "span",
      { class: "role" },
      h("strong", {}, r.title),
      r.organisation ? h("span", {}, " at ", ref(r.organisation)) : null,
      r.person ? h("span", {}, " held by ", ref(r.person)) : null,
      h("span", { class: `status status-${r.status.toLowerCase()}` }, ` (${r.status.toLowerCase()})`),
    ),
  );
  const statements = (c.statements ?? []).map((s) => {
    const spot = s.evidence.find((e) => e.article);
    return h(
      "div",
      { class: "said" },
      h("q", {}, s.text),
      c.__typename === "Event" && s.speaker ? h("span", {}, " — ", ref(s.speaker)) : null,
      spot?.sentence ? h("p", { class: "sentence" }, spot.sentence) : null,
      spot?.article ? link(articleHref(spot.article.id, spot.start), `In “${spot.article.headline ?? spot.article.id}”`, "spot") : null,
    );
  });
  const events = (c.events ?? []).map((e) =>
    h("span", {}, chip("event", e.kind), " ", h("a", { href: entityHref(e.id), "data-card": e.id }, e.summary), e.date ? ` (${e.date})` : ""),
  );
  const articles = (c.articles ?? []).map((a) => link(articleHref(a.id), a.headline ?? a.id));
  const facts: HTMLElement[] = [];
  const fact = (label: string, value: HTMLElement | string | null | undefined): void => {
    if (value) facts.push(h("div", { class: "fact" }, h("dt", {}, label), h("dd", {}, value)));
  };
  if (c.aliases?.length) fact("Also", c.aliases.join(", "));
  if (c.__typename === "Location") {
    fact("Kind", c.placeKind ?? null);
    if (c.within) fact("Within", ref(c.within));
  }
  if (c.__typename === "Role") {
    fact("Wording", c.wording);
    fact("Status", c.status?.toLowerCase());
    fact("Held by", ref(c.person));
    fact("At", ref(c.organisation));
  }
  if (c.__typename === "Statement") {
    fact("Kind", c.statementKind?.toLowerCase());
    fact("Speaker", ref(c.speaker));
    if (c.audience) fact("To", ref(c.audience));
    if (c.occasion) fact("At", ref(c.occasion));
  }
  if (c.__typename === "Event") {
    fact("Kind", c.kind ?? null);
    fact("Date", c.date ?? c.dateText ?? null);
    if (c.location) fact("Where", ref(c.location));
    for (const p of c.participants ?? []) if (p.entity) fact(p.role, ref(p.entity));
  }
  const spots = (c.__typename === "Statement" ? c.evidence ?? [] : []).map((e) =>
    h("span", {}, h("span", { class: "sentence" }, e.sentence ?? ""), " ", e.article ? link(articleHref(e.article.id, e.start), "Show in the article", "spot") : null),
  );
  return h(
    "article",
    { class: `card card-${kind}`, "aria-labelledby": "card-title" },
    h("header", {}, chip(kind), h("h2", { id: "card-title" }, caption(c))),
    facts.length ? h("dl", {}, ...facts) : null,
    section("Roles", roles),
    section(c.__typename === "Event" ? "Statements at it" : "What they said", statements),
    section("Where it is reported", spots),
    section("Events", events),
    section("Articles", articles),
    h("p", { class: "actions" }, link(entityHref(c.id), "Graph view", "button")),
  );
}

// Where the focus was when a card opened, to give it back when the card closes.
let returnFocus: HTMLElement | null = null;

const HOVER_MS = 450;

async function showCard(id: string, focus = true): Promise<void> {
  if (focus && panel.hidden && document.activeElement instanceof HTMLElement) returnFocus = document.activeElement;
  panel.hidden = false;
  panel.replaceChildren(message("Loading…"));
  try {
    const c = await card(id);
    const close = h("button", { type: "button", class: "close", "aria-label": "Close the card" }, "×");
    close.addEventListener("click", closeCard);
    panel.replaceChildren(close, c ? renderCard(c) : message(`There is no node ${id}.`, "error"));
    panel.dataset.id = id;
    for (const el of document.querySelectorAll<HTMLElement>(".hl.selected")) el.classList.remove("selected");
    for (const el of document.querySelectorAll<HTMLElement>(`.hl[data-id="${CSS.escape(id)}"]`)) el.classList.add("selected");
    const title = panel.querySelector<HTMLElement>("h2");
    title?.setAttribute("tabindex", "-1");
    if (focus) title?.focus();
  } catch (error) {
    panel.replaceChildren(failed(error));
  }
}

function closeCard(): void {
  panel.hidden = true;
  panel.replaceChildren();
  delete panel.dataset.id;
  for (const el of document.querySelectorAll<HTMLElement>(".hl.selected")) el.classList.remove("selected");
  if (returnFocus?.isConnected) returnFocus.focus();
  returnFocus = null;
}

panel.addEventListener("click", (event) => {
  const a = (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-card]");
  if (a?.dataset.card && !location.hash.startsWith("#/graph/")) {
    event.preventDefault();
    void showCard(a.dataset.card);
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !panel.hidden) closeCard();
});

// --- the graph view ------------------------------------------------------------------

async function showGraph(id: string): Promise<void> {
  const canvas = h("div", { id: "graph", class: "graph", role: "img", "aria-label": "The neighbourhood as a graph; the list below has the same nodes" });
  const list = h("ul", { class: "graph-list", "aria-label": "Nodes of the graph" });
  const two = h("button", { type: "button" }, "Two hops");
  view.replaceChildren(
    h("p", {}, link("#/", "← All articles")),
    h("h1", {}, "Neighbourhood"),
    h("ul", { class: "legend" }, ...KINDS.map(({ kind, label }) => h("li", {}, chip(kind, label)))),
    h("p", { class: "hint" }, "Click a node (or a button below) to expand it and open its card. ", two),
    canvas,
    h("h2", {}, "Nodes"),
    list,
  );
  const graph = new GraphView(canvas, list, (n) => void showCard(n));
  two.addEventListener("click", () => void graph.expand(id, 2));
  try {
    await graph.expand(id);
    graph.cy.getElementById(id).select();
    void showCard(id);
  } catch (error) {
    view.append(failed(error));
  }
}

// --- routing ---------------------------------------------------------------------------

async function route(): Promise<void> {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const at = new URLSearchParams(query ?? "").get("at");
  const parts = path.split("/").filter(Boolean);
  try {
    if (parts[0] === "article" && parts[1]) await showArticle(decodeURIComponent(parts[1]), at ? Number(at) : null);
    else if (parts[0] === "graph" && parts[1]) await showGraph(decodeURIComponent(parts[1]));
    else if (parts[0] === "search" && parts[1]) await showList(decodeURIComponent(parts[1]));
    else await showList("");
  } finally {
    document.body.dataset.ready = hash;
  }
}

window.addEventListener("hashchange", () => void route());
for (const { kind } of KINDS) {
  document.documentElement.style.setProperty(`--${kind}-soft`, COLOURS[kind].soft);
  document.documentElement.style.setProperty(`--${kind}-strong`, COLOURS[kind].strong);
}
void route();
