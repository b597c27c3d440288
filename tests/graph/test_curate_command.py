"""``newsgraph curate ...`` against the real Neo4j: decisions made, listed, undone and
refused with a message and a non-zero exit code."""

from __future__ import annotations

import re
from pathlib import Path

from neo4j import AsyncDriver

from graph.driver import Connection
from graph.writer import write_extraction
from tests.graph.curated import (
    CASTELANO,
    CASTELLANO,
    COUNCIL,
    JORDAN,
    budget,
    cup_final,
    graph_state,
    library,
    volunteers,
)
from tests.graph.factories import fingerprint
from tests.graph.test_commands import invoke


async def test_merge_list_undo_and_suggest_from_the_command_line(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    for extraction in (library(), volunteers(), budget(), cup_final()):
        await write_extraction(empty_graph, db, extraction)
    before = await graph_state(empty_graph, db)

    suggested = await invoke("curate", "suggest")
    assert suggested.exit_code == 0, suggested.output
    assert CASTELANO in suggested.output and CASTELLANO in suggested.output

    merged = await invoke("curate", "merge", CASTELLANO, CASTELANO,
                          "--why", "a misspelt surname", "--by", "editor")
    assert merged.exit_code == 0, merged.output
    assert f"{CASTELANO} merged into {CASTELLANO}" in merged.output
    assert "2 article(s) written again" in merged.output
    decision = re.search(r"decision (decision/\w+)", merged.output)
    assert decision, merged.output

    split = await invoke("curate", "split", JORDAN, "Kale", "--why", "the footballer")
    assert split.exit_code == 0, split.output

    listed = await invoke("curate", "list")
    assert listed.exit_code == 0, listed.output
    assert decision.group(1) in listed.output
    assert "a misspelt surname" in listed.output and "editor" in listed.output
    assert "alias 'Kale' split off person/jordan-kale" in listed.output

    # `newsgraph delete` of both articles, then loading them again: still merged
    merged_state = await graph_state(empty_graph, db)
    for extraction in (library(), volunteers()):
        deleted = await invoke("delete", extraction.article.id)
        assert deleted.exit_code == 0, deleted.output
        await write_extraction(empty_graph, db, extraction)
    assert await graph_state(empty_graph, db) == merged_state

    undone = await invoke("curate", "undo", decision.group(1))
    assert undone.exit_code == 0, undone.output
    listed = await invoke("curate", "list")
    assert "undone" in listed.output
    split_id = re.findall(r"decision/\w+", listed.output)
    undo_split = await invoke("curate", "undo", next(i for i in split_id if i != decision.group(1)))
    assert undo_split.exit_code == 0, undo_split.output
    assert await graph_state(empty_graph, db) == before


async def test_bad_requests_exit_non_zero_with_the_fix_and_change_nothing(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, library())
    await write_extraction(empty_graph, db, volunteers())
    before = await fingerprint(empty_graph, db)

    cases = [
        (["merge", CASTELLANO, CASTELLANO, "--why", "x"], "itself"),
        (["merge", CASTELLANO, COUNCIL, "--why", "x"], "one kind"),
        (["merge", CASTELLANO, "person/nobody", "--why", "x"], "No person has id"),
        (["merge", CASTELLANO, CASTELANO, "--why", " "], "--why"),
        (["split", CASTELLANO, "Dunmore", "--why", "x"], "its aliases are: Castellano"),
        (["undo", "decision/unknown"], "curate list"),
    ]
    for args, words in cases:
        result = await invoke("curate", *args)
        assert result.exit_code == 1, (args, result.output)
        assert words in " ".join(result.output.split()), (args, result.output)
    missing = await invoke("curate", "merge", CASTELLANO, CASTELANO)
    assert missing.exit_code == 2 and "--why" in missing.output
    assert await fingerprint(empty_graph, db) == before


FERRY = (
    "Harbour Board Approves New Ferry Route\n\n"
    "Councillor Amira Castellano said on Tuesday that the new ferry route would open in the "
    "spring. Castellano told the harbour board that two boats had been bought.\n"
)
HALL = (
    "Volunteers Paint Dunmore Hall\n\n"
    "Amira Castelano thanked the volunteers who painted Dunmore Hall over the weekend. She "
    "said the hall would host a market in May.\n"
)
LIBRARY = (
    "School Opens Its Library\n\n"
    "Amira Castelano opened the new school library on Friday. Pupils read poems to the "
    "guests.\n"
)


async def _articles_of(driver: AsyncDriver, database: str, eid: str) -> set[str]:
    records, _, _ = await driver.execute_query(
        "MATCH (:Person {id: $id})-[:EVIDENCED_BY]->(:Mention)-[:FROM]->(a:Article) "
        "RETURN DISTINCT a.headline AS headline", {"id": eid}, database_=database,
    )
    return {r["headline"] for r in records}


async def test_ingest_merge_reingest_and_split_end_to_end(
    empty_graph: AsyncDriver, connection: Connection, tmp_path: Path
) -> None:
    """Real articles read and extracted by `newsgraph ingest`, curated by the CLI."""
    db = connection.database
    ferry, hall, library_file = tmp_path / "ferry.txt", tmp_path / "hall.txt", tmp_path / "lib.txt"
    ferry.write_text(FERRY, encoding="utf-8")
    hall.write_text(HALL, encoding="utf-8")
    library_file.write_text(LIBRARY, encoding="utf-8")
    loaded = await invoke("ingest", str(ferry), str(hall))
    assert loaded.exit_code == 0, loaded.output
    assert await _articles_of(empty_graph, db, CASTELANO) == {"Volunteers Paint Dunmore Hall"}

    merged = await invoke("curate", "merge", CASTELLANO, CASTELANO, "--why", "one councillor")
    assert merged.exit_code == 0, merged.output

    # both articles again (one corrected, one unchanged) and a new one naming the old id
    hall.write_text(HALL.replace("over the weekend", "on Sunday"), encoding="utf-8")
    again = await invoke("ingest", str(ferry), str(hall), str(library_file))
    assert again.exit_code == 0, again.output
    assert "updated" in again.output and "unchanged" in again.output
    people, _, _ = await empty_graph.execute_query(
        "MATCH (p:Person) WHERE p.name STARTS WITH 'Amira' RETURN collect(p.id) AS ids",
        database_=db,
    )
    assert people[0]["ids"] == [CASTELLANO]
    assert await _articles_of(empty_graph, db, CASTELLANO) == {
        "Harbour Board Approves New Ferry Route", "Volunteers Paint Dunmore Hall",
        "School Opens Its Library",
    }

    split = await invoke("curate", "split", CASTELLANO, "Castellano", "--why", "test")
    assert split.exit_code == 0, split.output
    ferry.write_text(FERRY.replace("two boats", "three boats"), encoding="utf-8")
    assert (await invoke("ingest", str(ferry))).exit_code == 0
    lone = "person/castellano"
    assert await _articles_of(empty_graph, db, lone) == {"Harbour Board Approves New Ferry Route"}
    mentions, _, _ = await empty_graph.execute_query(
        "MATCH (:Person {id: $id})-[:EVIDENCED_BY]->(m:Mention) RETURN collect(m.text) AS t",
        {"id": lone}, database_=db,
    )
    assert mentions[0]["t"] == ["Castellano"]
