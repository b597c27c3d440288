"""Streamed writers: batches of :data:`~graph.rdf_mapping.Emitted` triples -> text.

Every format is written as the batches arrive, so memory stays flat with the size
of the graph: a writer keeps no triple past the batch it was given.

==========  ==================================================================
format      how
==========  ==================================================================
N-Triples   a line per triple (the named graphs ignored)
N-Quads     a line per triple and named graph; the default graph without one
Turtle      the prefixes up front, then one block per subject (``s p o ; p o .``)
TriG        the prefixes, then per batch a ``<graph> { ... }`` block per named
            graph (blocks of one graph may recur: TriG merges them), subjects
            grouped inside; default-graph triples outside any block
JSON-LD     ``{"@context": <published context>, "@graph": [`` a node object per
            subject ``]}``, values compacted by the context's terms
RDF/XML     ``<rdf:RDF>`` with the prefixes, then an ``rdf:Description`` per subject
==========  ==================================================================

The mapper emits a subject's triples one after the other (see
:class:`graph.rdf_mapping.Mapper`), so grouping by subject is a comparison with
the previous triple's subject, never a table of the whole graph. Were a subject
to recur in a later batch, every format stays valid and means the same triples:
Turtle, TriG, JSON-LD and RDF/XML all allow a subject to be described twice.

URIs come from :func:`graph.rdf_uris.iri` (nothing to escape between ``<>``);
literals are escaped per format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, Protocol

from graph.rdf_formats import RdfFormat, jsonld_context
from graph.rdf_mapping import VOCABULARY, Emitted, Lit, Object
from schema.vocab import PREFIXES, RDF

_RDF_TYPE: Final = str(RDF.type)  # plain str: the terms arrive as str
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def _split(term: str) -> tuple[str, str, str] | None:
    """``(prefix, namespace, local)`` of a term in one of the bound namespaces."""
    for prefix, namespace in PREFIXES:
        if term.startswith(namespace):
            local = term[len(namespace) :]
            if _LOCAL_NAME.fullmatch(local):
                return prefix, namespace, local
    return None


# -- N-Triples, N-Quads -------------------------------------------------------------------

_NT_RARE: Final = str.maketrans(
    {
        "\t": "\\t",
        "\b": "\\b",
        "\f": "\\f",
        **{chr(c): f"\\u{c:04X}" for c in range(0x20) if chr(c) not in "\n\r\t\b\f"},
        "\x7f": "\\u007F",
    }
)
_NT_SPECIAL = re.compile(r'[\x00-\x1f"\\\x7f]')
_NT_RARE_CHARS = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")


def _quoted(lexical: str) -> str:
    """A string in double quotes with what N-Triples, N-Quads, Turtle and TriG must
    escape escaped (UTF-8 kept). ``str.replace`` for the common four (an article's text
    is long, and a translation table costs a dictionary lookup per character); the
    other control characters, rare, through a table."""
    if _NT_SPECIAL.search(lexical):
        lexical = (
            lexical.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
        if _NT_RARE_CHARS.search(lexical):
            lexical = lexical.translate(_NT_RARE)
    return f'"{lexical}"'


def _nt_literal(term: Lit) -> str:
    if term.datatype is None:
        return _quoted(term.value)
    return f"{_quoted(term.value)}^^<{term.datatype}>"


def nt_term(term: Object) -> str:
    """A term in N-Triples syntax (UTF-8 kept, only what must be escaped is)."""
    return _nt_literal(term) if isinstance(term, Lit) else f"<{term}>"


def nt_lines(batch: Iterable[Emitted]) -> str:
    """N-Triples lines for a batch (graphs ignored)."""
    lines: list[str] = []
    append = lines.append
    for s, p, o, _ in batch:
        if isinstance(o, Lit):
            append(f"<{s}> <{p}> {_nt_literal(o)} .\n")
        else:
            append(f"<{s}> <{p}> <{o}> .\n")
    return "".join(lines)


def nq_lines(batch: Iterable[Emitted]) -> str:
    """N-Quads lines for a batch: one per named graph, a triple line for the default graph."""
    lines: list[str] = []
    append = lines.append
    for s, p, o, graphs in batch:
        head = f"<{s}> <{p}> {_nt_literal(o) if isinstance(o, Lit) else f'<{o}>'}"
        if not graphs:
            append(f"{head} .\n")
        for g in graphs:
            append(f"{head} <{g}> .\n")
    return "".join(lines)


# -- Turtle, TriG -----------------------------------------------------------------------


class _TurtleTerms:
    """Turtle spellings: ``a`` for rdf:type, ``schema:name`` for the vocabulary terms the
    mapper writes, ``<...>`` for the rest (the nodes' URIs)."""

    def __init__(self) -> None:
        names: dict[str, str] = {}
        for term in VOCABULARY:
            split = _split(term)
            if split is not None:
                names[term] = f"{split[0]}:{split[2]}"
        names[_RDF_TYPE] = "a"
        self.names = names

    def name(self, term: str) -> str:
        found = self.names.get(term)
        return f"<{term}>" if found is None else found

    def literal(self, term: Lit) -> str:
        if term.datatype is None:
            return _quoted(term.value)
        return f"{_quoted(term.value)}^^{self.name(term.datatype)}"


def _turtle_prefixes() -> str:
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES)


