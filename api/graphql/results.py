"""Expected failures of a mutation, returned as members of its result union."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

if TYPE_CHECKING:
    from api.graphql.context import Context


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


def unauthorised(context: Context) -> Unauthorised | None:
    """The refusal of a mutation without the API key (or on a server that has none); None
    when the request may write."""
    if not context.api_key_configured:
        return Unauthorised(
            message="Mutations are disabled: the server has no NEWSGRAPH_API_KEY set."
        )
    if not context.authorised:
        return Unauthorised(
            message="Send the API key as `Authorization: Bearer <NEWSGRAPH_API_KEY>`."
        )
    return None
