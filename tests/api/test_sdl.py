"""The committed SDL (schema/schema.graphql) is the code's schema."""

from __future__ import annotations

from api.commands.serve import SDL_PATH
from api.graphql.schema import sdl


def test_committed_sdl_matches_the_code() -> None:
    committed = SDL_PATH.read_text(encoding="utf-8")
    assert committed == sdl(), (
        "schema/schema.graphql differs from the code's schema: run `newsgraph graphql-schema` "
        "and commit the file."
    )


def test_sdl_has_the_issue_types_and_the_node_interface() -> None:
    text = sdl()
    for name in (
        "Article", "Person", "Organisation", "Location", "Role", "Event", "Statement", "Evidence"
    ):
        assert f"type {name} " in text
    assert "interface Node" in text
    assert "type Person implements Node" in text
    assert "union IngestArticleResult = IngestArticleSuccess | BadInput | Unauthorised" in text
