"""The structure the design asks for: no hidden import circle between the app and
its routes, every CLI command module registered (an import error is an error, never
a command that silently goes missing), errors of the graph layer in one module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from api.cli import COMMANDS, app

REPO = Path(__file__).resolve().parent.parent


def test_the_rdf_routes_do_not_import_the_app() -> None:
    code = "import sys, api.rdf_routes; print('api.app' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=REPO)
    assert result.stdout.strip() == "False"
    assert "importlib" not in (REPO / "api" / "app.py").read_text()


def test_every_command_module_is_a_command() -> None:
    modules = {p.stem for p in (REPO / "api" / "commands").glob("*.py") if p.stem != "__init__"}
    # commands load lazily (start-up), but every module is listed: none is dropped
    assert {entry.module for entry in COMMANDS} | {"neo4j"} == modules
    listed = CliRunner().invoke(app, ["--help"], terminal_width=200).stdout
    for module in modules:
        assert f" {module} " in listed, module


def test_graph_errors_are_defined_in_graph_errors_only() -> None:
    elsewhere = []
    for path in (REPO / "graph").glob("*.py"):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(
                getattr(base, "id", "").endswith(("Error", "Exception")) for base in node.bases
            ):
                elsewhere.append(f"{path.name}: {node.name}")
    assert elsewhere == []
