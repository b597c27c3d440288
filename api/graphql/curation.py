# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``mergeEntities``, ``splitAlias`` and ``undoDecision``: curation behind the API key;
``curationDecisions`` and ``duplicateSuggestions`` to read it.

The same operations as ``newsgraph curate`` (graph/curation.py); expected failures
(no key, an id of the wrong shape, an unknown id, a refused decision) are members
of the result unions. :func:`survivor` answers a merged-away id for ``node(id:)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeAlias

import strawberry

from api.graphql.context import Info
from api.graphql.errors import InvalidArgument, InvalidId
from api.graphql.node import parse_id
from api.graphql.results import BadInput, NotFound, Unauthorised, unauthorised
from graph import curation
from graph.decisions import Decision, DecisionKind
from graph.errors import CurationRefused
from graph.errors import NotFound as GraphNotFound
from schema.labels import Label

MAX_WHY = 2000
MAX_ALIAS = 200
_ENTITIES = (Label.PERSON, Label.ORGANISATION, Label.LOCATION)

strawberry.enum(
    DecisionKind,
    name="DecisionKind",
    description="MERGE: two entities are one; SPLIT: an alias is not the entity.",
)


@strawberry.type(name="CurationDecision",
                 description="A decision a person made about entities, applied on every load.")
class CurationDecision:
    id: strawberry.ID
    kind: DecisionKind
    entity: strawberry.ID = strawberry.field(
        description="MERGE: the surviving entity; SPLIT: the entity the alias left."
    )
    other: strawberry.ID = strawberry.field(
        description="MERGE: the id merged away (it now answers with `entity`); "
        "SPLIT: the entity the alias's mentions form."
    )
    alias: str | None = strawberry.field(description="SPLIT: the alias split off.")
    by: str = strawberry.field(description="Who decided.")
    why: str = strawberry.field(description="Why, in their words.")
    at: dt.datetime
    undone_at: dt.datetime | None
    undone_by: str | None

    @classmethod
    def from_domain(cls, decision: Decision) -> CurationDecision:
        return cls(
            id=strawberry.ID(decision.id), kind=decision.kind,
            entity=strawberry.ID(decision.entity), other=strawberry.ID(decision.other),
            alias=decision.alias, by=decision.by, why=decision.why, at=decision.at,
            undone_at=decision.undone_at, undone_by=decision.undone_by,
        )


@strawberry.type(description="The decision was made (or undone) and its articles written again.")
class CurationSuccess:
    decision: CurationDecision
    articles: list[strawberry.ID] = strawberry.field(
        description="The articles written again because of it."
    )


CurationResult: TypeAlias = Annotated[
    CurationSuccess | BadInput | NotFound | Unauthorised,
    strawberry.union("CurationResult"),
]


def _bad_id(value: str, field: str) -> BadInput | None:
    try:
        parse_id(value, *_ENTITIES)
    except InvalidId as exc:
        return BadInput(message=exc.message, field=field)
    return None


def _bad_text(value: str, field: str, limit: int) -> BadInput | None:
    if not value.strip():
        return BadInput(message=f"`{field}` is empty: say it in a few words.", field=field)
    if len(value) > limit:
        return BadInput(message=f"`{field}` is longer than {limit} characters.", field=field)
    return None


def _success(result: curation.CurationResult) -> CurationSuccess:
    return CurationSuccess(
        decision=CurationDecision.from_domain(result.decision),
        articles=[strawberry.ID(article) for article in result.articles],
    )


By = Annotated[
    str | None,
    strawberry.argument(description="Who decides (default: `api`)."),
]


