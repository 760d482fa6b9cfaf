"""`mock.discovered_schema(...)`: what a discoverer would infer from the events a test published."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mock_partner_events._contracts.infer import SchemaType, infer_schema


def discovered_schema(
    events: Iterable[Any], *, source: str, detail_type: str, type: SchemaType = "OpenApi3"
) -> dict[str, Any]:
    """The discovered schema content for the published events of this source and detail-type.

    `events` are RecordedEvents (or anything with `source`, `detail_type` and `envelope()`). LookupError, naming
    what was published, when no event matches.
    """
    published = list(events)
    envelopes = [e.envelope() for e in published if e.source == source and e.detail_type == detail_type]
    if not envelopes:
        seen = sorted({f"{e.source} / {e.detail_type}" for e in published})
        raise LookupError(
            f"mock-partner-events: no published event has source {source!r} and detail-type {detail_type!r}, so "
            f"there is nothing to discover a schema from. Published (source / detail-type): "
            f"{', '.join(seen) if seen else 'nothing'}."
        )
    return infer_schema(envelopes, type)
