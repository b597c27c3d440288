"""The second fuzz phase: every argument through a *variable*, with hostile JSON values.

Schemathesis writes argument values into the document as literals, so GraphQL's
validation sees them; a client that sends variables reaches variable coercion
instead (where a wrong type once became INTERNAL_SERVER_ERROR). For each root
field with arguments this phase declares every argument as a variable of its own
type, sends seeded random values from :data:`HOSTILE` (wrong types, huge numbers,
control characters, deep objects), and checks what ``fuzz.hooks`` checks: no 5xx,
no INTERNAL_SERVER_ERROR, field errors only with documented codes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from fuzz.hooks import KNOWN_CODES

HOSTILE: tuple[Any, ...] = (
    None, True, False, 0, -1, 1, 7, 2**31, -(2**31) - 1, 2**63, 1.5, -0.0, 1e308,
    "", "1", "x", "!!", "person/x", "article/", "kind/key/extra", "2024-02-30",
    "9999-12-31", "\x00", "\x0c\x1b[31m", "\u202e", "'\"\\", "a" * 5000,
    "*:* OR name:x~", "MATCH (n) DETACH DELETE n", "http://127.0.0.1:7474/",
    [], [1], ["PERSON"], [None], {}, {"a": 1}, {"text": 5}, {"speaker": [1]},
    {"from": "2020-01-01", "to": "2019-01-01"}, {"nested": {"deep": [[[]]]}},
)

_INTROSPECTION = """{ __schema { queryType { name } mutationType { name }
  types { name kind fields { name type { kind name ofType { kind name ofType { kind name
  ofType { kind name } } } } args { name type { kind name ofType { kind name ofType {
  kind name ofType { kind name } } } } } } } } }"""


def _type_text(ref: dict[str, Any]) -> str:
    if ref["kind"] == "NON_NULL":
        return _type_text(ref["ofType"]) + "!"
    if ref["kind"] == "LIST":
        return f"[{_type_text(ref['ofType'])}]"
    return str(ref["name"])


def _leaf_kind(ref: dict[str, Any]) -> str:
    while ref.get("ofType"):
        ref = ref["ofType"]
    return str(ref["kind"])


@dataclass(frozen=True)
class Probe:
    operation: str  # "query" or "mutation"
    field: str
    args: tuple[tuple[str, str], ...]  # (name, GraphQL type)
    selection: str

    def document(self) -> str:
        declared = ", ".join(f"${name}: {kind}" for name, kind in self.args)
        passed = ", ".join(f"{name}: ${name}" for name, _ in self.args)
        return f"{self.operation}({declared}) {{ {self.field}({passed}){self.selection} }}"


def probes(client: httpx.Client) -> list[Probe]:
    schema = client.post("/graphql", json={"query": _INTROSPECTION}).json()["data"]["__schema"]
    types = {t["name"]: t for t in schema["types"]}
    found = []
    for operation, root in (("query", schema["queryType"]), ("mutation", schema["mutationType"])):
        if root is None:
            continue
        for field in types[root["name"]]["fields"] or []:
            if not field["args"]:
                continue
            leaf = _leaf_kind(field["type"])
            selection = "" if leaf in ("SCALAR", "ENUM") else " { __typename }"
            args = tuple((a["name"], _type_text(a["type"])) for a in field["args"])
            found.append(Probe(operation, field["name"], args, selection))
    return found


def cases(
    found: list[Probe], per_field: int, rng: random.Random
) -> Iterator[tuple[Probe, dict[str, Any]]]:
    for probe in found:
        for _ in range(per_field):
            yield probe, {name: rng.choice(HOSTILE) for name, _ in probe.args}


def failure(response: httpx.Response) -> str | None:
    """Why the response is a server error, or None when it is an answer."""
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    if response.status_code != 200:
        return None  # 4xx: refused before GraphQL (413 body size ...)
    for error in response.json().get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code == "INTERNAL_SERVER_ERROR":
            return f"INTERNAL_SERVER_ERROR: {error.get('message')}"
        if error.get("path") and code not in KNOWN_CODES:
            return f"a field error with code {code!r}: {error.get('message')}"
    return None


def run(url: str, per_field: int, seed: int) -> tuple[int, list[str]]:
    """Send the cases; the number sent and the failures (document, variables, why)."""
    rng = random.Random(seed)
    failures: list[str] = []
    sent = 0
    with httpx.Client(base_url=url, timeout=60) as client:
        for probe, variables in cases(probes(client), per_field, rng):
            response = client.post(
                "/graphql", json={"query": probe.document(), "variables": variables}
            )
            sent += 1
            why = failure(response)
            if why is not None:
                failures.append(f"{probe.document()} {variables!r:.300}: {why}")
    return sent, failures
