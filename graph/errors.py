"""Errors raised by the graph layer.

Every message names the problem and the fix, so the CLI and the API can show
it to a person as it is::

    GraphError
    ├── GraphUnavailable        the database does not answer (down, wrong URI)
    ├── GraphAuthError          the credentials are refused
    ├── LocalServerError        the project's own Neo4j server cannot be run
    │   ├── JavaMissing         no ``java`` (17+) to run it with
    │   ├── MavenMissing        no ``mvn`` to fetch its jars with
    │   ├── JarFetchFailed      Maven could not fetch the jars
    │   ├── PortInUse           a Bolt or HTTP port is taken by another process
    │   └── ServerStartTimeout  the server did not answer within the time limit
    ├── NotFound                an id that is not in the graph
    └── RdfExportError          an unusable RDF base URI or format name
"""


class GraphError(Exception):
    """Base class of the graph layer's errors."""


class GraphUnavailable(GraphError):
    pass


class GraphAuthError(GraphError):
    pass


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


class RdfExportError(GraphError):
    """The RDF export cannot run as asked (a bad base URI, an unknown format name)."""
