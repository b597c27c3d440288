# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Role``: a person's position at an organisation (W3C ORG's Membership)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.evidence import Evidence
from api.graphql.node import Node
from api.graphql.resolvers import First, by_id, citations, of_type, related
from graph.reads import Hop
from schema import model
from schema.labels import Label

if TYPE_CHECKING:
    from api.graphql.article import Article
    from api.graphql.organisation import Organisation
    from api.graphql.person import Person

strawberry.enum(model.RoleStatus, name="RoleStatus", description="Whether the role is held now.")


@strawberry.type(description="A person's position at an organisation: "
                 "Cressida Dick -> Commissioner -> Metropolitan Police.")
class Role(Node):
    id: strawberry.ID
    title: str = strawberry.field(description="Normalised: 'Commissioner'.")
    wording: str = strawberry.field(description="As written: 'the force's commissioner'.")
    status: model.RoleStatus
    person_id: strawberry.Private[str]
    organisation_id: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, role: model.Role) -> Role:
        return cls(
            id=strawberry.ID(role.id),
            title=role.title,
            wording=role.wording,
            status=role.status,
            person_id=role.person,
            organisation_id=role.organisation,
        )

    @strawberry.field(description="Who holds the role.")
    async def person(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("api.graphql.person")] | None:
        from api.graphql.person import Person

        node = await by_id(info, self.person_id)
        return Person.from_domain(node) if isinstance(node, model.Person) else None

    @strawberry.field(description="Where the role is held.")
    async def organisation(
        self, info: Info
    ) -> Annotated[Organisation, strawberry.lazy("api.graphql.organisation")] | None:
        from api.graphql.organisation import Organisation

        node = await by_id(info, self.organisation_id)
        return Organisation.from_domain(node) if isinstance(node, model.Organisation) else None

    @strawberry.field(description="Articles that state the role.")
    async def articles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Article, strawberry.lazy("api.graphql.article")]]:
        from api.graphql.article import Article

        nodes = await related(info, Hop.ROLE_ARTICLES, self.id, first)
        return [Article.from_domain(a) for a in of_type(nodes, model.Article)]

    @strawberry.field(description="Where the articles state the role.")
    async def evidence(self, info: Info) -> list[Evidence]:
        return [Evidence.from_domain(c) for c in await citations(info, Label.ROLE, self.id)]
