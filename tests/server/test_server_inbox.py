"""The live inbox at `/`, in a real headless browser (Debian's chromium, driven by Selenium): boto3 publishes to
the server, and the page shows the rows, filters them, opens an envelope, clears faults and resets.

`make test` installs chromium and chromium-driver when they are missing; without them these tests fail
(they never skip, so CI cannot pass without looking). Set INBOX_SCREENSHOT=path.png to keep a screenshot.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from helpers import BUS_ARN, CUSTOMER, SOURCE, entry, http_client, make_client

from mock_partner_events import PartnerEventsServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT_SECONDS = 10
OTHER_SOURCE = "aws.partner/example.com/1234/refunds"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--window-size=1280,800",
)


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless chromium with a fresh profile; fails (never skips) when the browser is not installed."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.fail(
            f"the inbox test needs {' and '.join(missing)}: run `make test` (it installs them as root), or "
            "`apt-get install -y chromium chromium-driver`"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="inbox-profile-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
        try:
            yield driver
        finally:
            driver.quit()


def wait_for(driver: Any, condition: Callable[[], Any], what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.1).until(
        lambda _: condition(), message=f"the inbox did not show {what} within {WAIT_SECONDS}s"
    )


def rows(driver: Any, table: str) -> list[list[str]]:
    """The table's cells as the page shows them, read in one step (the page redraws as it polls)."""
    script = "return [...document.querySelectorAll(arguments[0])].map(r => [...r.cells].map(c => c.textContent))"
    found: list[list[str]] = driver.execute_script(script, f"#{table} tbody tr")
    return found


def type_into(driver: Any, element_id: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text or " \b")  # a key press, so that the page hears the field change even when emptied


