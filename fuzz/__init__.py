"""``make fuzz``: schemathesis against the GraphQL endpoint of a real ``newsgraph serve``."""
