"""Hostile input to the reader: control characters (F3), a page of only navigation
(F8), URLs that point into the server's own network (F4)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

import loaders
from api.cli import app
from loaders import errors

TEXT = ("Council Approves New Tram Line\n\nThe city council approved a new tram line on "
        "Tuesday, the mayor said.\n")


# -- F3: control characters ------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x08", "\x1b", "\x1f"])
def test_a_control_character_is_refused_naming_where_it_is(char: str) -> None:
    with pytest.raises(errors.ControlCharacterError, match=r"U\+00[01][0-9A-F] at line 3"):
        loaders.read_text(TEXT.replace("on Tuesday", f"on{char} Tuesday"))


def test_a_nul_after_the_first_8_kib_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes((TEXT * 200).encode() + b"\x00 and more text.\n")
    with pytest.raises(errors.ControlCharacterError, match="U\\+0000"):
        loaders.read(path)


def test_form_feed_and_vertical_tab_are_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "ff.txt"
    path.write_bytes(TEXT.replace("\n\n", "\n\x0c\n").encode() + b"Line\x0bbreak.\n")
    article = loaders.read(path)
    assert "\x0c" not in article.text and "\x0b" not in article.text
    assert article.text.endswith("Line\nbreak.\n")


def test_controls_in_the_headline_and_source_are_checked_too() -> None:
    article = loaders.read_text(TEXT, headline="A\theadline\nin two lines", source="The\x0cPost")
    assert (article.headline, article.source) == ("A headline in two lines", "The Post")
    with pytest.raises(errors.ControlCharacterError, match="headline"):
        loaders.read_text(TEXT, headline="Bell\x07")


def test_the_envelope_and_html_paths_refuse_controls_too(tmp_path: Path) -> None:
    envelope = tmp_path / "a.json"
    envelope.write_text('{"text": "Some words here.\\u001b[31m red"}', encoding="utf-8")
    with pytest.raises(errors.ControlCharacterError):
        loaders.read(envelope)


def test_the_cli_says_what_and_where(tmp_path: Path) -> None:
    path = tmp_path / "bell.txt"
    path.write_bytes(TEXT.encode() + b"Ring\x07.\n")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert "U+0007 at line 4, column 5" in result.stderr and str(path) in result.stderr


# -- F8: a page with no article text -----------------------------------------------------

NAVIGATION = (
    "<html><head><title>x</title></head><body><nav><a href='/'>Home</a>"
    "<a href='/news'>News</a><a href='/about'>About us</a></nav>"
    "<footer>Copyright 2024 Example Ltd</footer></body></html>"
)


def test_a_page_of_only_navigation_is_no_article(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text(NAVIGATION, encoding="utf-8")
    with pytest.raises(errors.NoArticleTextError, match="No article text"):
        loaders.read(path)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert "No article text could be found" in result.stderr
    assert result.stdout == ""


def test_a_short_real_article_page_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text(
        "<html><head><title>Mayor resigns</title></head><body><article><p>The mayor "
        "resigned on Tuesday after a vote of no confidence.</p></article></body></html>",
        encoding="utf-8",
    )
    assert "vote of no confidence" in loaders.read(path).text


def test_the_too_large_hint_names_options_that_exist(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 10, encoding="utf-8")
    with pytest.raises(errors.TooLargeError) as caught:
        loaders.read(path, max_bytes=50)
    assert "NEWSGRAPH_MAX_ARTICLE_BYTES" in str(caught.value)
    help_text = CliRunner().invoke(app, ["extract", "--help"]).stdout
    assert "--max-bytes" in help_text


# -- F4: server-side request forgery ---------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    redirect_to: ClassVar[str] = ""
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(f"{self.server.server_address[0]}{self.path}")
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", type(self).redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = f"<html><head><title>Secret</title></head><body><p>{TEXT}</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body.encode())

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@contextlib.contextmanager
def _server(host: str) -> Iterator[str]:
    httpd = ThreadingHTTPServer((host, 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def inside() -> Iterator[str]:
    """A server on loopback: what an attacker would like the reader to fetch."""
    with _server("127.0.0.1") as url:
        yield url


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"])
def test_loopback_is_refused_before_anything_is_sent(inside: str, host: str) -> None:
    port = inside.rsplit(":", 1)[1]
    _Handler.hits.clear()
    with pytest.raises(errors.FetchRefusedError, match="a loopback address") as caught:
        loaders.read(f"http://{host}:{port}/secret")
    assert "NEWSGRAPH_FETCH_ALLOW_NETWORKS" in str(caught.value)
    assert _Handler.hits == []


@pytest.mark.parametrize(
    ("address", "kind"),
    [("10.1.2.3", "private"), ("192.168.0.1", "private"), ("169.254.169.254", "link-local"),
     ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"), ("[fe80::1]", "link-local")],
)
def test_private_link_local_and_multicast_are_refused(address: str, kind: str) -> None:
    with pytest.raises(errors.FetchRefusedError, match=f"a {kind} address"):
        loaders.read(f"http://{address}:9/", timeout=1.0)


def test_an_allowed_network_is_fetched(inside: str) -> None:
    article = loaders.read(f"{inside}/page", allow_networks=["127.0.0.1/32"])
    assert "tram line" in article.text


def test_every_redirect_hop_is_checked(inside: str) -> None:
    """127.0.0.2 is allowed (an operator's own network); it redirects to 127.0.0.1,
    which is not: the second hop is refused."""
    with _server("127.0.0.2") as allowed:
        _Handler.redirect_to = f"{inside}/secret"
        _Handler.hits.clear()
        with pytest.raises(errors.FetchRefusedError, match=r"127\.0\.0\.1, a loopback address"):
            loaders.read(f"{allowed}/redirect", allow_networks=["127.0.0.2/32"])
        assert _Handler.hits == ["127.0.0.2/redirect"]
        both = loaders.read(f"{allowed}/redirect", allow_networks=["127.0.0.0/8"])
        assert "tram line" in both.text