def _turtle_statements(
    triples: Iterable[tuple[str, str, Object]], terms: _TurtleTerms, indent: str
) -> str:
    """Triples as Turtle statements, a block per run of one subject."""
    out: list[str] = []
    append = out.append
    names, literal = terms.names, terms.literal
    subject: str | None = None
    for s, p, o in triples:
        obj = literal(o) if isinstance(o, Lit) else (names.get(o) or f"<{o}>")
        if s == subject:
            append(f" ;\n{indent}    {names.get(p) or f'<{p}>'} {obj}")
        else:
            if subject is not None:
                append(" .\n")
            subject = s
            append(f"{indent}<{s}> {names.get(p) or f'<{p}>'} {obj}")
    if subject is not None:
        append(" .\n")
    return "".join(out)


class _Turtle:
    def __init__(self) -> None:
        self._terms = _TurtleTerms()

    def head(self) -> str:
        return _turtle_prefixes() + "\n"

    def batch(self, batch: Sequence[Emitted]) -> str:
        return _turtle_statements(((s, p, o) for s, p, o, _ in batch), self._terms, "")

    def tail(self) -> str:
        return ""


class _TriG(_Turtle):
    def batch(self, batch: Sequence[Emitted]) -> str:
        by_graph: dict[str | None, list[tuple[str, str, Object]]] = {}
        for s, p, o, graphs in batch:
            triple = (s, p, o)
            if not graphs:
                by_graph.setdefault(None, []).append(triple)
            for g in graphs:
                found = by_graph.get(g)
                if found is None:
                    found = by_graph[g] = []
                found.append(triple)
        out: list[str] = []
        for name, triples in by_graph.items():
            if name is None:
                out.append(_turtle_statements(triples, self._terms, ""))
            else:
                block = _turtle_statements(triples, self._terms, "  ")
                out.append(f"<{name}> {{\n{block}}}\n")
        return "".join(out)


# -- JSON-LD -----------------------------------------------------------------------------


class _JsonLdTerms:
    """The published context, read backwards: which term writes a predicate (and how its
    values are coerced), which term names a class."""

    def __init__(self, context: Mapping[str, Any]) -> None:
        prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v[-1:] in "/#"}

        def expand(value: str) -> str:
            prefix, colon, local = value.partition(":")
            if colon and prefix in prefixes:
                return prefixes[prefix] + local
            return value

        self.properties: dict[str, tuple[str, str | None]] = {}
        self.classes: dict[str, str] = {}
        for term, definition in context.items():
            if term in prefixes or term.startswith("@"):
                continue
            if isinstance(definition, str):
                if definition.startswith("@"):
                    continue
                full = expand(definition)
                self.properties.setdefault(full, (term, None))
                self.classes.setdefault(full, term)
            elif isinstance(definition, dict) and isinstance(definition.get("@id"), str):
                coerce = definition.get("@type")
                full = expand(definition["@id"])
                coercion = expand(coerce) if isinstance(coerce, str) else None
                self.properties.setdefault(full, (term, coercion))


def _jsonld_value(o: Object, coercion: str | None) -> Any:
    """A value in compacted form under a term coerced to ``coercion``."""
    if not isinstance(o, Lit):
        return str(o) if coercion == "@id" else {"id": str(o)}
    if o.datatype == coercion and coercion is not None:
        return o.value
    if o.datatype is None:
        return o.value if coercion is None else {"@value": o.value}
    return {"@value": o.value, "@type": o.datatype}


class _JsonLd:
    def __init__(self) -> None:
        context = jsonld_context()
        self._context = context
        self._terms = _JsonLdTerms(context)
        self._first = True

    def head(self) -> str:
        context = json.dumps(self._context, ensure_ascii=False, indent=2)
        return f'{{\n"@context": {context},\n"@graph": [\n'

    def _nodes(self, batch: Sequence[Emitted]) -> Iterator[dict[str, Any]]:
        properties, classes = self._terms.properties, self._terms.classes
        node: dict[str, Any] = {}
        subject: str | None = None
        for s, p, o, _ in batch:
            if s != subject:
                if subject is not None:
                    yield node
                subject, node = s, {"id": str(s)}
            if p == _RDF_TYPE and not isinstance(o, Lit):
                key, value = "type", classes.get(o, str(o))
            else:
                term, coercion = properties.get(p, (str(p), None))
                key, value = term, _jsonld_value(o, coercion)
            values = node.get(key)
            if values is None:
                node[key] = value
            elif type(values) is list:
                values.append(value)
            else:
                node[key] = [values, value]
        if subject is not None:
            yield node

    def batch(self, batch: Sequence[Emitted]) -> str:
        nodes = list(self._nodes(batch))
        if not nodes:
            return ""
        text = ",\n".join(json.dumps(n, ensure_ascii=False) for n in nodes)
        if self._first:
            self._first = False
            return text
        return ",\n" + text

    def tail(self) -> str:
        return "\n]\n}\n"


