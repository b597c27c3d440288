// The explorer reads everything through the GraphQL API at /graphql.

export type Kind = "person" | "organisation" | "place" | "role" | "statement" | "event";

export const KINDS: { kind: Kind; label: string }[] = [
  { kind: "person", label: "Person" },
  { kind: "organisation", label: "Organisation" },
  { kind: "place", label: "Place" },
  { kind: "role", label: "Role" },
  { kind: "statement", label: "Statement" },
  { kind: "event", label: "Event" },
];

/** The kind of a node from its stable id (`person/cressida-dick`) or GraphQL typename. */
export function kindOf(idOrType: string): Kind | null {
  const head = idOrType.split("/")[0].toLowerCase();
  const table: Record<string, Kind> = {
    person: "person",
    organisation: "organisation",
    location: "place",
    role: "role",
    statement: "statement",
    event: "event",
  };
  return table[head] ?? null;
}

export class ApiError extends Error {}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  if (!response.ok) throw new ApiError(`The API answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join("; "));
  if (!body.data) throw new ApiError("The API answered without data.");
  return body.data;
}

export interface Span {
  start: number;
  end: number;
  sentence?: string;
  article: { id: string; headline?: string | null } | null;
}

export interface ArticleSummary {
  id: string;
  headline: string | null;
  source: string | null;
  published: string | null;
  people: { id: string }[];
  statements: { id: string }[];
  events: { id: string }[];
}

export const ARTICLES = `
query Articles {
  articles(first: 100) {
    totalCount
    nodes {
      id headline source published
      people(first: 100) { id }
      statements(first: 100) { id }
      events(first: 100) { id }
    }
  }
}`;

export interface SearchHit {
  score: number;
  kind: string;
  node: {
    __typename: string;
    id: string;
    name?: string;
    title?: string;
    text?: string;
    summary?: string;
    speaker?: { name: string } | null;
    evidence?: Span[];
  };
}

export const SEARCH = `
query Search($text: String!) {
  search(text: $text, first: 20) {
    totalCount
    nodes {
      score kind
      node {
        __typename id
        ... on Person { name }
        ... on Organisation { name }
        ... on Location { name }
        ... on Role { title }
        ... on Statement {
          text
          speaker { ... on Person { name } ... on Organisation { name } }
          evidence { start end article { id headline } }
        }
        ... on Event { summary evidence { start end article { id headline } } }
      }
    }
  }
}`;

export interface Marked {
  id: string;
  name?: string;
  title?: string;
  text?: string;
  summary?: string;
  kind?: string;
  speaker?: { __typename: string; id: string; name: string } | null;
  evidence: Span[];
}

export interface ArticleFull {
  id: string;
  headline: string | null;
  source: string | null;
  published: string | null;
  url: string | null;
  text: string;
  people: Marked[];
  organisations: Marked[];
  locations: Marked[];
  roles: Marked[];
  events: Marked[];
  statements: Marked[];
}

const EVIDENCE = "evidence { start end article { id } }";

export const ARTICLE = `
query Article($id: ID!) {
  article(id: $id) {
    id headline source published url text
    people(first: 100) { id name ${EVIDENCE} }
    organisations(first: 100) { id name ${EVIDENCE} }
    locations(first: 100) { id name ${EVIDENCE} }
    roles(first: 100) { id title ${EVIDENCE} }
    events(first: 100) { id summary ${EVIDENCE} }
    statements(first: 100) {
      id text kind
      speaker { __typename ... on Person { id name } ... on Organisation { id name } }
      ${EVIDENCE}
    }
  }
}`;

interface Ref {
  __typename?: string;
  id: string;
  name?: string;
  title?: string;
}

export interface CardRole {
  id: string;
  title: string;
  status: string;
  person?: Ref | null;
  organisation?: Ref | null;
}

export interface CardStatement {
  id: string;
  text: string;
  kind: string;
  speaker?: Ref | null;
  evidence: Span[];
}

export interface CardEvent {
  id: string;
  kind: string;
  summary: string;
  date: string | null;
  location?: Ref | null;
}

export interface Card {
  __typename: string;
  id: string;
  name?: string;
  title?: string;
  text?: string;
  summary?: string;
  kind?: string | null;
  placeKind?: string | null;
  statementKind?: string;
  status?: string;
  wording?: string;
  date?: string | null;
  dateText?: string | null;
  aliases?: string[];
  roles?: CardRole[];
  statements?: CardStatement[];
  events?: CardEvent[];
  articles?: { id: string; headline: string | null }[];
  person?: Ref | null;
  organisation?: Ref | null;
  speaker?: Ref | null;
  audience?: Ref | null;
  occasion?: CardEvent | null;
  location?: Ref | null;
  within?: Ref | null;
  participants?: { role: string; entity: Ref | null }[];
  evidence?: Span[];
}

const AGENT = "__typename ... on Person { id name } ... on Organisation { id name }";
const STATEMENTS = `statements(first: 50) {
  id text kind speaker { ${AGENT} }
  evidence { start end sentence article { id headline } }
}`;
const EVENTS = "events(first: 50) { id kind summary date location { id name } }";
const ARTICLES_OF = "articles(first: 50) { id headline }";

/** One query for an entity's card; its fields are also the entity's neighbourhood. */
export const CARD = `
query Card($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Person {
      name aliases
      roles(first: 50) { id title status organisation { id name } }
      ${STATEMENTS} ${EVENTS} ${ARTICLES_OF}
    }
    ... on Organisation {
      name aliases
      roles(first: 50) { id title status person { id name } }
      ${STATEMENTS} ${EVENTS} ${ARTICLES_OF}
    }
    ... on Location {
      name aliases placeKind: kind within { id name }
      events(first: 50) { id kind summary date }
      ${ARTICLES_OF}
    }
    ... on Role {
      title wording status person { id name } organisation { id name }
      ${ARTICLES_OF}
    }
    ... on Statement {
      text statementKind: kind speaker { ${AGENT} } audience { ${AGENT} }
      occasion { id kind summary date }
      evidence { start end sentence article { id headline } }
      ${ARTICLES_OF}
    }
    ... on Event {
      kind summary date dateText location { id name }
      participants { role entity { ${AGENT} } }
      ${STATEMENTS} ${ARTICLES_OF}
    }
  }
}`;

export async function card(id: string): Promise<Card | null> {
  const data = await gql<{ node: Card | null }>(CARD, { id });
  return data.node;
}

/** A short caption for any node. */
export function caption(node: { name?: string; title?: string; text?: string; summary?: string; id: string }): string {
  return node.name ?? node.title ?? node.text ?? node.summary ?? node.id;
}
