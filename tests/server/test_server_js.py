"""The AWS SDK for JavaScript v3 (@aws-sdk/client-eventbridge, pinned in tests/server/js) against a running server."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import requests
from helpers import clean_env, entry

from mock_partner_events import PartnerEventsServer

JS_DIR = Path(__file__).parent / "js"
SDK = JS_DIR / "node_modules" / "@aws-sdk" / "client-eventbridge"


@pytest.fixture(scope="module")
def node() -> str:
    """The node executable; tests skip only when node itself is missing."""
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed: the AWS SDK for JavaScript v3 tests need Node.js 18 or later")
    if not SDK.is_dir():
        pytest.fail(
            f"the JS SDK is not installed in {JS_DIR}: run `npm ci --prefix tests/server/js` (`make test` does)"
        )
    return found


def publish_with_js(node: str, url: str, entries: list[dict[str, Any]], **options: Any) -> dict[str, Any]:
    """Run tests/server/js/publish.mjs: one PutPartnerEventsCommand; its printed JSON result."""
    request = json.dumps({"endpoint": url, "entries": entries, **options})
    env = {**clean_env(), "NODE_NO_WARNINGS": "1"}
    done = subprocess.run(
        [node, str(JS_DIR / "publish.mjs"), request], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_js_sdk_publishes_and_the_mock_records_the_events(
    node: str, partner_events_server: PartnerEventsServer
) -> None:
    result = publish_with_js(node, partner_events_server.url, [entry(detail={"id": 1}), entry(detail={"id": 2})])

    output = result["output"]
    assert output["FailedEntryCount"] == 0
    events = partner_events_server.mock.events
    assert [event.event_id for event in events] == [item["EventId"] for item in output["Entries"]]
    assert [event.detail for event in events] == [{"id": 1}, {"id": 2}]
    assert output["$metadata"]["requestId"] == partner_events_server.mock.calls[0].request_id


def test_the_js_sdk_sees_per_entry_failures(node: str, partner_events_server: PartnerEventsServer) -> None:
    result = publish_with_js(node, partner_events_server.url, [entry(detail={"id": 1}), entry(Detail="not json")])

    output = result["output"]
    assert output["FailedEntryCount"] == 1
    assert "EventId" in output["Entries"][0]
    assert output["Entries"][1] == {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
    assert [rejection.index for rejection in partner_events_server.mock.rejected] == [1]


def test_the_js_sdk_retries_an_injected_throttle_and_the_event_is_recorded_once(
    node: str, partner_events_server: PartnerEventsServer
) -> None:
    throttle_once = [{"fail_requests": {"error_code": "ThrottlingException", "times": 1}}]
    requests.post(f"{partner_events_server.url}/_mock/faults", json=throttle_once, timeout=10).raise_for_status()

    result = publish_with_js(node, partner_events_server.url, [entry()])

    assert result["output"]["$metadata"]["attempts"] == 2
    calls = partner_events_server.mock.calls
    assert [(call.attempt, call.error_code) for call in calls] == [(1, "ThrottlingException"), (2, None)]
    assert len(partner_events_server.mock.events) == 1


def test_the_js_sdk_retries_a_dropped_connection(node: str, partner_events_server: PartnerEventsServer) -> None:
    partner_events_server.mock.faults.disconnect(when="before", times=1)

    result = publish_with_js(node, partner_events_server.url, [entry()])

    assert result["output"]["$metadata"]["attempts"] == 2
    assert len(partner_events_server.mock.events) == 1


def test_the_js_sdk_gives_up_on_a_non_retryable_error(node: str, partner_events_server: PartnerEventsServer) -> None:
    partner_events_server.mock.faults.fail_requests("OperationDisabledException")

    result = publish_with_js(node, partner_events_server.url, [entry()])

    assert result["error"]["name"] == "OperationDisabledException"
    assert (result["error"]["status"], result["error"]["attempts"]) == (400, 1)
    assert partner_events_server.mock.events == []
