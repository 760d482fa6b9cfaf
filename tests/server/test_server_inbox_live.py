"""The inbox as a tool kept open (issue 18), in headless chromium at 1280x800: 40,000 events render quickly and
polling stays small, a reset with equal counts never leaves the page stale, every kind of row opens, armed faults
are listed and removable, filters match substrings, and nothing scrolls sideways.

Set INBOX_SCREENS=/some/folder to keep screenshots of the events, rejected and calls views.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

import pytest
import requests
import test_server_inbox
from helpers import entry, http_client
from test_server_inbox import rows, type_into, wait_for

from mock_partner_events import PartnerEventsServer
from mock_partner_events._wire.protocol import HttpRequest

browser = test_server_inbox.browser  # the same headless chromium fixture
JSON = {"Content-Type": "application/json"}
MANY = 40_000
BYTES_IN_TEN_SECONDS = 2_000_000
NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def publish_through_the_engine(server: PartnerEventsServer, count: int) -> None:
    """`count` events in calls of 20 entries, handed straight to the server's engine (as its HTTP layer does)."""
    headers = {"x-amz-target": "AWSEvents.PutPartnerEvents", "content-type": "application/x-amz-json-1.1"}
    for start in range(0, count, 20):
        entries = [entry(detail={"n": n, "note": "x" * 40}) for n in range(start, min(count, start + 20))]
        body = json.dumps({"Entries": entries}).encode()
        server.mock.handle(HttpRequest("POST", f"{server.url}/", headers, body))


def fetched_bytes(driver: Any) -> int:
    script = "return performance.getEntriesByType('resource').reduce((sum, e) => sum + e.transferSize, 0)"
    found: int = driver.execute_script(script)
    return found


TITLES = {"events": "Envelope", "rejected": "Rejected entry", "calls": "Call"}


