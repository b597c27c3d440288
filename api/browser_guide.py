"""The Neo4j Browser guide: ``:play http://127.0.0.1:8000/neo4j/guide.html``.

One page in the Browser's guide format (``<article class="guide">`` with a
``<carousel>`` of ``<slide>`` elements, runnable ``<pre>`` blocks that a click
copies into the editor). It is built from the project's own sources, so it
cannot drift from them: the graph model from :mod:`schema.graph_model`, and one
slide per example of ``docs/cypher.md`` (its heading, its first paragraph and
its query). The first slides apply the project's GraSS style with ``:style``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from schema.graph_model import NODES, RELATIONSHIPS

_SECTION = re.compile(r"^## (?P<title>.+?)\n(?P<body>.*?)(?=^## |\Z)", re.S | re.M)
_CYPHER = re.compile(r"```cypher\n(?P<query>.*?)```", re.S)
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


@dataclass(frozen=True, slots=True)
class Example:
    title: str
    text: str
    query: str


def cypher_examples(markdown: str) -> list[Example]:
    """The examples of docs/cypher.md: every ``## `` section with a cypher block."""
    examples = []
    for match in _SECTION.finditer(markdown):
        body = match["body"]
        query = _CYPHER.search(body)
        if query is None:
            continue
        before = body[: query.start()].strip()
        paragraph = before.split("\n\n")[0].replace("\n", " ").strip()
        examples.append(Example(match["title"].strip(), paragraph, query["query"].strip()))
    return examples


def _inline(text: str) -> str:
    """Markdown's inline code and links, as HTML (everything else escaped)."""
    text = _LINK.sub(r"\1", text)
    parts = _CODE.split(text)
    return "".join(
        f"<code>{html.escape(part)}</code>" if i % 2 else html.escape(part)
        for i, part in enumerate(parts)
    )


def _runnable(code: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{html.escape(code)}</pre>'


def _slide(title: str, lead: str, body: str) -> str:
    return (
        '<slide class="row-fluid">\n'
        f'<div class="col-sm-3"><h3>{html.escape(title)}</h3>'
        f'<p class="lead">{html.escape(lead)}</p></div>\n'
        f'<div class="col-sm-9">\n{body}\n</div>\n'
        "</slide>\n"
    )


def _model_slide() -> str:
    labels = "".join(
        f"<li><strong>{html.escape(spec.label.value)}</strong>: {_inline(spec.description)}</li>"
        for spec in NODES
    )
    relationships = "".join(
        "<li><code>{}</code>: {}</li>".format(
            html.escape(
                "({}) -[:{}]-> ({})".format(
                    "|".join(s.value for s in spec.start),
                    spec.type.value,
                    "|".join(e.value for e in spec.end),
                )
            ),
            _inline(spec.description),
        )
        for spec in RELATIONSHIPS
    )
    return _slide(
        "The graph model",
        "Facts are nodes; every fact points at the characters it was read from.",
        f"<p>Labels:</p><ul>{labels}</ul><p>Relationships:</p><ul>{relationships}</ul>"
        "<p>Draw the model of the loaded graph:</p>"
        + _runnable("CALL db.schema.visualization()"),
    )


def render_guide(cypher_markdown: str, *, style_url: str, explorer_url: str) -> str:
    """The whole guide as HTML."""
    slides = [
        _slide(
            "newsgraph",
            "People, roles, organisations, places, events and statements read from news.",
            "<p>This guide walks through the graph that newsgraph builds and the questions "
            "an analyst asks of it. Click a grey block to copy it into the editor, then run it "
            "with Ctrl+Enter.</p>"
            "<p>First apply the project's style (colours and captions for each label):</p>"
            + _runnable(f":style {style_url}")
            + f"<p>The same graph as articles and cards: <a href=\"{html.escape(explorer_url)}\" "
            f'target="_blank">the newsgraph explorer</a>.</p>',
        ),
        _model_slide(),
    ]
    for example in cypher_examples(cypher_markdown):
        slides.append(
            _slide(example.title, "From docs/cypher.md", f"<p>{_inline(example.text)}</p>"
                   + _runnable(example.query))
        )
    return (
        '<article class="guide" id="newsgraph-guide">\n'
        '<carousel class="deck container-fluid">\n' + "".join(slides) + "</carousel>\n</article>\n"
    )
