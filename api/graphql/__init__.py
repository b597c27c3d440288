"""The GraphQL API: strawberry types, each root field compiled into one Cypher statement.

``schema.build_schema()`` is the schema; ``context.Context`` is what every
resolver receives (``info.context``). ``types`` holds the graph's node types (one
module: they refer to one another), ``plan`` compiles a root field's selection
(with :mod:`graph.selection`) and shapes the rows, ``fast`` answers compiled
queries without graphql-core's field-by-field execution, ``query`` and
``mutations`` are the root types.
"""
