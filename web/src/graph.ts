// The graph view: an entity's neighbourhood drawn with Cytoscape.js; a click (or Enter on
// the list beside it) expands a node with its own neighbours.
import cytoscape from "cytoscape";
import { card, caption, kindOf, type Card, type Kind } from "./api";
import { COLOURS } from "./colours";

export interface GraphNode {
  id: string;
  kind: Kind;
  label: string;
}

export interface GraphEdge {
  source: string;
  target: string;
  label: string;
}

function short(text: string, size = 36): string {
  return text.length > size ? text.slice(0, size - 1) + "…" : text;
}

/** The nodes and relationships next to an entity, from its card. */
export function neighbourhood(c: Card): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const add = (ref: { id: string; name?: string; title?: string; text?: string; summary?: string } | null | undefined): string | null => {
    if (!ref?.id) return null;
    const kind = kindOf(ref.id);
    if (!kind) return null;
    nodes.push({ id: ref.id, kind, label: short(caption(ref)) });
    return ref.id;
  };
  const link = (source: string | null, target: string | null, label: string): void => {
    if (source && target) edges.push({ source, target, label });
  };
  const self = add(c);
  for (const role of c.roles ?? []) {
    add(role);
    if (c.__typename === "Person") {
      link(self, role.id, "HOLDS");
      link(role.id, add(role.organisation), "AT");
    } else {
      link(add(role.person), role.id, "HOLDS");
      link(role.id, self, "AT");
    }
  }
  for (const s of c.statements ?? []) {
    add(s);
    link(add(s.speaker) ?? self, s.id, "SAID");
  }
  for (const e of c.events ?? []) {
    add(e);
    if (c.__typename === "Location") link(e.id, self, "IN");
    else {
      link(self, e.id, "IN");
      link(e.id, add(e.location), "IN");
    }
  }
  if (c.__typename === "Role") {
    link(add(c.person), self, "HOLDS");
    link(self, add(c.organisation), "AT");
  }
  if (c.__typename === "Statement") {
    link(add(c.speaker), self, "SAID");
    link(self, add(c.audience), "TO");
    link(self, add(c.occasion), "AT");
  }
  if (c.__typename === "Event") {
    link(self, add(c.location), "IN");
    for (const p of c.participants ?? []) link(add(p.entity), self, p.role.toUpperCase());
  }
  if (c.__typename === "Location") link(self, add(c.within), "WITHIN");
  return { nodes, edges };
}

export class GraphView {
  readonly cy: cytoscape.Core;
  private readonly expanded = new Set<string>();
  private root: string | null = null;
  private readonly list: HTMLElement;

  private pending = 0;

  constructor(
    private readonly container: HTMLElement,
    list: HTMLElement,
    private readonly onSelect: (id: string) => void,
  ) {
    this.list = list;
    this.cy = cytoscape({
      container,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": (n: cytoscape.NodeSingular) => COLOURS[n.data("kind") as Kind].strong,
            label: "data(label)",
            color: "#1b1b1b",
            "font-size": 11,
            "text-wrap": "wrap",
            "text-max-width": "140px",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": "2px",
            width: 26,
            height: 26,
            "border-width": 2,
            "border-color": "#ffffff",
          },
        },
        { selector: "node.expanded", style: { "border-color": "#1b1b1b", "border-width": 3 } },
        { selector: "node:selected", style: { "border-color": "#000000", "border-width": 4 } },
        {
          selector: "edge",
          style: {
            width: 1.5,
            "line-color": "#8a8f98",
            "target-arrow-color": "#8a8f98",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            label: "data(label)",
            "font-size": 9,
            color: "#3d3d3d",
            "text-rotation": "autorotate",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
          },
        },
      ],
    });
    this.cy.on("tap", "node", (event) => {
      const id = event.target.id() as string;
      void this.expand(id);
      this.onSelect(id);
    });
  }

  /** Add a node's neighbours (fetched through GraphQL); `hops` 2 expands those too. */
  async expand(id: string, hops = 1): Promise<void> {
    this.root ??= id;
    this.pending += 1;
    this.container.dataset.busy = "true";
    try {
      if (!this.expanded.has(id)) {
        this.expanded.add(id);
        const c = await card(id);
        if (c) this.add(neighbourhood(c));
        this.cy.getElementById(id).addClass("expanded");
      }
      if (hops > 1) {
        const next = this.cy.getElementById(id).neighborhood("node").map((n) => n.id() as string);
        await Promise.all(next.map((n) => this.expand(n, hops - 1)));
      }
    } finally {
      this.pending -= 1;
      this.layout();
    }
  }

  private add(part: { nodes: GraphNode[]; edges: GraphEdge[] }): void {
    for (const n of part.nodes) {
      if (this.cy.getElementById(n.id).empty()) this.cy.add({ group: "nodes", data: { ...n } });
    }
    for (const e of part.edges) {
      const id = `${e.source}|${e.label}|${e.target}`;
      if (this.cy.getElementById(id).empty()) this.cy.add({ group: "edges", data: { id, ...e } });
    }
  }

  /** Rings around the first node, one per hop: the same graph always looks the same. */
  private layout(): void {
    const depth = new Map<string, number>();
    if (this.root) {
      depth.set(this.root, 0);
      let ring = [this.root];
      while (ring.length) {
        const next: string[] = [];
        for (const id of ring) {
          this.cy.getElementById(id).neighborhood("node").forEach((n) => {
            if (!depth.has(n.id())) {
              depth.set(n.id(), (depth.get(id) ?? 0) + 1);
              next.push(n.id());
            }
          });
        }
        ring = next;
      }
    }
    const deepest = Math.max(0, ...depth.values()) + 1;
    this.cy
      .layout({
        name: "concentric",
        animate: false,
        padding: 30,
        minNodeSpacing: 48,
        concentric: (n: cytoscape.NodeSingular) => deepest - (depth.get(n.id()) ?? deepest),
        levelWidth: () => 1,
      })
      .run();
    this.renderList();
    // What the page shows, for people reading it with a screen reader and for the tests.
    this.container.dataset.nodes = String(this.cy.nodes().length);
    this.container.dataset.edges = String(this.cy.edges().length);
    if (this.pending === 0) delete this.container.dataset.busy;
  }

  /** The same nodes as a list of buttons, for the keyboard and screen readers. */
  private renderList(): void {
    this.list.replaceChildren();
    const nodes = this.cy.nodes().map((n) => n.data() as GraphNode);
    nodes.sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label));
    for (const n of nodes) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = `chip chip-${n.kind}`;
      button.textContent = `${n.label}${this.expanded.has(n.id) ? "" : " +"}`;
      button.title = this.expanded.has(n.id) ? `Open ${n.label}` : `Expand ${n.label}`;
      button.addEventListener("click", () => {
        void this.expand(n.id);
        this.onSelect(n.id);
      });
      li.append(button);
      this.list.append(li);
    }
  }

  get size(): { nodes: number; edges: number } {
    return { nodes: this.cy.nodes().length, edges: this.cy.edges().length };
  }
}
