"""Every error the graph layer raises, in one hierarchy.

Every message names the problem and the fix, so the CLI and the API can show
it to a person as it is::

    GraphError
    ├── GraphUnavailable        the database does not answer (down, wrong URI, restarting)
    ├── GraphAuthError          the credentials are refused
    ├── QueryError              the server rejected a query (syntax, unknown name, ...)
    │   └── WriteRefused        the query writes, and writing was not allowed
    ├── QueryTimeout            a read ran past its transaction timeout
    ├── LocalServerError        the project's own Neo4j server cannot be run
    │   ├── JavaMissing         no ``java`` (17+) to run it with
    │   ├── MavenMissing        no ``mvn`` to fetch its jars with
    │   ├── JarFetchFailed      Maven could not fetch the jars
    │   ├── PortInUse           a Bolt or HTTP port is taken by another process
    │   └── ServerStartTimeout  the server did not answer within the time limit
    ├── NotFound                an id that is not in the graph
    ├── CurationRefused         a curation decision that cannot be made or undone as asked
    ├── RdfExportError          an unusable RDF base URI or format name
    └── UnsupportedSelection    a GraphQL selection names a field graph.selection has no
                                Cypher for (a bug of the API layer, not of the client)

The server's error code picks the class, from :data:`SERVER_CODES` (never a
substring of the message): :func:`classify` is the one place a driver error
becomes one of ours. A code the table does not name is left to the caller
(it is a bug to look at, not an expected failure).

=====================================================  =============="""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the driver is imported when an error is classified, not before:
    # ``newsgraph --help`` and the commands that never connect do not load it
    from neo4j.exceptions import DriverError, Neo4jError


class GraphError(Exception):
    """Base class of the graph layer's errors."""


class GraphUnavailable(GraphError):
    pass


class GraphAuthError(GraphError):
    pass


class QueryError(GraphError):
    pass


class WriteRefused(QueryError):
    pass


class QueryTimeout(GraphError):
    """A read ran longer than the per-request transaction timeout."""


class LocalServerError(GraphError):
    pass


class JavaMissing(LocalServerError):
    pass


class MavenMissing(LocalServerError):
    pass


class JarFetchFailed(LocalServerError):
    pass


class PortInUse(LocalServerError):
    pass


class ServerStartTimeout(LocalServerError):
    pass


class NotFound(GraphError):
    pass


class CurationRefused(GraphError):
    """A merge, split or undo that would be wrong (an id with itself, two kinds, no reason)."""


class RdfExportError(GraphError):
    """The RDF export cannot run as asked (a bad base URI, an unknown format name)."""


class UnsupportedSelection(GraphError):
    """A selection names a field the query compiler (graph.selection) has no Cypher for."""


SERVER_CODES: dict[str, type[GraphError]] = {
    "Neo.ClientError.Security.Unauthorized": GraphAuthError,
    "Neo.ClientError.Security.AuthenticationRateLimit": GraphAuthError,
    "Neo.ClientError.Database.DatabaseNotFound": GraphUnavailable,
    "Neo.TransientError.General.DatabaseUnavailable": GraphUnavailable,
    "Neo.TransientError.Database.DatabaseUnavailable": GraphUnavailable,
    "Neo.ClientError.Cluster.NotALeader": GraphUnavailable,
    "Neo.ClientError.Transaction.TransactionTimedOut": QueryTimeout,
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration": QueryTimeout,
    "Neo.TransientError.Transaction.MaxTransactionTimeoutExceeded": QueryTimeout,
    "Neo.ClientError.Statement.AccessMode": WriteRefused,
    "Neo.ClientError.Statement.SyntaxError": QueryError,
    "Neo.ClientError.Statement.SemanticError": QueryError,
    "Neo.ClientError.Statement.ParameterMissing": QueryError,
    "Neo.ClientError.Statement.TypeError": QueryError,
    "Neo.ClientError.Statement.ArgumentError": QueryError,
    "Neo.ClientError.Procedure.ProcedureNotFound": QueryError,
    "Neo.ClientError.Procedure.ProcedureCallFailed": QueryError,
}

SCHEMA_RULE_EXISTS = frozenset(
    {
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
        "Neo.ClientError.Schema.ConstraintAlreadyExists",
        "Neo.ClientError.Schema.IndexAlreadyExists",
        "Neo.ClientError.Schema.ConstraintWithNameAlreadyExists",
        "Neo.ClientError.Schema.IndexWithNameAlreadyExists",
    }
)

def error_class(exc: BaseException) -> type[GraphError] | None:
    """Our class for a driver error, by its server code or its type; None when unknown."""
    if isinstance(exc, GraphError):
        return type(exc)
    from neo4j.exceptions import (
        AuthError,
        ConnectionAcquisitionTimeoutError,
        Neo4jError,
        ServiceUnavailable,
        SessionExpired,
    )

    if isinstance(exc, AuthError):
        return GraphAuthError
    # driver errors that mean the server cannot be reached (not: the query was wrong)
    if isinstance(exc, (ServiceUnavailable, SessionExpired, ConnectionAcquisitionTimeoutError)):
        return GraphUnavailable
    if isinstance(exc, Neo4jError):
        code = exc.code or ""
        return SERVER_CODES.get(code)
    return None


def classify(exc: DriverError | Neo4jError, message: str | None = None) -> GraphError | None:
    """The GraphError for a driver error (``message`` or the server's own), or None."""
    kind = error_class(exc)
    if kind is None:
        return None
    if message is None:
        code = getattr(exc, "code", None)
        detail = getattr(exc, "message", None) or str(exc)
        message = f"{detail} ({code})" if code else detail
    error = kind(message)
    error.__cause__ = exc
    return error


def is_connection_failure(exc: BaseException) -> bool:
    """Whether ``exc`` says the database cannot be reached (not that a query was wrong)."""
    return error_class(exc) is GraphUnavailable
