"""Reading articles: sources, structure, ids, and every bad input's error and exit code."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

import loaders
from api.cli import app
from loaders import errors
from schema.ids import article_id
from schema.model import BlockKind

ARTICLE = (
    "Council Approves New Tram Line\n\n"
    "LEEDS, ENGLAND - MARCH 3: Workers inspect a track on March 3, 2024 in Leeds, England.\n"
    "Ann Lee/PA\n\n"
    "Leeds City Council approved a new tram line on Tuesday.\n\n"
    "Sign up to our newsletter and share this story with your friends.\n"
)
HTML = (
    "<html><head><title>Council Approves New Tram Line</title></head><body><article>"
    "<h1>Council Approves New Tram Line</h1>"
    "<p>Leeds City Council approved a new tram line on Tuesday after a long debate "
    "among councillors about the cost of the project.</p>"
    "<p>The council leader, James Lewis, said the line would open in 2030.</p>"
    "</article></body></html>"
)


# -- structure and sources ------------------------------------------------------


def test_blocks_follow_general_rules() -> None:
    article = loaders.read_text(ARTICLE)
    kinds = [b.kind for b in article.blocks]
    assert kinds == [BlockKind.HEADLINE, BlockKind.CAPTION, BlockKind.CREDIT, BlockKind.BODY,
                     BlockKind.BOILERPLATE]
    assert article.headline == "Council Approves New Tram Line"
    for block in article.blocks:
        assert article.text[block.start : block.end] == article.block_text(block)


def test_id_from_url_survives_a_new_version() -> None:
    first = loaders.read_text("Old text of the story.", url="https://example.org/a")
    second = loaders.read_text("New text of the story.", url="https://example.org/a")
    assert first.id == second.id == article_id("https://example.org/a")
    assert first.checksum != second.checksum


def test_id_without_url_comes_from_the_headline() -> None:
    first = loaders.read_text("Big Story Here\n\nSome text.")
    second = loaders.read_text("Big Story Here\n\nSome corrected text.")
    assert first.id == second.id


def test_reads_text_html_and_json_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.html").write_text(HTML, encoding="utf-8")
    envelope = {"text": ARTICLE, "url": "https://example.org/tram", "published": "2024-03-04",
                "source": "Example News"}
    (tmp_path / "a.json").write_text(json.dumps(envelope), encoding="utf-8")
    assert loaders.read(tmp_path / "a.txt").text.startswith("Council Approves")
    html = loaders.read(str(tmp_path / "a.html"))
    assert html.headline == "Council Approves New Tram Line"
    assert "James Lewis" in html.text
    from_json = loaders.read(tmp_path / "a.json")
    assert from_json.published == dt.date(2024, 3, 4)
    assert from_json.url == "https://example.org/tram"
    assert from_json.source == "Example News"


def test_json_envelope_with_html(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"html": HTML, "headline": "Tram line approved"}), "utf-8")
    article = loaders.read(path)
    assert article.headline == "Tram line approved"
    assert "Leeds City Council" in article.text


def test_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8")))
    monkeypatch.setattr("sys.stdin", fake)
    assert loaders.read("-").headline == "Council Approves New Tram Line"


def test_published_argument_wins() -> None:
    article = loaders.read(ARTICLE.encode("utf-8"), published=dt.date(2024, 3, 5))
    assert article.published == dt.date(2024, 3, 5)


# -- bad input: error type and message ------------------------------------------

BAD_FILES = [
    ("empty.txt", b"", errors.EmptyArticleError, "empty or only whitespace"),
    ("blank.txt", b"  \n\t \n", errors.EmptyArticleError, "empty or only whitespace"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary", errors.BinaryContentError, "looks binary"),
    ("latin.txt", "caf\xe9 cr\xe8me".encode("latin-1") * 3, errors.DecodeError,
     "could not be decoded as UTF-8"),
    ("nothing.html", b"<html><body><script>var a = 1;</script></body></html>",
     errors.NoArticleTextError, "No article text could be found"),
    ("bad.json", b"{not json", errors.EnvelopeError, "not JSON"),
    ("list.json", b"[1, 2]", errors.EnvelopeError, "not an object"),
    ("notext.json", b'{"url": "https://example.org"}', errors.EnvelopeError,
     'neither a "text" nor an "html"'),
    ("baddate.json", b'{"text": "Hello there.", "published": "yesterday"}',
     errors.EnvelopeError, "not an ISO date"),
]


@pytest.mark.parametrize(("name", "data", "error", "message"), BAD_FILES)
def test_bad_files_raise_typed_errors(tmp_path: Path, name: str, data: bytes,
                                      error: type[errors.ArticleError], message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=message) as caught:
        loaders.read(path)
    assert isinstance(caught.value, errors.ArticleError)
    assert caught.value.fix


def test_missing_file() -> None:
    with pytest.raises(errors.SourceNotFoundError, match="No such file"):
        loaders.read("/no/such/article.txt")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(errors.TooLargeError, match="larger than 50 bytes"):
        loaders.read(path, max_bytes=50)


def test_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    for name, data, _, message in BAD_FILES:
        path = tmp_path / name
        path.write_bytes(data)
        result = runner.invoke(app, ["extract", str(path)])
        assert result.exit_code == 2, name
        assert message in result.stderr
    missing = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert missing.exit_code == 2 and "No such file" in missing.stderr
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    too_big = runner.invoke(app, ["extract", str(big), "--max-bytes", "50"])
    assert too_big.exit_code == 2 and "larger than 50 bytes" in too_big.stderr
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    ok = runner.invoke(app, ["extract", str(good), "--format", "eval"])
    assert ok.exit_code == 0
    assert set(json.loads(ok.stdout)) == {"people", "organisations", "locations", "roles",
                                          "statements", "events"}
    full = runner.invoke(app, ["extract", str(good), "--format", "json"])
    assert full.exit_code == 0 and "evidence" in full.stdout
    unknown_model = runner.invoke(app, ["extract", str(good), "--model", "xx_no_such_model"])
    assert unknown_model.exit_code == 2 and "not installed" in unknown_model.stderr


# -- URLs against a real local HTTP server ----------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/ok": (200, "text/html; charset=utf-8", HTML.encode("utf-8")),
            "/missing": (404, "text/html", b"not found"),
            "/broken": (500, "text/html", b"oops"),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
            "/huge": (200, "text/html", b"<p>" + b"a" * 20_000 + b"</p>"),
        }
        if self.path == "/slow":
            time.sleep(1.5)
            routes["/slow"] = (200, "text/html", HTML.encode("utf-8"))
        status, content_type, body = routes.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if self.path != "/huge":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)
        if self.path == "/ok":
            type(self).agents.append(self.headers.get("User-Agent", ""))

    agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


LOOPBACK = ("127.0.0.0/8",)  # the test server's network, allowed as an operator would


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_ok(server: str) -> None:
    article = loaders.read(f"{server}/ok", allow_networks=LOOPBACK)
    assert article.url == f"{server}/ok"
    assert article.id == article_id(f"{server}/ok")
    assert "James Lewis" in article.text
    assert _Handler.agents[-1].startswith("newsgraph/0.1")


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/missing", errors.HTTPStatusError, "HTTP 404 (client error)"),
        ("/broken", errors.HTTPStatusError, "HTTP 500 (server error)"),
        ("/image", errors.ContentTypeError, "'image/png', not HTML or text"),
        ("/huge", errors.TooLargeError, "larger than 5000 bytes"),
        ("/slow", errors.FetchTimeoutError, "timed out after 0.3 s"),
    ],
)
def test_url_errors(server: str, path: str, error: type[errors.ArticleError],
                    message: str) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        loaders.read(f"{server}{path}", max_bytes=5000, timeout=0.3, allow_networks=LOOPBACK)


def test_cli_url_error_exit_code(server: str) -> None:
    result = CliRunner().invoke(
        app, ["extract", f"{server}/missing"],
        env={"NEWSGRAPH_FETCH_ALLOW_NETWORKS": "127.0.0.0/8"},
    )
    assert result.exit_code == 2
    assert "HTTP 404" in result.stderr


def test_single_newline_paragraphs_are_split_but_wrapped_prose_is_not() -> None:
    lines = loaders.read_text("Council Approves Tram\nLeeds approved a tram on Tuesday.\n"
                              "“We did it,” he said.\nPlease sign up to our newsletter.\n")
    assert [b.kind for b in lines.blocks] == [BlockKind.HEADLINE, BlockKind.BODY,
                                              BlockKind.BODY, BlockKind.BOILERPLATE]
    wrapped = loaders.read_text("Leeds approved a tram line on Tuesday after a\nlong debate "
                                "about costs, the leader said in a\nstatement.\n")
    assert [b.kind for b in wrapped.blocks] == [BlockKind.BODY]


def test_text_passed_as_a_path_is_a_missing_file() -> None:
    with pytest.raises(errors.SourceNotFoundError, match="No such file"):
        loaders.read("x" * 5000)


def test_an_agency_dateline_without_a_place_is_not_part_of_the_text_parsed() -> None:
    from loaders.structure import WIRE_DATELINE

    match = WIRE_DATELINE.match("(Reuters) - German carmaker Volkswagen will cut jobs.")
    assert match is not None and match["agency"] == "Reuters" and match["place"] is None
    assert WIRE_DATELINE.match("- a bulleted line") is None
