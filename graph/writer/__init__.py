"""Write :class:`~schema.model.Extraction`\\ s into Neo4j, and delete articles again.

The writer, one module per concept:

=============================== ==========================================================
:mod:`graph.writer.transactions` the write transaction of a batch, all or nothing, and
                                 :func:`write_batch` (a failed batch retried one by one)
:mod:`graph.writer.rows`         an extraction as the rows of ``UNWIND`` statements
:mod:`graph.writer.resolution`   which stored entity an incoming one is (one statement and
                                 a few full-text queries per batch)
:mod:`graph.writer.merge`        the writing statements (``MERGE`` on stable ids)
:mod:`graph.writer.derived`      aliases, keys, stated values and wordings; orphans
:mod:`graph.writer.removal`      an article's contribution removed; deletion
:mod:`graph.writer.stored`       the stored articles' checksums, one query per batch
:mod:`graph.writer.runner`       how statements are sent (the one seam for tests and benches)
=============================== ==========================================================

This package re-exports the entry points the rest of the project calls.
"""

from graph.writer.removal import delete_article, delete_articles
from graph.writer.stored import stored_checksum, stored_checksums
from graph.writer.transactions import (
    ArticleFailure,
    BatchOutcome,
    write_batch,
    write_extraction,
    write_extractions,
)

__all__ = [
    "ArticleFailure",
    "BatchOutcome",
    "delete_article",
    "delete_articles",
    "stored_checksum",
    "stored_checksums",
    "write_batch",
    "write_extraction",
    "write_extractions",
]
