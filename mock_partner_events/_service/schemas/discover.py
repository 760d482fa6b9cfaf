"""Discoverers at work: delivered events are kept as they come, and inferred when the Schemas API is next used.

The engine hands every call's accepted events to `observe` (catalog.Service.observe): an event delivered to a bus
a STARTED discoverer watches is appended to that bus's pending list, nothing more, so publishing costs the same
with a discoverer running. `discover` (run before any Schemas operation while events are pending) infers each
pending event's envelope and files it in the discoverer's `discovered-schemas` registry as
`<source>@<DetailType>`: the schema inferred from every distinct shape its events have had (as
`mock.discovered_schema` infers it from all recorded events); a new version when that changes, else nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from mock_partner_events._records.rows import EVENT_FIELDS, EventRow, envelope_of
from mock_partner_events._service.schemas.discovery import discovered_content, schema_name
from mock_partner_events._service.schemas.state import DISCOVERED_REGISTRY, Registry, Schema, SchemasState
from mock_partner_events._wire.entry_rules import parse_detail

_BUS_AT = EVENT_FIELDS.index("event_bus_arn")
_FIELD_AT = {name: index for index, name in enumerate(EVENT_FIELDS)}


def observe(state: SchemasState, rows: list[EventRow]) -> None:
    """Keep the rows delivered to a watched bus (the engine calls this after every call that accepted events)."""
    pending = state.pending
    if not pending:
        return
    for row in rows:
        waiting = pending.get(row[_BUS_AT])
        if waiting is not None:
            waiting.append(row)


def discover(state: SchemasState) -> None:
    """File every pending event's schema in its discoverer's `discovered-schemas` registry."""
    for bus_arn, rows in state.pending.items():
        if rows:
            _, _, _, region, account, _ = bus_arn.split(":", 5)
            registry = state.partition(account, region).registries[DISCOVERED_REGISTRY]
            for row in rows:
                _file(state, registry, row, (account, region))
            rows.clear()


def _file(state: SchemasState, registry: Registry, row: EventRow, place: tuple[str, str]) -> None:
    """Add the row's shape to what its schema has seen; a shape not seen before makes a new version when the
    inference over every shape seen changes."""
    source, detail_type = _field(row, "source"), _field(row, "detail_type")
    name = schema_name(source, detail_type)
    shapes = state.shapes.setdefault((*place, name), {})
    key = (_field(row, "detail_json"), bool(_field(row, "resources")))
    if key in shapes and name in registry.schemas:
        return
    shapes[key] = json.dumps(_envelope(row))
    content = discovered_content(list(shapes.values()), "OpenApi3")
    schema = registry.schemas.get(name)
    if schema is None:
        schema = registry.schemas[name] = Schema(name, None)
    elif schema.latest.content == content:
        return
    when: datetime = _field(row, "time")
    schema.add_version(content, "OpenApi3", when.timestamp())


def _field(row: EventRow, name: str) -> Any:
    """One field of an engine row (the one place here that knows rows are tuples in RecordedEvent's order)."""
    return row[_FIELD_AT[name]]


def _envelope(row: EventRow) -> dict[str, object]:
    return envelope_of(
        _field(row, "event_id"),
        _field(row, "source"),
        _field(row, "detail_type"),
        _field(row, "customer_account") or _field(row, "partner_account"),
        _field(row, "time"),
        _field(row, "region"),
        _field(row, "resources"),
        parse_detail(_field(row, "detail_json")) or {},
    )
