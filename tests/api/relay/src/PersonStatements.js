// A nested list paged with Relay: what one person said, three at a time, refetched
// through node(id:).
import { graphql } from "react-relay";

export const personStatements = graphql`
  fragment PersonStatements_person on Person
  @refetchable(queryName: "PersonStatementsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 3 }, cursor: { type: "String" }) {
    name
    statementsConnection(first: $count, after: $cursor)
      @connection(key: "PersonStatements_statementsConnection") {
      totalCount
      edges {
        node {
          id
          text
          kind
          speaker {
            ... on Person {
              name
            }
          }
        }
      }
    }
  }
`;

export const personQuery = graphql`
  query PersonStatementsQuery($id: ID!) {
    person(id: $id) {
      ...PersonStatements_person
    }
  }
`;