def open_row(driver: Any, table: str, index: int = 0) -> str:
    """Click a row (again, should a poll have redrawn the table under the click) until the panel shows it."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    def opened() -> str | None:
        try:
            driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")[index].click()
        except StaleElementReferenceException:
            return None
        panel: str = driver.find_element(By.ID, "panel").text
        return panel if panel.startswith(TITLES[table]) else None

    found: str = wait_for(driver, opened, f"row {index} of {table} opened")
    return found


def screenshot(driver: Any, name: str) -> None:
    folder = os.environ.get("INBOX_SCREENS")
    if folder:
        driver.save_screenshot(os.path.join(folder, f"inbox-{name}.png"))


@pytest.mark.slow
def test_forty_thousand_events_render_within_five_seconds_and_polling_stays_small(
    partner_events_server: PartnerEventsServer, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    server = partner_events_server
    publish_through_the_engine(server, MANY)

    started = time.monotonic()
    browser.get(f"{server.url}/")
    wait_for(browser, lambda: len(rows(browser, "events")) == 500, "the newest page of events")
    first_render = time.monotonic() - started
    shown = rows(browser, "events")
    before = fetched_bytes(browser)
    time.sleep(10)
    polled = fetched_bytes(browser) - before
    browser.find_element(By.ID, "events-older").click()
    wait_for(browser, lambda: len(rows(browser, "events")) == 1000, "a thousand rows once older ones load")

    assert first_render < 5, f"the first render took {first_render:.1f}s"
    assert json.loads(shown[0][-1]) == {"n": MANY - 1, "note": "x" * 40}  # newest first (Detail, the last column)
    assert polled < BYTES_IN_TEN_SECONDS, f"{polled} bytes fetched in 10 s of polling"
    assert "40000 in all" in browser.find_element(By.ID, "events-count").text
    assert browser.execute_script(NO_SIDEWAYS_SCROLL)


def test_a_reset_followed_by_as_many_calls_shows_the_new_world(
    partner_events_server: PartnerEventsServer, browser: Any
) -> None:
    server = partner_events_server
    client = http_client(server.url)
    client.put_partner_events(Entries=[entry(detail={"world": "old"})])
    browser.get(f"{server.url}/")
    wait_for(browser, lambda: rows(browser, "events") and "old" in rows(browser, "events")[0][-1], "the old event")

    requests.post(f"{server.url}/_mock/reset", headers=JSON, data="{}", timeout=10)  # within one poll:
    client.put_partner_events(Entries=[entry(detail={"world": "new"})])  # the counts are as they were

    wait_for(browser, lambda: rows(browser, "events") and "new" in rows(browser, "events")[0][-1], "the new event")
    assert len(rows(browser, "events")) == 1


def test_every_kind_of_row_opens_and_faults_are_listed_with_a_remove_button(
    partner_events_server: PartnerEventsServer, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    server, mock = partner_events_server, partner_events_server.mock
    client = http_client(server.url, retries={"mode": "standard", "total_max_attempts": 2})
    client.put_partner_events(
        Entries=[
            entry("OrderReturned", Detail='{"id": 1, "reason": "' + "too small " * 30 + '"}', Time="2023-05-04"),
            entry(Detail="{not json", Resources=["arn:aws:example:order/9"]),
        ]
    )
    mock.faults.fail_requests("ThrottlingException", times=1)
    client.put_partner_events(Entries=[entry(detail={"id": 2})])  # throttled, then retried
    mock.faults.delay(0.5, times=3)
    browser.get(f"{server.url}/")
    wait_for(browser, lambda: len(rows(browser, "calls")) == 3, "three calls")

    assert rows(browser, "events")[1][0] == "2023-05-04 00:00:00"  # another day: the date shows
    long_cell = browser.execute_script("return document.querySelector('#events tbody tr:nth-child(2) td:last-child')")
    assert (len(long_cell.text), long_cell.text[-1]) == (301, "…")  # a long Detail is cut in its cell...
    assert json.loads(long_cell.get_attribute("title"))["reason"] == "too small " * 30  # ...whole on hover
    type_into(browser, "filter-detail-type", "ret")  # a case-insensitive substring of OrderReturned
    wait_for(browser, lambda: len(rows(browser, "events")) == 1, "one event for 'ret'")
    type_into(browser, "filter-text", '"id": 1')  # as sent (and as pretty-printed)
    wait_for(browser, lambda: len(rows(browser, "events")) == 1, 'the event whose Detail holds "id": 1')
    panel = open_row(browser, "events")
    assert "OrderReturned" in panel
    assert "too small too small" in panel
    assert browser.execute_script(NO_SIDEWAYS_SCROLL)
    screenshot(browser, "event")

    panel = open_row(browser, "rejected")
    assert all(text in panel for text in ("what was sent", "{not json", "arn:aws:example:order/9"))
    assert all(text in panel for text in ("AWS's answer", "MalformedDetail"))
    screenshot(browser, "rejected")

    panel = open_row(browser, "calls", 1)  # the throttled first attempt
    assert all(text in panel for text in ("ThrottlingException", "Fault that fired", "attempt 1", '"Entries"'))
    screenshot(browser, "call")
    assert "attempt 2" in open_row(browser, "calls", 0)

    faults = browser.find_elements(By.CSS_SELECTOR, "#faults li")
    assert ["fired 1 of 1" in faults[0].text, "delay" in faults[1].text] == [True, True]
    faults[1].find_element(By.TAG_NAME, "button").click()
    wait_for(browser, lambda: len(mock.faults.handles) == 1, "the delay removed")
    wait_for(browser, lambda: len(browser.find_elements(By.CSS_SELECTOR, "#faults li")) == 1, "one fault listed")
    mock.faults.fail_entries("InternalFailure", times=1)  # armed with the page open: the next poll lists it
    wait_for(browser, lambda: len(browser.find_elements(By.CSS_SELECTOR, "#faults li")) == 2, "the new fault")
