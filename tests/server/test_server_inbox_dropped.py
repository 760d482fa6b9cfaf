"""What the inbox and health say about records `max_events` dropped, and how little the inbox polls while a
publisher floods the server (issues 18 and 20), in headless chromium at 1280x800.

Under a flood each poll fetches only a small newest page (sized to a byte budget per kind) and the table says how
many older rows it did not load; health names the generation, so a poller sees a reset whatever the counts.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import requests
import test_server_inbox
from helpers import entry, http_client
from test_server_inbox import rows, wait_for
from test_server_inbox_live import fetched_bytes, publish_through_the_engine

from mock_partner_events import PartnerEventsServer

browser = test_server_inbox.browser  # the same headless chromium fixture
JSON = {"Content-Type": "application/json"}
POLL_MOST = 50  # rows a poll fetches at most per kind (inbox.js)
FLOOD_SECONDS = 4
BYTES_PER_SECOND = 200_000  # 2 MB in any 10 s of polling


def text_of(driver: Any, element_id: str) -> str:
    found: str = driver.execute_script("return document.getElementById(arguments[0]).textContent", element_id)
    return found


def health(server: PartnerEventsServer) -> dict[str, Any]:
    answer: dict[str, Any] = requests.get(f"{server.url}/_mock/health", timeout=10).json()
    return answer


def test_health_names_a_new_generation_after_a_reset_with_equal_counts(
    partner_events_server: PartnerEventsServer,
) -> None:
    server = partner_events_server
    client = http_client(server.url)
    client.put_partner_events(Entries=[entry(detail={"world": "old"}), entry(Detail="{not json")])
    before = health(server)

    requests.post(f"{server.url}/_mock/reset", headers=JSON, data="{}", timeout=10)
    client.put_partner_events(Entries=[entry(detail={"world": "new"}), entry(Detail="{not json")])
    after = health(server)

    assert [before[kind] for kind in ("events", "rejected", "calls")] == [1, 1, 1]
    assert [after[kind] for kind in ("events", "rejected", "calls")] == [1, 1, 1]
    assert after["generation"] != before["generation"]


@pytest.mark.partner_events(max_events=5)
def test_the_inbox_says_how_many_records_max_events_dropped(
    partner_events_server: PartnerEventsServer, browser: Any
) -> None:
    server = partner_events_server
    client = http_client(server.url)
    for call in range(7):  # 14 events and 7 calls: 9 events and 2 calls dropped
        client.put_partner_events(Entries=[entry(detail={"n": 2 * call}), entry(detail={"n": 2 * call + 1})])
    client.put_partner_events(Entries=[entry(Detail="{not json")])  # one rejected entry, kept; a call dropped

    browser.get(f"{server.url}/")
    wait_for(browser, lambda: "dropped" in text_of(browser, "status"), "the dropped counts in the header")

    status = text_of(browser, "status")
    assert "14 events, 9 dropped by max_events" in status
    assert "8 calls, 3 dropped by max_events" in status
    assert "1 rejected ·" in status
    assert text_of(browser, "events-count") == "5 · 9 dropped by max_events"
    assert text_of(browser, "calls-count") == "5 · 3 dropped by max_events"
    assert text_of(browser, "rejected-count") == "1"  # nothing of this kind dropped: nothing said
    assert [row[-1] for row in rows(browser, "events")] == [f'{{"n":{n}}}' for n in range(13, 8, -1)]
    assert browser.execute_script("return document.getElementById('events-older').hidden")  # none held unloaded


def top_seq(driver: Any, table: str) -> int:
    script = "const row = document.querySelector(`#${arguments[0]} tbody tr`); return row ? +row.dataset.seq : 0"
    found: int = driver.execute_script(script, table)
    return found


def flood(server: PartnerEventsServer, seconds: float) -> int:
    """Publish through the engine, 200 events at a time, for `seconds`; how many were published."""
    published, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        publish_through_the_engine(server, 200)
        published += 200
        time.sleep(0.01)  # let the server's threads answer the page's polls
    return published


def test_under_a_flood_a_poll_fetches_only_the_newest_rows_and_marks_the_gap(
    partner_events_server: PartnerEventsServer, browser: Any
) -> None:
    server = partner_events_server
    publish_through_the_engine(server, 40)
    browser.get(f"{server.url}/")
    wait_for(browser, lambda: len(rows(browser, "events")) == 40, "the first 40 events")
    before = fetched_bytes(browser)
    published: list[int] = []
    publisher = threading.Thread(target=lambda: published.append(flood(server, FLOOD_SECONDS)))
    publisher.start()
    publisher.join()
    polled = fetched_bytes(browser) - before
    held = len(server.mock.events)

    wait_for(browser, lambda: top_seq(browser, "events") == held, "the newest event on top")
    shown = len(rows(browser, "events"))
    gap = text_of(browser, "events-older")

    assert held == 40 + published[0]
    assert shown < 2 * POLL_MOST, f"polls under a flood loaded {shown} rows"  # the newest page, perhaps one more
    assert gap.startswith(f"{held - shown} older rows not loaded — load 500 older"), gap
    assert f"{held} in all" in text_of(browser, "events-count")
    assert polled < BYTES_PER_SECOND * FLOOD_SECONDS, f"{polled} bytes fetched in {FLOOD_SECONDS} s of a flood"
