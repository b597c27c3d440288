"""The command line lists every command without importing it, and imports a command's
module (never spaCy or the loaders for the commands that do not extract) only to run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from api.cli import COMMANDS, CommandEntry, app, load_commands

HEAVY = ("spacy", "loaders", "strawberry", "api.app", "api.graphql", "pydantic")


@pytest.mark.parametrize("entry", COMMANDS, ids=lambda e: e.name)
def test_each_listed_command_imports_and_its_help_line_is_its_own(entry: CommandEntry) -> None:
    loaded = load_commands(entry.module)
    assert entry.name in loaded
    assert loaded[entry.name].get_short_help_str(limit=200) == entry.help


def test_every_command_a_module_registers_is_listed() -> None:
    listed = {e.name for e in COMMANDS}
    for module in {e.module for e in COMMANDS}:
        assert set(load_commands(module)) <= listed, module


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.replace("│", " ").split())  # the table's wrapped lines
    for entry in COMMANDS:
        assert f" {entry.name} {entry.help}" in flat
    assert " neo4j " in flat


def _imported_by(*args: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``newsgraph ARGS``."""
    code = (
        "import json, sys\n"
        "from api.cli import app\n"
        "try:\n"
        f"    app({list(args)!r}, standalone_mode=False)\n"
        "finally:\n"
        "    print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    modules: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return set(modules)


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)}


LIGHT = [["--help"], ["export", "--help"], ["cypher", "--help"], ["serve", "--help"]]


@pytest.mark.parametrize("args", [*LIGHT, ["neo4j", "--help"]], ids=" ".join)
def test_commands_that_do_not_extract_never_import_spacy_or_the_loaders(
    args: list[str],
) -> None:
    modules = _imported_by(*args)
    assert "api.cli" in modules
    assert _heavy(modules) == set()


def test_ingest_imports_the_loaders_when_it_runs() -> None:
    modules = _imported_by("ingest", "--help")
    assert "loaders" in modules


def test_export_and_cypher_run_without_numpy() -> None:
    """The console script keeps NumPy out of the commands that never pass it to the driver
    (start-up), and the driver still loads and runs without it."""
    code = (
        "import json, sys\n"
        "sys.argv = ['newsgraph', 'export', '--help']\n"
        "from api.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "import neo4j\n"
        "print(json.dumps(['numpy' in sys.modules and sys.modules['numpy'] is not None,\n"
        "                  'neo4j._async.driver' in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    numpy_loaded, driver_loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert (numpy_loaded, driver_loaded) == (False, True)
