"""ingestArticle under hostile input: control characters (F3) and URLs into the
server's own network (F4), against the real app and the real Neo4j."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import anyio
from neo4j import AsyncDriver

from api.settings import Settings
from tests.api.conftest import API_KEY, Api

INGEST = """mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
  __typename
  ... on IngestArticleSuccess { article { id text headline } }
  ... on BadInput { message field } } }"""
KEY = {"Authorization": f"Bearer {API_KEY}"}
TEXT = ("Mayor Opens Bridge\n\x0cThe mayor of Springfield, Jane Doe, opened the new "
        "bridge on Monday.\x0b\"It is a great day,\" Doe said.\n")


async def _ingest(api: Api, data: dict[str, object]) -> dict[str, object]:
    body = await api.gql(INGEST, {"input": data}, headers=KEY)
    assert "errors" not in body, body
    result: dict[str, object] = body["data"]["ingestArticle"]
    return result


async def test_control_characters_never_reach_the_graph_or_the_xml_export(
    api: Api, empty_graph: AsyncDriver
) -> None:
    refused = await _ingest(api, {"text": TEXT.replace("Monday", "Mon\x01day")})
    assert refused["__typename"] == "BadInput" and refused["field"] == "text"
    assert "U+0001" in str(refused["message"])
    bell = await _ingest(api, {"text": TEXT, "headline": "Ring\x07"})
    assert bell["__typename"] == "BadInput"
    assert (await api.data("{ articles { totalCount } }"))["articles"]["totalCount"] == 0

    done = await _ingest(api, {"text": TEXT})
    assert done["__typename"] == "IngestArticleSuccess", done
    article = done["article"]
    assert isinstance(article, dict)
    assert "\x0c" not in article["text"] and "\x0b" not in article["text"]

    result = await anyio.run_process(
        [sys.executable, "-m", "api", "export", "--format", "rdfxml"], check=False
    )
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(result.stdout)  # well-formed, or this raises
    assert len(root) > 0
    served = await api.client.get("/rdf", params={"format": "rdfxml"})
    assert served.status_code == 200
    ET.fromstring(served.content)


async def test_ingest_by_url_refuses_the_servers_own_network(
    api: Api, empty_graph: AsyncDriver, api_settings: Settings
) -> None:
    browser = f"http://127.0.0.1:{api_settings.neo4j_http_port}/"
    for url in (browser, "http://localhost:7474/browser/", "http://169.254.169.254/latest/"):
        result = await _ingest(api, {"url": url})
        assert result["__typename"] == "BadInput", result
        assert result["field"] == "url"
        assert "Refused to fetch" in str(result["message"])
    assert (await api.data("{ articles { totalCount } }"))["articles"]["totalCount"] == 0
