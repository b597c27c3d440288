"""Neo4j labels and relationship types: the only names Cypher may interpolate.

Cypher cannot take a label or a relationship type as a parameter, so code that
varies one picks it from these enums (a whitelist) and never from user input.
"""

from enum import StrEnum


class Label(StrEnum):
    ARTICLE = "Article"
    PERSON = "Person"
    ORGANISATION = "Organisation"
    LOCATION = "Location"
    ROLE = "Role"
    EVENT = "Event"
    STATEMENT = "Statement"
    MENTION = "Mention"

    @property
    def kind(self) -> str:
        """The lower-case kind used in ids and URIs: ``person``, ``statement`` ..."""
        return self.value.lower()


class RelType(StrEnum):
    HOLDS = "HOLDS"  # (Person)-[:HOLDS]->(Role)
    AT = "AT"  # (Role)-[:AT]->(Organisation); (Statement)-[:AT]->(Event)
    IN = "IN"  # (Event)-[:IN]->(Location)
    INVOLVED = "INVOLVED"  # (Event)-[:INVOLVED {as}]->(Person|Organisation)
    SAID = "SAID"  # (Person|Organisation)-[:SAID]->(Statement)
    TO = "TO"  # (Statement)-[:TO]->(Organisation|Person) the audience
    MENTIONS = "MENTIONS"  # (Statement)-[:MENTIONS]->(entity)
    WITHIN = "WITHIN"  # (Location)-[:WITHIN]->(Location)
    EVIDENCED_BY = "EVIDENCED_BY"  # (fact)-[:EVIDENCED_BY]->(Mention)
    FROM = "FROM"  # (Mention)-[:FROM]->(Article)
    IN_ROLE = "IN_ROLE"  # (Statement)-[:IN_ROLE]->(Role) the role its speaker spoke in
    SAME_AS = "SAME_AS"  # a merge decision made by a person, between two entities
