"""The GraphQL API: strawberry types over the graph layer's reads.

``schema.build_schema()`` is the schema; ``context.Context`` is what every
resolver receives (``info.context``); one file per GraphQL type, each with a
``from_domain()`` constructor from the dataclasses of :mod:`schema.model`.
"""
