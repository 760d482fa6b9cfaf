"""`mock.discovered_schema(...)`: the schema EventBridge discovery would infer from the recorded events, with no
discoverer needed (the same inference a discoverer's `discovered-schemas` version holds)."""

from __future__ import annotations

import json
from typing import Any

from mock_partner_events._records.eventlog import EventLog
from mock_partner_events._service.schemas.discovery import discovered_content
from mock_partner_events._wire.protocol import AwsError

SCHEMA_TYPES = ("OpenApi3", "JSONSchemaDraft4")


def discovered_schema(events: EventLog, source: str, detail_type: str, type: str) -> dict[str, Any]:
    """The parsed content discovery infers from every accepted event of `source` and `detail_type`."""
    __tracebackhide__ = True
    if type not in SCHEMA_TYPES:
        raise ValueError(f"mock-partner-events: type must be one of {', '.join(SCHEMA_TYPES)}; got {type!r}.")
    found = [event for event in events if event.source == source and event.detail_type == detail_type]
    if not found:
        seen = sorted({(event.source, event.detail_type) for event in events})
        raise LookupError(
            f"mock-partner-events: no recorded event has source {source!r} and detail-type {detail_type!r}, so "
            f"there is nothing to infer a schema from; recorded (source, detail-type): {seen or 'none'}. Publish such "
            "an event first, or fix the names."
        )
    envelopes = list({event.detail_json: json.dumps(event.envelope()) for event in found}.values())
    try:
        content: dict[str, Any] = json.loads(discovered_content(envelopes, type))
    except AwsError as error:  # pragma: no cover - recorded events are JSON objects
        raise ValueError(f"mock-partner-events: {error.message}") from None
    return content
