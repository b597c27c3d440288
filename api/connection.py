"""Settings -> a reachable database connection, for every entry point.

Kept apart from :mod:`api.runtime` (the HTTP app's per-process state) so that a
command that only connects (``export``, ``cypher`` ...) does not import Starlette
or the graph reads.
"""

from __future__ import annotations

from api.settings import Settings
from graph.driver import Connection
from graph.server import LocalNeo4j


def local_server(settings: Settings) -> LocalNeo4j:
    return LocalNeo4j(settings.local_server())


def resolve_connection(settings: Settings, *, start_local: bool = True) -> Connection:
    """The configured database; with no NEWSGRAPH_NEO4J_URI, the local server (started
    when needed and ``start_local``)."""
    if not settings.uses_local_server:
        return settings.connection()
    server = local_server(settings)
    if start_local and server.pid() is None:
        server.start()
    return settings.connection(local_password=server.password())
