"""``Row``: one object of a compiled result, keyed by the response keys of its fields."""

from __future__ import annotations

from typing import Any


class Row(dict[str, Any]):
    """A response object as read by one compiled statement; ``type`` is its GraphQL type
    (how the ``Node`` interface and the unions tell a person from an organisation)."""

    __slots__ = ("type",)

    def __init__(self, type_name: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.type = type_name