# -- RDF/XML -------------------------------------------------------------------------------

_XML_TEXT: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_XML_ATTR: Final = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;"})
_XML_SPECIAL = re.compile(r"[&<>\r]")


def _xml_text(text: str) -> str:
    return text.translate(_XML_TEXT) if _XML_SPECIAL.search(text) else text


def _xml_attr(text: str) -> str:
    return text.translate(_XML_ATTR) if "&" in text or "<" in text or '"' in text else text


class _RdfXml:
    """``rdf:Description`` elements; a property in a namespace that is not bound up front
    declares its own (``<ns0:p xmlns:ns0="...">``)."""

    def __init__(self) -> None:
        self._open: dict[str, tuple[str, str]] = {}

    def _element(self, predicate: str) -> tuple[str, str]:
        """The start tag's head and the end tag of a property element."""
        found = self._open.get(predicate)
        if found is None:
            if len(self._open) > 4096:
                self._open = {}
            split = _split(predicate)
            if split is not None:
                qname = f"{split[0]}:{split[2]}"
                found = (f"<{qname}", f"</{qname}>")
            else:
                cut = max(predicate.rfind("#"), predicate.rfind("/")) + 1
                namespace, local = predicate[:cut], predicate[cut:]
                if not _LOCAL_NAME.fullmatch(local):
                    raise ValueError(f"RDF/XML cannot write the property <{predicate}>")
                found = (f'<ns0:{local} xmlns:ns0="{_xml_attr(namespace)}"', f"</ns0:{local}>")
            self._open[predicate] = found
        return found

    def head(self) -> str:
        namespaces = "".join(
            f'\n    xmlns:{prefix}="{_xml_attr(namespace)}"' for prefix, namespace in PREFIXES
        )
        return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{namespaces}>\n'

    def batch(self, batch: Sequence[Emitted]) -> str:
        out: list[str] = []
        append = out.append
        element = self._element
        subject: str | None = None
        for s, p, o, _ in batch:
            if s != subject:
                if subject is not None:
                    append("  </rdf:Description>\n")
                subject = s
                append(f'  <rdf:Description rdf:about="{_xml_attr(s)}">\n')
            start, end = element(p)
            if not isinstance(o, Lit):
                append(f'    {start} rdf:resource="{_xml_attr(o)}"/>\n')
            elif o.datatype is None:
                append(f"    {start}>{_xml_text(o.value)}{end}\n")
            else:
                append(
                    f'    {start} rdf:datatype="{_xml_attr(o.datatype)}">'
                    f"{_xml_text(o.value)}{end}\n"
                )
        if subject is not None:
            append("  </rdf:Description>\n")
        return "".join(out)

    def tail(self) -> str:
        return "</rdf:RDF>\n"


# -- the writers by format ---------------------------------------------------------------------


class Writer(Protocol):
    """Writes one export: :meth:`head` once, :meth:`batch` per batch, :meth:`tail` once."""

    def head(self) -> str: ...

    def batch(self, batch: Sequence[Emitted]) -> str: ...

    def tail(self) -> str: ...


class _Lines:
    def __init__(self, write: Callable[[Iterable[Emitted]], str]) -> None:
        self._write = write

    def batch(self, batch: Sequence[Emitted]) -> str:
        return self._write(batch)

    def head(self) -> str:
        return ""

    def tail(self) -> str:
        return ""


def writer(fmt: RdfFormat) -> Writer:
    """A fresh writer for one export in ``fmt``."""
    if fmt is RdfFormat.NT:
        return _Lines(nt_lines)
    if fmt is RdfFormat.NQ:
        return _Lines(nq_lines)
    if fmt is RdfFormat.TTL:
        return _Turtle()
    if fmt is RdfFormat.TRIG:
        return _TriG()
    if fmt is RdfFormat.JSONLD:
        return _JsonLd()
    return _RdfXml()


def write_all(found: Iterable[Emitted], fmt: RdfFormat) -> bytes:
    """A few triples (one entity's description) in ``fmt``, in one piece."""
    out = writer(fmt)
    return (out.head() + out.batch(list(found)) + out.tail()).encode("utf-8")
