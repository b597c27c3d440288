"""The domain of newsgraph: articles, the facts extracted from them, and their ids.

This package imports nothing of ours. ``loaders`` produce these dataclasses,
``graph`` stores and reads them, ``api`` serves them.
"""

from schema.ids import article_id, checksum, entity_id, fact_id, slugify
from schema.labels import Label, RelType
from schema.model import (
    Article,
    Block,
    BlockKind,
    Event,
    Evidence,
    Extraction,
    Location,
    Organisation,
    Participant,
    Person,
    Quantity,
    Role,
    RoleStatus,
    Statement,
    StatementKind,
)

__all__ = [
    "Article",
    "Block",
    "BlockKind",
    "Event",
    "Evidence",
    "Extraction",
    "Label",
    "Location",
    "Organisation",
    "Participant",
    "Person",
    "Quantity",
    "RelType",
    "Role",
    "RoleStatus",
    "Statement",
    "StatementKind",
    "article_id",
    "checksum",
    "entity_id",
    "fact_id",
    "slugify",
]
