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

from mock_partner_events._records.rows import BUS_AT, EventBuilder, Packed, RecordedEvent
from mock_partner_events._service.schemas.discovery import discovered_content, schema_name
from mock_partner_events._service.schemas.state import DISCOVERED_REGISTRY, Registry, Schema, SchemasState


def observe(state: SchemasState, rows: list[Packed]) -> None:
    """Keep the rows delivered to a watched bus (the engine calls this after every call that accepted events)."""
    pending = state.pending
    if not pending:
        return
    for row in rows:
        waiting = pending.get(row[BUS_AT])
        if waiting is not None:
            waiting.append(row)


def discover(state: SchemasState) -> None:
    """File every pending event's schema in its discoverer's `discovered-schemas` registry."""
    for bus_arn, rows in state.pending.items():
        if rows:
            _, _, _, region, account, _ = bus_arn.split(":", 5)
            registry = state.partition(account, region).registries[DISCOVERED_REGISTRY]
            for event in map(EventBuilder(), rows):
                _file(state, registry, event, (account, region))
            rows.clear()


def _file(state: SchemasState, registry: Registry, event: RecordedEvent, place: tuple[str, str]) -> None:
    """Add the event's shape to what its schema has seen; a shape not seen before makes a new version when the
    inference over every shape seen changes."""
    name = schema_name(event.source, event.detail_type)
    shapes = state.shapes.setdefault((*place, name), {})
    key = (event.detail_json, bool(event.resources))
    if key in shapes and name in registry.schemas:
        return
    shapes[key] = json.dumps(event.envelope())
    content = discovered_content(list(shapes.values()), "OpenApi3")
    schema = registry.schemas.get(name)
    if schema is None:
        schema = registry.schemas[name] = Schema(name, None)
    elif schema.latest.content == content:
        return
    schema.add_version(content, "OpenApi3", event.time.timestamp())
