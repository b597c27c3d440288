// The peer of bench/api.py: @neo4j/graphql 7 on Apollo Server 5, over the same Neo4j,
// with typeDefs equivalent to newsgraph's schema for the benchmark's queries.
// Usage: node server.mjs PORT  (PEER_NEO4J_URI, PEER_NEO4J_USER, PEER_NEO4J_PASSWORD)
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Person
    @node
    @fulltext(indexes: [{ indexName: "search", queryName: "searchPeople", fields: ["name"] }]) {
    id: ID!
    name: String
    aliases: [String!]
    honorific: String
    roles: [Role!]! @relationship(type: "HOLDS", direction: OUT)
    statements: [Statement!]! @relationship(type: "SAID", direction: OUT)
  }
  type Organisation @node {
    id: ID!
    name: String
    aliases: [String!]
    roles: [Role!]! @relationship(type: "AT", direction: IN)
  }
  type Role @node {
    id: ID!
    title: String
    status: String
    person: [Person!]! @relationship(type: "HOLDS", direction: IN)
    organisation: [Organisation!]! @relationship(type: "AT", direction: OUT)
  }
  type Statement @node {
    id: ID!
    text: String
    kind: String
    speaker: [Person!]! @relationship(type: "SAID", direction: IN)
    evidence: [Mention!]! @relationship(type: "EVIDENCED_BY", direction: OUT)
  }
  type Mention @node {
    start: Int
    end: Int
    sentence: String
  }
`;

const port = Number(process.argv[2] ?? 4000);
const driver = neo4j.driver(
  process.env.PEER_NEO4J_URI,
  neo4j.auth.basic(process.env.PEER_NEO4J_USER, process.env.PEER_NEO4J_PASSWORD),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { port, host: "127.0.0.1" } });
console.log(`peer ready at ${url}`);
