// A nested list inside a paged root list: each organisation's roles, two at a time.
import { graphql } from "react-relay";

export const organisationRoles = graphql`
  fragment OrganisationRoles_organisation on Organisation
  @refetchable(queryName: "OrganisationRolesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 2 }, cursor: { type: "String" }) {
    name
    rolesConnection(first: $count, after: $cursor)
      @connection(key: "OrganisationRoles_rolesConnection") {
      totalCount
      edges {
        node {
          title
          person {
            name
          }
        }
      }
    }
  }
`;

export const organisationsQuery = graphql`
  query OrganisationRolesQuery {
    organisations(first: 3) {
      edges {
        node {
          ...OrganisationRoles_organisation
        }
      }
    }
  }
`;
