"""One async Neo4j driver per process, and the typed errors for a bad connection."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncGraphDatabase, NotificationDisabledClassification
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, ServiceUnavailable

from graph.errors import GraphAuthError, GraphUnavailable, error_class


@dataclass(frozen=True, slots=True)
class Connection:
    uri: str
    user: str
    password: str = ""
    database: str = "neo4j"

    def __repr__(self) -> str:  # never print the password
        return f"Connection(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


async def open_driver(
    connection: Connection, *, verify: bool = True, retry_time: float = 30.0
) -> AsyncDriver:
    """Open the process's driver; with ``verify``, prove the server answers and accepts us.

    ``retry_time``: seconds a transaction function is retried (a lost connection, a
    deadlock) before its error is raised."""
    try:
        driver = AsyncGraphDatabase.driver(
            connection.uri,
            auth=(connection.user, connection.password),
            connection_acquisition_timeout=15.0,
            max_connection_lifetime=3600,
            max_transaction_retry_time=retry_time,
            # "property key does not exist" on a young graph is noise, not a problem.
            notifications_disabled_classifications=[
                NotificationDisabledClassification.UNRECOGNIZED
            ],
        )
    except (ConfigurationError, ValueError) as exc:
        raise GraphUnavailable(
            f"NEWSGRAPH_NEO4J_URI={connection.uri!r} is not a Neo4j URI ({exc}); "
            "use bolt://host:7687 or neo4j://host:7687."
        ) from exc
    if verify:
        try:
            await verify_driver(driver, connection)
        except BaseException:
            await driver.close()
            raise
    return driver


async def verify_driver(driver: AsyncDriver, connection: Connection) -> None:
    """Raise GraphUnavailable or GraphAuthError unless the database answers a query."""
    try:
        await driver.verify_connectivity()
        await driver.execute_query("RETURN 1", database_=connection.database)
    except AuthError as exc:
        raise GraphAuthError(
            f"Neo4j at {connection.uri} refused user {connection.user!r}: wrong user or "
            "password. Check NEWSGRAPH_NEO4J_USER and NEWSGRAPH_NEO4J_PASSWORD (the local "
            "server's password is stored in .newsgraph/instances/<instance>/password)."
        ) from exc
    except ServiceUnavailable as exc:
        raise GraphUnavailable(
            f"Neo4j at {connection.uri} is unreachable ({exc}). Start the local server with "
            "`newsgraph neo4j start`, or check NEWSGRAPH_NEO4J_URI and that the server runs."
        ) from exc
    except ClientError as exc:
        if error_class(exc) is GraphUnavailable:  # DatabaseNotFound, by the code table
            raise GraphUnavailable(
                f"Neo4j at {connection.uri} has no database {connection.database!r}; "
                "check NEWSGRAPH_NEO4J_DATABASE (Community edition has only 'neo4j')."
            ) from exc
        raise
