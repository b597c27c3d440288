"""A local tool sends nothing out (F13): the local Neo4j reports no usage, its Browser
sends no analytics and shows no usage-collection banner, and a real Chromium that
opens the Browser and connects sees no request leave 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

import pytest
from neo4j import AsyncDriver
from playwright.async_api import Route, async_playwright

from api.settings import Settings
from graph.driver import Connection

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


async def test_the_local_server_reports_nothing(
    driver: AsyncDriver, connection: Connection
) -> None:
    found = await driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
        {"names": ["dbms.usage_report.enabled", "client.allow_telemetry",
                   "browser.remote_content_hostname_whitelist",
                   "dbms.security.http_static_content_security_policy_header"]},
        database_=connection.database,
    )
    settings = {r["name"]: r["value"] for r in found.records}
    assert settings["dbms.usage_report.enabled"] == "false"
    assert settings["client.allow_telemetry"] == "false"
    assert settings["browser.remote_content_hostname_whitelist"] == "localhost"
    policy = settings["dbms.security.http_static_content_security_policy_header"]
    assert "segment" not in policy and "canny" not in policy and "googleapis" not in policy


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("This test drives Debian's chromium: `apt-get install chromium` "
                    "(.ci/run installs it when missing).")
    return found


async def test_the_browser_sends_nothing_beyond_loopback(settings: Settings) -> None:
    left: list[str] = []

    async def watch(route: Route) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            await route.continue_()
        else:
            left.append(url)
            await route.abort()  # recorded: it would have left the machine

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=_chromium(), args=["--no-sandbox"]
        )
        try:
            page = await browser.new_page()
            await page.route("**/*", watch)
            bolt = f"bolt://neo4j@127.0.0.1:{settings.neo4j_bolt_port}"
            await page.goto(
                f"http://127.0.0.1:{settings.neo4j_http_port}/browser/?dbms={bolt}"
            )
            await page.fill('[data-testid="password"]', os.environ["NEWSGRAPH_NEO4J_PASSWORD"])
            await page.click('[data-testid="connect"]')
            await page.get_by_text("You are connected as user").wait_for(timeout=90_000)
            await page.wait_for_timeout(3000)  # what a connected Browser loads next
            body = await page.inner_text("body")
        finally:
            await browser.close()
    assert left == []
    assert "we collect information on product usage" not in body
