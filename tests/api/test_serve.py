"""`newsgraph serve` runs the app with uvicorn over real TCP; without
NEWSGRAPH_BASE_URI its RDF URIs name the address it serves (F11)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import anyio
import httpx

from tests.api.conftest import API_KEY


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_newsgraph_serve_answers_over_http(gold: str) -> None:
    port = _free_port()
    newsgraph = Path(sys.executable).parent / "newsgraph"
    process = subprocess.Popen(
        [str(newsgraph), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**{k: v for k, v in os.environ.items() if k != "NEWSGRAPH_BASE_URI"},
             "NEWSGRAPH_API_KEY": API_KEY},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            with anyio.fail_after(90):
                while True:
                    assert process.poll() is None, process.stderr.read() if process.stderr else ""
                    try:
                        if (await client.get("/readyz")).status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    await anyio.sleep(0.3)
            response = await client.post(
                "/graphql",
                json={"query": '{ person(id: "person/cressida-dick") { name } }'},
            )
            assert response.json() == {"data": {"person": {"name": "Cressida Dick"}}}
            triples = await client.get("/id/person/cressida-dick", params={"format": "nt"})
            assert triples.status_code == 200
            subject = f"<http://127.0.0.1:{port}/person/cressida-dick>"
            assert subject in triples.text, triples.text[:300]
            assert ":8000/" not in triples.text
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode in (0, -15)  # uvicorn re-raises SIGTERM after a clean shutdown
