// A root list paged with Relay: people, five at a time.
import { graphql } from "react-relay";

export const peopleList = graphql`
  fragment PeopleList_query on Query
  @refetchable(queryName: "PeopleListPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" }) {
    people(first: $count, after: $cursor) @connection(key: "PeopleList_people") {
      totalCount
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;

export const peopleQuery = graphql`
  query PeopleListQuery {
    ...PeopleList_query
  }
`;
