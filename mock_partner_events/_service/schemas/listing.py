"""The schemas discoverers filed, across every account and region: what the server's inbox lists.

Discovery is lazy (see `discover`): the events waiting for it are filed first, so the listing is what
ListSchemas on `discovered-schemas` would answer in each account and region right now.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from mock_partner_events._service.schemas.discover import discover
from mock_partner_events._service.schemas.state import DISCOVERED_REGISTRY, Schema, SchemasState


@dataclass(frozen=True)
class DiscoveredSchema:
    """One schema in a `discovered-schemas` registry, at its latest version."""

    account: str
    region: str
    name: str
    version: str
    version_count: int
    type: str
    content: str
    last_modified: datetime


def list_discovered(state: SchemasState) -> list[DiscoveredSchema]:
    """Every discovered schema, by account, region and name (call it under the engine's lock)."""
    discover(state)
    found = []
    for account, region, name, schema in _filed(state):
        latest = schema.latest
        when = datetime.fromtimestamp(schema.last_modified, timezone.utc)
        found.append(
            DiscoveredSchema(
                account, region, name, latest.number, len(schema.versions), latest.type, latest.content, when
            )
        )
    return found


def discovery_signature(state: SchemasState) -> dict[str, int]:
    """What changes whenever the listing may have, without filing anything (call it under the engine's lock):
    how many schemas are filed, how many events wait for discovery, and a checksum of every schema's name,
    latest version and version count."""
    filed = [
        (account, region, name, schema.latest.number, len(schema.versions))
        for account, region, name, schema in _filed(state)
    ]
    pending = sum(len(rows) for rows in state.pending.values())
    return {"count": len(filed), "pending": pending, "digest": zlib.crc32("\n".join(map(repr, filed)).encode())}


def _filed(state: SchemasState) -> Iterator[tuple[str, str, str, Schema]]:
    """(account, region, name, schema) of every schema filed in a `discovered-schemas` registry, in order."""
    for (account, region), partition in sorted(state.partitions.items()):
        for name, schema in sorted(partition.registries[DISCOVERED_REGISTRY].schemas.items()):
            yield account, region, name, schema
