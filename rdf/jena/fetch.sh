#!/usr/bin/env bash
# Fetch Apache Jena's jars (rdf/jena/pom.xml) from Maven Central into
# ${NEWSGRAPH_HOME:-.newsgraph}/jena/lib, once: a marker holding the pom it was
# fetched for makes later runs (and the tests, tests/rdf/jena.py) fetch nothing.
# Needs Java 17+ and Maven. Usage, from the repository root: bash rdf/jena/fetch.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
pom="$root/rdf/jena/pom.xml"
lib="${NEWSGRAPH_HOME:-$root/.newsgraph}/jena/lib"
if [[ -f "$lib/.complete" ]] && cmp -s "$pom" "$lib/.complete"; then
  echo "Apache Jena jars already in $lib"
  exit 0
fi
partial="$lib.partial"
rm -rf "$partial"
mvn -B -q -f "$pom" dependency:copy-dependencies \
  -DoutputDirectory="$partial" -DincludeScope=runtime
cp "$pom" "$partial/.complete"
rm -rf "$lib"
mv "$partial" "$lib"
echo "Apache Jena jars fetched into $lib"
