"""Client mistakes are the client's: a variable of the wrong type is a BAD_USER_INPUT
error naming the variable (F2), and an expected error is logged as one line, with no
traceback (F6)."""

from __future__ import annotations

import logging

import pytest

from tests.api.conftest import Api

PEOPLE = "query($f: Int) { people(first: $f) { totalCount } }"
INGEST = "mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { __typename } }"


@pytest.mark.parametrize("value", ["1", 1.5, 2**31, True, [1]])
async def test_a_variable_of_the_wrong_type_is_bad_user_input(
    api: Api, gold: str, value: object
) -> None:
    body = await api.gql(PEOPLE, {"f": value})
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "$f" in error["message"] and "Int" in error["message"]
    assert body["data"] is None


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [("text", 5, "String"), ("published", "not-a-date", "Date"), ("headline", ["x"], "String")],
)
async def test_wrong_types_in_the_ingest_input_are_bad_user_input(
    api: Api, field: str, value: object, named: str
) -> None:
    body = await api.gql(INGEST, {"i": {"text": "Some text.", field: value}})
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "$i" in error["message"] and f".{field}" in error["message"]
    assert named in error["message"]


async def test_expected_errors_are_logged_as_one_line(
    api: Api, gold: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await api.gql('{ node(id: "!!") { id } }')
        await api.gql(PEOPLE, {"f": "1"})
        await api.gql("{ people(first: 1) { nope } }")
    graphql = [r for r in caplog.records if r.name.startswith(("api", "strawberry"))]
    assert len(graphql) == 3, [r.getMessage() for r in graphql]
    for record in graphql:
        assert record.exc_info is None and record.exc_text is None
        assert "\n" not in record.getMessage()
        assert record.levelno < logging.ERROR
    assert "Invalid id '!!'" in graphql[0].getMessage()
