// One colour pair per kind, used by the highlights, the legend, the cards and the graph.
// `soft` is a background for dark text (contrast above 7:1 with #1b1b1b); `strong` a fill.
import type { Kind } from "./api";

export const COLOURS: Record<Kind, { soft: string; strong: string }> = {
  person: { soft: "#cfe2ff", strong: "#2f6fd6" },
  organisation: { soft: "#ffd6e5", strong: "#c2185b" },
  place: { soft: "#cdeccf", strong: "#2e7d32" },
  role: { soft: "#ffe2b8", strong: "#c26100" },
  statement: { soft: "#e6dcff", strong: "#6a3fc1" },
  event: { soft: "#fff1a8", strong: "#8d6e00" },
};
