"""The ``newsgraph`` command line.

Each sub-command lives in :mod:`api.commands`; this module builds the typer
app, reads the settings once, and turns the project's expected errors into a
message on stderr and a non-zero exit code instead of a traceback.

A command's module is imported only when that command runs (or its own
``--help`` is asked for): ``newsgraph export`` or ``newsgraph --help`` never
import spaCy, the loaders or the GraphQL stack. :data:`COMMANDS` names every
command, its module and its one line of help for ``newsgraph --help`` (a test
checks the line against the command's own docstring, and that every module
imports and registers its commands). A module that fails to import fails its
command with the import error; it is never dropped from the list.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final, NamedTuple

import typer
from rich.console import Console
from typer import _click as click  # typer vendors click: its classes are the ones to extend
from typer.core import TyperCommand, TyperGroup

from api.settings import Settings, SettingsError
from graph.errors import GraphError


class CommandEntry(NamedTuple):
    name: str
    module: str  # in api.commands, with a register(app) function
    help: str


COMMANDS: Final = (
    CommandEntry(
        "migrate",
        "migrate",
        "Connect to the configured Neo4j and create any missing constraint or index.",
    ),
    CommandEntry(
        "extract",
        "extract",
        "Extract people, organisations, places, roles, statements and events from an article.",
    ),
    CommandEntry(
        "ingest",
        "ingest",
        "Extract facts from articles and write them to the graph, in batched transactions.",
    ),
    CommandEntry(
        "delete", "delete", "Delete an article; entities that other articles support stay."
    ),
    CommandEntry(
        "curate",
        "curate",
        "Merge entities, split an alias off one, list, undo and get suggestions.",
    ),
    CommandEntry(
        "cypher", "cypher", "Run a Cypher query against the configured database and print the rows."
    ),
    CommandEntry(
        "serve", "serve", "Serve GraphQL at /graphql (GraphiQL in a browser), /healthz and /readyz."
    ),
    CommandEntry(
        "graphql-schema",
        "serve",
        "Write the GraphQL SDL of the code's schema to schema/schema.graphql.",
    ),
    CommandEntry(
        "export", "export", "Export the graph as RDF; URIs are {NEWSGRAPH_BASE_URI}/{id}."
    ),
)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a command's module is imported: the import
    creates hundreds of modules' objects and no garbage, and the collections it would
    trigger scan them all again and again (~0.1 s of ``newsgraph export``'s start)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_command_module(module_name: str) -> Any:
    with _collector_paused():
        return importlib.import_module(f"api.commands.{module_name}")


def load_commands(module_name: str) -> dict[str, click.Command]:
    """The commands ``api.commands.{module_name}`` registers, by name."""
    module = _import_command_module(module_name)
    scratch = typer.Typer()
    module.register(scratch)
    group = typer.main.get_group(scratch)
    return dict(group.commands)


class _Deferred(TyperCommand):
    """Stands for a command in the listing until it runs; then its module is imported."""

    def __init__(self, entry: CommandEntry) -> None:
        super().__init__(entry.name, help=entry.help, short_help=entry.help)
        self.module = entry.module


#: The ``neo4j`` group (start, stop, status ...): a typer app of its own, imported when
#: it runs, like the commands (its module imports the driver and the server launcher).
NEO4J_GROUP: Final = CommandEntry(
    "neo4j", "neo4j", "Run the project's local Neo4j server (Community 5.26 LTS)."
)


def load_group(module_name: str) -> click.Command:
    """The command group that ``api.commands.{module_name}`` builds as ``app``."""
    module = _import_command_module(module_name)
    group = typer.main.get_group(module.app)
    group.name = NEO4J_GROUP.name
    return group


class _DeferredGroup(_Deferred):
    """Stands for a command group in the listing until it runs."""


class _LazyGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deferred: dict[str, click.Command] = {e.name: _Deferred(e) for e in COMMANDS}
        deferred[NEO4J_GROUP.name] = _DeferredGroup(NEO4J_GROUP)
        self.commands = {**deferred, **self.commands}

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if isinstance(command, _DeferredGroup) and name is not None:
            command = self.commands[name] = load_group(command.module)
            return name, command, rest
        if isinstance(command, _Deferred) and name is not None:
            loaded = load_commands(command.module)
            for other, real in loaded.items():
                if isinstance(self.commands.get(other), _Deferred):
                    self.commands[other] = real
            command = loaded[name]
        return name, command, rest


app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into a Neo4j knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=_LazyGroup,
)

_err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _settings(ctx: typer.Context) -> None:
    try:
        ctx.obj = Settings.from_env(os.environ)
    except SettingsError as exc:
        _err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


#: Commands that never pass NumPy values to the Neo4j driver. The driver imports NumPy
#: whenever it is installed (spaCy brings it), only to accept NumPy arrays as query
#: parameters; in these commands' processes it is not imported (~45 ms of start-up).
WITHOUT_NUMPY: Final = frozenset({"export", "cypher"})


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in WITHOUT_NUMPY:
        sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]  # import -> ImportError
    # The driver's own log lines (a defunct connection, a retry) are not for a person
    # at a terminal: the commands report what failed and what to do, once.
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    try:
        app()
    except (GraphError, SettingsError) as exc:
        _err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(1)
