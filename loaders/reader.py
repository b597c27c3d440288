"""Read an article from a file, a URL, stdin, raw bytes or a JSON envelope.

The article's ``text`` is the source text with line endings normalised; every
span of the extraction points into it. Ids: ``article_id(url)`` when a URL is
known (so a changed version of the same page keeps its id), else
``article_id("headline|source|published|" + normalised headline)``, else
``article_id("text:" + checksum)``.

Text is checked the same way whatever it came from (file, URL, stdin, envelope,
the API's ``text``): form feed and vertical tab become line breaks, and any other
C0 control character but tab, newline and carriage return is refused with
:class:`~loaders.errors.ControlCharacterError`, so nothing unprintable reaches the
graph or an XML export. URLs are fetched from public addresses only
(:mod:`loaders.netguard`), and an HTML page needs a paragraph of real text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import trafilatura

from loaders import errors
from loaders.netguard import GuardedTransport, IPNetwork, RefusedAddress, networks
from loaders.structure import segment
from schema.ids import article_id, checksum
from schema.model import Article

USER_AGENT = "newsgraph/0.1 (+https://github.com/newsgraph)"
DEFAULT_MAX_BYTES = 5_000_000
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/json")
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Line breaks in all but name: a page break or a vertical tab.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# What is left that XML 1.0 (and a person) cannot read: every other C0 control.
_FORBIDDEN = _CONTROL
# An HTML page is an article when some paragraph has at least this many words;
# a page of only navigation ("Home", "News", "About us") has none.
MIN_PARAGRAPH_WORDS = 8


def read(
    source: str | bytes | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 10.0,
    published: dt.date | None = None,
    url: str | None = None,
    headline: str | None = None,
    user_agent: str = USER_AGENT,
    allow_networks: Sequence[str | IPNetwork] = (),
) -> Article:
    """Read one article from a path, an http(s) URL, ``"-"`` (stdin) or raw bytes.

    A URL is fetched only from public addresses, or from ``allow_networks``."""
    meta: dict[str, Any] = {"url": url, "headline": headline, "published": published}
    if isinstance(source, bytes):
        return _from_bytes(source, "the given bytes", max_bytes, meta, hint="")
    text_source = str(source)
    if text_source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return _from_bytes(data, "standard input", max_bytes, meta, hint="")
    if isinstance(source, str) and re.match(r"^https?://", source, re.I):
        return _from_url(source, max_bytes, timeout, meta, user_agent, networks(allow_networks))
    return _from_path(Path(text_source), max_bytes, meta)


def read_text(
    text: str,
    *,
    url: str | None = None,
    headline: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
) -> Article:
    """Build an article from text the caller already has."""
    return _article(text, "the given text", url=url, headline=headline,
                    published=published, source=source)


def _from_path(path: Path, max_bytes: int, meta: dict[str, Any]) -> Article:
    shown = str(path) if len(str(path)) <= 200 else str(path)[:200] + "..."
    try:
        found = path.is_file()
    except OSError:  # a name too long for the file system is no file either
        found = False
    if not found:
        raise errors.SourceNotFoundError(shown)
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    return _from_bytes(data, str(path), max_bytes, meta, hint=path.suffix.lower())


def _from_url(
    url: str,
    max_bytes: int,
    timeout: float,
    meta: dict[str, Any],
    user_agent: str,
    allow: tuple[IPNetwork, ...],
) -> Article:
    headers = {"User-Agent": user_agent, "Accept": "text/html,text/plain;q=0.9"}
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=5,
                headers=headers,
                transport=GuardedTransport(allow),
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise errors.HTTPStatusError(url, response.status_code)
            content_type = response.headers.get("content-type", "text/html")
            mime = content_type.split(";")[0].strip().lower()
            if mime not in _TEXT_TYPES:
                raise errors.ContentTypeError(url, mime)
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise errors.TooLargeError(url, declared, max_bytes)
            data = _read_capped(response, url, max_bytes)
            encoding = response.charset_encoding
    except RefusedAddress as exc:
        raise errors.FetchRefusedError(url, exc.host, exc.address, exc.kind) from exc
    except httpx.TimeoutException as exc:
        raise errors.FetchTimeoutError(url, timeout) from exc
    except httpx.HTTPError as exc:
        raise errors.FetchError(f"Fetching {url} failed: {exc}",
                                "Check the URL and the network.") from exc
    meta = {**meta, "url": meta.get("url") or url, "encoding": encoding}
    hint = ".json" if mime == "application/json" else (".txt" if mime == "text/plain" else ".html")
    return _from_bytes(data, url, max_bytes, meta, hint=hint)


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise errors.TooLargeError(url, size, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes, where: str, encoding: str | None = None) -> str:
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        raise errors.BinaryContentError(where)
    for candidate in (encoding, "utf-8-sig"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    raise errors.DecodeError(where)


def _looks_binary(head: bytes) -> bool:
    magic = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b")
    if head.startswith(magic):
        return True
    text = head.decode("latin-1")
    return len(_CONTROL.findall(text)) > max(2, len(text) // 100)


def _from_bytes(
    data: bytes, where: str, max_bytes: int, meta: dict[str, Any], hint: str
) -> Article:
    if len(data) > max_bytes:
        raise errors.TooLargeError(where, len(data), max_bytes)
    text = _decode(data, where, meta.get("encoding"))
    if not text.strip():
        raise errors.EmptyArticleError(where)
    stripped = text.lstrip()
    if hint == ".json" or (not hint and stripped.startswith("{")):
        return _from_envelope(text, where, meta)
    if hint in (".html", ".htm", ".xhtml") or (hint != ".txt" and _HTML_START.match(text)):
        return _from_html(text, where, meta)
    return _article(text, where, url=meta.get("url"), headline=meta.get("headline"),
                    published=meta.get("published"), source=meta.get("source"))


def _from_envelope(text: str, where: str, meta: dict[str, Any]) -> Article:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise errors.EnvelopeError(where, f"not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(payload, dict):
        raise errors.EnvelopeError(where, "the top level is not an object")
    body = payload.get("text")
    html = payload.get("html")
    if not isinstance(body, str) and not isinstance(html, str):
        raise errors.EnvelopeError(where, 'it has neither a "text" nor an "html" string')
    fields: dict[str, Any] = {}
    for key in ("url", "headline", "source"):
        value = payload.get(key)
        if value is not None and not isinstance(value, str):
            raise errors.EnvelopeError(where, f'"{key}" must be a string')
        fields[key] = meta.get(key) or value
    fields["published"] = meta.get("published") or _parse_date(payload.get("published"), where)
    if isinstance(body, str):
        if not body.strip():
            raise errors.EmptyArticleError(where)
        return _article(body, where, **fields)
    return _from_html(str(html), where, fields)


def _parse_date(value: object, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise errors.EnvelopeError(where, '"published" must be a "YYYY-MM-DD" string')
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise errors.EnvelopeError(where, f'"published" is not an ISO date: {value!r}') from exc


def _from_html(html: str, where: str, meta: dict[str, Any]) -> Article:
    doc = trafilatura.bare_extraction(html, url=meta.get("url"), with_metadata=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(body, str) or not any(
        len(line.split()) >= MIN_PARAGRAPH_WORDS for line in body.splitlines()
    ):
        raise errors.NoArticleTextError(where)
    title = meta.get("headline") or getattr(doc, "title", None)
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    text = "\n\n".join(([title.strip()] if title else []) + lines)
    published = meta.get("published") or _parse_date_lenient(getattr(doc, "date", None))
    return _article(text, where, url=meta.get("url") or getattr(doc, "url", None),
                    headline=title, published=published,
                    source=meta.get("source") or getattr(doc, "sitename", None))


def _parse_date_lenient(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _article(
    text: str,
    where: str,
    *,
    url: str | None = None,
    headline: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _checked(text.translate(_BREAKS), where, "text")
    headline = _checked_meta(headline, where, "headline")
    source = _checked_meta(source, where, "source")
    url = _checked_meta(url, where, "url")
    if not text.strip():
        raise errors.EmptyArticleError(where)
    blocks = segment(text, headline)
    if headline is None and blocks and blocks[0].kind == "headline":
        headline = text[blocks[0].start : blocks[0].end]
    digest = checksum(text)
    if url:
        key = url
    elif headline:
        key = "|".join(["headline", source or "", published.isoformat() if published else "",
                        " ".join(headline.lower().split())])
    else:
        key = "text:" + digest
    return Article(id=article_id(key), text=text, checksum=digest, headline=headline, url=url,
                   source=source, published=published, blocks=blocks)


def _checked(text: str, where: str, field: str) -> str:
    """``text``, unless it holds a C0 control other than tab, newline or carriage return."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return text
    before = text[: found.start()]
    line = before.count("\n") + 1
    column = found.start() - (before.rfind("\n") + 1) + 1
    raise errors.ControlCharacterError(where, field, found.group(), line, column)


def _checked_meta(value: str | None, where: str, field: str) -> str | None:
    """A one-line field: line breaks and tabs are spaces, other controls refused."""
    if value is None:
        return None
    one_line = " ".join(value.translate(_BREAKS).replace("\r", "\n").split("\n"))
    return _checked(one_line.replace("\t", " "), where, field)
