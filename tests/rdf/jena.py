"""Apache Jena's ``riot``, an independent RDF toolkit, to validate the export.

The jars come from Maven Central the first time (``rdf/jena/pom.xml``,
``mvn dependency:copy-dependencies``) into ``.newsgraph/jena/lib`` and are kept
there with a marker holding the pom they were fetched for: a second run fetches
nothing, a changed pom fetches again. CI can fetch them up front with
``bash rdf/jena/fetch.sh`` (the same steps).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.rdf import RdfFormat

JENA_FORMATS = (RdfFormat.TTL, RdfFormat.JSONLD, RdfFormat.RDFXML, RdfFormat.TRIG, RdfFormat.NQ)
"""What the tests hand to Jena (N-Triples too, where they count)."""

REPO = Path(__file__).resolve().parents[2]
POM = REPO / "rdf" / "jena" / "pom.xml"
RIOT = "riotcmd.riot"


@dataclass(frozen=True, slots=True)
class RiotResult:
    returncode: int
    output: str

    @property
    def problems(self) -> list[str]:
        """Every warning or error line riot printed (through slf4j-simple, on stderr)."""
        return [
            line
            for line in self.output.splitlines()
            if " WARN " in line or " ERROR " in line or "Exception" in line
        ]


def ensure_jars(home: Path) -> Path:
    """The folder of Jena jars, fetched from Maven Central once."""
    lib = home / "jena" / "lib"
    marker = lib / ".complete"
    if marker.exists() and marker.read_bytes() == POM.read_bytes():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        pytest.fail("Maven (`mvn`) is needed once to fetch Apache Jena: apt-get install maven")
    partial = lib.with_name("lib.partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        mvn, "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
        f"-DoutputDirectory={partial}", "-DincludeScope=runtime",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"Maven could not fetch Apache Jena:\n{result.stdout}\n{result.stderr}")
    (partial / ".complete").write_bytes(POM.read_bytes())
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    return lib


def riot_validate(lib: Path, *files: Path) -> RiotResult:
    """``riot --validate`` over ``files`` (the syntax is taken from each file's extension)."""
    return _riot(lib, "--validate", *map(str, files))


def _riot(lib: Path, *args: str) -> RiotResult:
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java 17+ is needed to run Apache Jena: apt-get install openjdk-17-jre-headless"
        )
    command = [java, "-cp", f"{lib}/*", RIOT, *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    return RiotResult(result.returncode, result.stdout + result.stderr)


_COUNT = re.compile(r"^(?P<path>\S+)\s*: (?:Triples|Quads) = (?P<n>[\d,]+)$", re.MULTILINE)


def riot_count(lib: Path, *files: Path) -> dict[str, int]:
    """How many triples (or quads) Jena reads from each file, by file name."""
    result = _riot(lib, "--count", *map(str, files))
    if result.returncode != 0:
        pytest.fail(result.output)
    return {
        Path(m["path"]).name: int(m["n"].replace(",", "")) for m in _COUNT.finditer(result.output)
    }
