"""Expected failures of a mutation, returned as members of its result union."""

from __future__ import annotations

import strawberry


@strawberry.type(description="The input cannot be used; `message` says why and how to fix it.")
class BadInput:
    message: str
    field: str | None = strawberry.field(default=None, description="The input field at fault.")


@strawberry.type(description="No node has this id.")
class NotFound:
    message: str
    id: strawberry.ID


@strawberry.type(
    description="The request lacks `Authorization: Bearer <NEWSGRAPH_API_KEY>`, "
    "or the key is wrong, or the server has no key set (mutations are then disabled)."
)
class Unauthorised:
    message: str