def test_the_inbox_shows_filters_opens_and_resets_what_boto3_publishes(
    partner_events_server: PartnerEventsServer, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    server, mock = partner_events_server, partner_events_server.mock
    browser.get(f"{server.url}/")
    wait_for(browser, lambda: "live" in browser.find_element(By.ID, "status").text, "that it is live")
    client = http_client(server.url, retries={"mode": "standard", "total_max_attempts": 1})
    client.put_partner_events(
        Entries=[
            entry(detail={"id": 1}),
            entry("OrderShipped", Detail='{"order": "A-42"}'),
        ]
    )
    client.put_partner_events(Entries=[entry(detail={"id": 3}, Source=OTHER_SOURCE), entry(Detail="{not json")])
    mock.faults.fail_requests("ThrottlingException", times=5)
    with pytest.raises(client.exceptions.ClientError):
        client.put_partner_events(Entries=[entry(detail={"id": 5})])

    shown = wait_for(browser, lambda: len(rows(browser, "events")) == 3 and rows(browser, "events"), "three events")
    assert [row[1] for row in shown] == [OTHER_SOURCE, SOURCE, SOURCE]  # newest first
    assert wait_for(browser, lambda: rows(browser, "rejected"), "the rejected entry")[0][2] == "MalformedDetail"
    calls = wait_for(browser, lambda: len(rows(browser, "calls")) == 3 and rows(browser, "calls"), "three calls")
    assert (calls[0][2], calls[0][3]) == ("400", "ThrottlingException")

    type_into(browser, "filter-detail-type", "OrderShipped")
    wait_for(browser, lambda: len(rows(browser, "events")) == 1, "one event for detail-type OrderShipped")
    type_into(browser, "filter-detail-type", "")
    type_into(browser, "filter-text", "a-42")
    wait_for(browser, lambda: len(rows(browser, "events")) == 1, "one event whose Detail holds a-42")
    type_into(browser, "filter-text", "")
    type_into(browser, "filter-source", OTHER_SOURCE)
    wait_for(browser, lambda: len(rows(browser, "events")) == 1, "one event from the other source")
    type_into(browser, "filter-account", "999999999999")
    wait_for(browser, lambda: rows(browser, "events") == [], "no event for another account")
    type_into(browser, "filter-account", "")
    wait_for(browser, lambda: len(rows(browser, "events")) == 1, "the event again once the account filter is cleared")

    browser.find_element(By.CSS_SELECTOR, "#events tbody tr").click()
    envelope = json.loads(wait_for(browser, lambda: browser.find_element(By.ID, "envelope").text, "an envelope"))
    assert envelope == mock.events.one(source=OTHER_SOURCE).envelope()
    type_into(browser, "filter-source", "")
    wait_for(browser, lambda: len(rows(browser, "events")) == 3, "all three events once the source filter is cleared")
    _keep_screenshot(browser)

    browser.find_element(By.ID, "clear-faults").click()
    wait_for(browser, lambda: mock.faults.handles == [], "the faults cleared")
    browser.find_element(By.ID, "reset").click()
    wait_for(browser, lambda: rows(browser, "events") == [] and rows(browser, "calls") == [], "empty tables")
    assert (len(mock.events), len(mock.calls)) == (0, 0)


def test_the_inbox_shows_each_events_contract_verdict_and_the_discovered_schemas(browser: Any) -> None:
    from selenium.webdriver.common.by import By

    from mock_partner_events.contracts import infer_schema

    order = {"id": "o-1", "total": 12.5}
    with PartnerEventsServer() as server:
        mock = server.mock
        mock.contracts.add(infer_schema([{"detail-type": "OrderCreated", "source": SOURCE, "detail": order}]))
        mock.create_source(SOURCE, associate=True)
        make_client(CUSTOMER, service="schemas", endpoint_url=server.url).create_discoverer(SourceArn=BUS_ARN)
        http_client(server.url).put_partner_events(
            Entries=[entry(detail=order), entry(detail={**order, "total": "12.50"}), entry("InvoicePaid")]
        )
        browser.get(f"{server.url}/")

        shown = wait_for(browser, lambda: len(rows(browser, "events")) == 3 and rows(browser, "events"), "3 events")
        assert [row[5] for row in shown] == ["no contract", "violates $.detail.total", "conforms"]  # newest first
        schemas = wait_for(browser, lambda: rows(browser, "schemas"), "the discovered schemas")
        assert [row[2] for row in schemas] == [f"{SOURCE}@InvoicePaid", f"{SOURCE}@OrderCreated"]
        assert schemas[1][3] == "2 of 2"  # the second shape (total a string) made a new version

        browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")[1].click()
        more = wait_for(browser, lambda: browser.find_element(By.ID, "panel-more").text, "the event's contract")
        assert 'violates\n$.detail.total: expected number, got string "12.50"' in more
        browser.find_elements(By.CSS_SELECTOR, "#schemas tbody tr")[1].click()
        wait_for(browser, lambda: "OrderCreated" in browser.find_element(By.ID, "panel-title").text, "the schema")
        content = json.loads(browser.find_element(By.ID, "envelope").text)
        assert content["components"]["schemas"]["AWSEvent"]["x-amazon-events-detail-type"] == "OrderCreated"
        _keep_screenshot(browser)


def test_the_inbox_hides_the_contract_column_without_contracts(
    partner_events_server: PartnerEventsServer, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    http_client(partner_events_server.url).put_partner_events(Entries=[entry()])
    browser.get(f"{partner_events_server.url}/")
    wait_for(browser, lambda: len(rows(browser, "events")) == 1, "the event")
    header = browser.find_element(By.CSS_SELECTOR, "#events th.c-contract")
    assert not header.is_displayed()
    assert browser.find_element(By.ID, "schemas-none").is_displayed()


def test_the_inbox_page_ships_in_the_package_with_a_strict_content_security_policy(
    partner_events_server: PartnerEventsServer,
) -> None:
    for path, kind in (("/", "text/html"), ("/inbox.js", "text/javascript"), ("/inbox.css", "text/css")):
        answer = requests.get(partner_events_server.url + path, timeout=10)
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith(kind)
        assert answer.headers["content-security-policy"].startswith("default-src 'self'")
        assert re.search(r"https?:", answer.text) is None  # no CDN, no URL of anywhere else


def _keep_screenshot(driver: Any) -> None:
    path = os.environ.get("INBOX_SCREENSHOT")
    if path:
        driver.save_screenshot(path)
