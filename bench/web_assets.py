"""How long the front end takes to load from loopback: the API's static files next to
Python's own ``http.server`` serving the same folder (the peer) and reading the bytes
from disk (the floor), in interleaved rounds; then the same pages loaded by headless
chromium (time to the ``load`` event), from the API and from the peer.

Starts ``newsgraph serve`` on a free port, with the database of NEWSGRAPH_NEO4J_*
(as ``make bench`` does: the local server), and the built front end (``make setup``).
The ``load`` event does not wait for the explorer's GraphQL calls.

    python bench/web_assets.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx

STATIC = Path(__file__).resolve().parent.parent / "api" / "static"
PAGES = {
    "explorer": ("/", "index.html", ("explorer.js", "explorer.css")),
    "graphiql": ("/graphql", "graphiql.html", ("graphiql.js", "graphiql.css")),
}
CHROMIUM = os.environ.get("NEWSGRAPH_TEST_CHROMIUM", "/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if process.poll() is not None:
            sys.exit(f"{process.args} exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    sys.exit(f"{url} did not answer")


def _fetch_all(base: str, html_path: str, assets: tuple[str, ...]) -> float:
    """A cold load of one page's files: a new connection, the HTML, then its assets."""
    started = time.perf_counter()
    with httpx.Client(base_url=base, headers={"Accept": "text/html"}) as client:
        size = len(client.get(html_path).content)
        for asset in assets:
            size += len(client.get(f"/static/{asset}").content)
    elapsed = time.perf_counter() - started
    if size < 1000:
        sys.exit(f"{base}{html_path}: only {size} bytes: is the front end built?")
    return elapsed


def _read_floor(html: str, assets: tuple[str, ...]) -> float:
    started = time.perf_counter()
    for name in (html, *assets):
        (STATIC / name).read_bytes()
    return time.perf_counter() - started


def _row(name: str, samples: list[float], floor: float) -> str:
    p50 = statistics.median(samples) * 1000
    p90 = statistics.quantiles(samples, n=10)[-1] * 1000
    return f"  {name:<24} {p50:8.2f} ms p50 {p90:8.2f} ms p90   x{p50 / (floor * 1000):7.1f} floor"


async def _browser_loads(urls: dict[str, str], rounds: int) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright

    times: dict[str, list[float]] = {name: [] for name in urls}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(rounds):
            for name, url in urls.items():  # interleaved
                context = await browser.new_context()  # a cold cache each time
                page = await context.new_page()
                await page.goto(url, wait_until="load")
                load = await page.evaluate(
                    "performance.getEntriesByType('navigation')[0].loadEventEnd"
                )
                times[name].append(load / 1000)
                await context.close()
        await browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    if not (STATIC / ".built").exists():
        sys.exit(f"{STATIC} is not built: run `make setup`")
    api_port, peer_port = _free_port(), _free_port()
    # The peer serves the same files at the same paths: the pages at the root, the
    # bundles under static/.
    root = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    (root / "static").symlink_to(STATIC, target_is_directory=True)
    for page in ("index.html", "graphiql.html"):
        (root / page).symlink_to(STATIC / page)
    api = subprocess.Popen(
        [str(Path(sys.executable).parent / "newsgraph"), "serve", "--port", str(api_port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    peer = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(peer_port),
         "--directory", str(root)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    api_base, peer_base = f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{peer_port}"
    try:
        _wait(f"{api_base}/healthz", api)
        _wait(f"{peer_base}/", peer)
        print(f"front end from loopback, {args.rounds} interleaved rounds (cold connections)")
        for page, (path, html, assets) in PAGES.items():
            size = sum((STATIC / n).stat().st_size for n in (html, *assets))
            runs: dict[str, list[float]] = {"newsgraph API": [], "peer: http.server": [],
                                            "floor: read from disk": []}
            fetchers: list[tuple[str, Callable[[], float]]] = [
                ("newsgraph API", partial(_fetch_all, api_base, path, assets)),
                ("peer: http.server", partial(_fetch_all, peer_base, f"/{html}", assets)),
                ("floor: read from disk", partial(_read_floor, html, assets)),
            ]
            for _ in range(args.rounds):
                for name, fetch in fetchers:
                    runs[name].append(fetch())
            floor = statistics.median(runs["floor: read from disk"])
            print(f"{page}: {html} + {', '.join(assets)} = {size:,} bytes")
            for name, samples in runs.items():
                print(_row(name, samples, floor))
        if shutil.which(CHROMIUM):
            rounds = max(3, args.rounds // 3)
            urls = {
                "explorer from the API": f"{api_base}/",
                "explorer from the peer": f"{peer_base}/index.html",
                "graphiql from the API": f"{api_base}/graphql",
                "graphiql from the peer": f"{peer_base}/graphiql.html",
            }
            print(f"headless chromium, time to the load event, {rounds} interleaved rounds")
            for name, samples in asyncio.run(_browser_loads(urls, rounds)).items():
                p50 = statistics.median(samples) * 1000
                print(f"  {name:<24} {p50:8.1f} ms p50 {max(samples) * 1000:8.1f} ms max")
        else:
            print(f"({CHROMIUM} is missing: no browser figures)")
    finally:
        for process in (api, peer):
            process.terminate()
        for process in (api, peer):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
