# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Participant``: who took part in an event, and as what."""

from __future__ import annotations

import strawberry

from api.graphql.agent import Agent, agent_from_domain
from api.graphql.context import Info
from api.graphql.resolvers import by_id
from schema import model


@strawberry.type(description="A person or organisation taking part in an event.")
class Participant:
    role: str = strawberry.field(description="agent, subject, participant ...")
    entity_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, participant: model.Participant) -> Participant:
        return cls(role=participant.role, entity_id=participant.entity)

    @strawberry.field(description="The person or organisation.")
    async def entity(self, info: Info) -> Agent | None:
        return agent_from_domain(await by_id(info, self.entity_id))