@strawberry.type
class CurationMutation:
    @strawberry.mutation(description="Record that `other` is the same entity as `survivor` "
                         "(one kind); its evidence, now and on every later load, goes to "
                         "`survivor` (needs the API key).")
    async def merge_entities(
        self, info: Info, survivor: strawberry.ID, other: strawberry.ID, why: str,
        by: By = None,
    ) -> CurationResult:
        context = info.context
        refused = unauthorised(context)
        if refused is not None:
            return refused
        bad = (_bad_id(str(survivor), "survivor") or _bad_id(str(other), "other")
               or _bad_text(why, "why", MAX_WHY) or _bad_text(by or "api", "by", MAX_ALIAS))
        if bad is not None:
            return bad
        try:
            result = await curation.merge(
                context.driver, context.database, str(survivor), str(other),
                why=why, by=by or "api",
            )
        except CurationRefused as exc:
            return BadInput(message=str(exc), field="other")
        except GraphNotFound as exc:
            missing = other if str(other) in str(exc) else survivor
            return NotFound(message=str(exc), id=missing)
        return _success(result)

    @strawberry.mutation(description="Record that `alias` is not `entity`: mentions worded "
                         "so become an entity of their own (needs the API key).")
    async def split_alias(
        self, info: Info, entity: strawberry.ID, alias: str, why: str, by: By = None,
    ) -> CurationResult:
        context = info.context
        refused = unauthorised(context)
        if refused is not None:
            return refused
        bad = (_bad_id(str(entity), "entity") or _bad_text(alias, "alias", MAX_ALIAS)
               or _bad_text(why, "why", MAX_WHY) or _bad_text(by or "api", "by", MAX_ALIAS))
        if bad is not None:
            return bad
        try:
            result = await curation.split(
                context.driver, context.database, str(entity), alias, why=why, by=by or "api"
            )
        except CurationRefused as exc:
            return BadInput(message=str(exc), field="alias")
        except GraphNotFound as exc:
            return NotFound(message=str(exc), id=entity)
        return _success(result)

    @strawberry.mutation(description="Undo a decision: its articles are written again from "
                         "their evidence alone (needs the API key).")
    async def undo_decision(
        self, info: Info, id: strawberry.ID, by: By = None
    ) -> CurationResult:
        context = info.context
        refused = unauthorised(context)
        if refused is not None:
            return refused
        bad = _bad_text(by or "api", "by", MAX_ALIAS)
        if len(str(id)) > MAX_ALIAS or not str(id).startswith("decision/"):
            bad = BadInput(message=f"Invalid decision id {str(id)[:MAX_ALIAS]!r}: expected "
                           "`decision/...`, as `mergeEntities` or `splitAlias` returned it.",
                           field="id")
        if bad is not None:
            return bad
        try:
            result = await curation.undo(context.driver, context.database, str(id),
                                         by=by or "api")
        except CurationRefused as exc:
            return BadInput(message=str(exc), field="id")
        except GraphNotFound as exc:
            return NotFound(message=str(exc), id=id)
        return _success(result)


async def survivor(info: Info, node_id: str) -> str | None:
    """The entity a merged-away id now answers with, or None."""
    context = info.context
    return await curation.survivor_of(context.driver, context.database, node_id)


@strawberry.type(description="Two entities of one kind that may be one, with why.")
class DuplicateSuggestion:
    first: strawberry.ID
    first_name: str
    second: strawberry.ID
    second_name: str
    score: float = strawberry.field(description="In (0, 1]; higher is likelier.")
    reason: str


MAX_LIST = 100

ListSize = Annotated[
    int, strawberry.argument(description=f"At most this many (default 20, at most {MAX_LIST}).")
]


def _size(first: int) -> int:
    if not 0 <= first <= MAX_LIST:
        raise InvalidArgument(f"`first` must be between 0 and {MAX_LIST}.")
    return first


@strawberry.type
class CurationQuery:
    @strawberry.field(description="Curation decisions, newest first, undone ones included.")
    async def curation_decisions(self, info: Info, first: ListSize = 20) -> list[CurationDecision]:
        context = info.context
        found = await curation.decisions(context.driver, context.database)
        return [CurationDecision.from_domain(d) for d in reversed(found)][: _size(first)]

    @strawberry.field(description="Likely duplicates, best first: an alias that is another "
                      "entity's name, the same surname with compatible first names, similar "
                      "names within one kind.")
    async def duplicate_suggestions(
        self, info: Info, first: ListSize = 20
    ) -> list[DuplicateSuggestion]:
        context = info.context
        found = await curation.suggest(context.driver, context.database, _size(first))
        return [
            DuplicateSuggestion(first=strawberry.ID(s.first), first_name=s.first_name,
                                second=strawberry.ID(s.second), second_name=s.second_name,
                                score=s.score, reason=s.reason)
            for s in found
        ]
