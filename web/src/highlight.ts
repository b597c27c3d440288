// The article's text with every mention marked by kind. Marks may nest or overlap (a
// person inside a statement), so the text is cut at every mark boundary and each piece
// carries the classes of all marks covering it; a click on a piece opens the innermost.
import type { Kind } from "./api";

export interface Mark {
  start: number;
  end: number;
  kind: Kind;
  id: string;
  label: string;
}

const BACKGROUND: ReadonlySet<Kind> = new Set(["person", "organisation", "place", "role"]);

export function renderMarkedText(text: string, marks: Mark[]): DocumentFragment {
  const valid = marks.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end);
  const cuts = new Set<number>([0, text.length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  const opened = new Set<Mark>();
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = valid.filter((m) => m.start <= from && m.end >= to);
    if (covering.length === 0) {
      appendText(fragment, piece);
      continue;
    }
    // The innermost mark (the shortest) is the one a click opens; entity kinds win ties.
    covering.sort(
      (a, b) => a.end - a.start - (b.end - b.start) || Number(BACKGROUND.has(b.kind)) - Number(BACKGROUND.has(a.kind)),
    );
    const inner = covering[0];
    const el = document.createElement("span");
    el.className = "hl " + [...new Set(covering.map((m) => `hl-${m.kind}`))].join(" ");
    el.dataset.id = inner.id;
    el.dataset.kind = inner.kind;
    el.dataset.start = String(from);
    el.title = covering.map((m) => `${m.kind}: ${m.label}`).join("\n");
    if (!opened.has(inner)) {
      // One tab stop per mark, on its first piece.
      opened.add(inner);
      el.tabIndex = 0;
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", `${inner.kind}: ${inner.label}`);
    }
    appendText(el, piece);
    fragment.append(el);
  }
  return fragment;
}

function appendText(parent: Node, text: string): void {
  // Paragraph breaks of the article stay visible.
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (i > 0) parent.appendChild(document.createElement("br"));
    if (line) parent.appendChild(document.createTextNode(line));
  });
}
