"""The schemas discoverers filed, across every account and region: what the server's inbox lists.

Discovery is lazy (see `discover`): the events waiting for it are filed first, so the listing is what
ListSchemas on `discovered-schemas` would answer in each account and region right now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from mock_partner_events._service.schemas.discover import discover
from mock_partner_events._service.schemas.state import DISCOVERED_REGISTRY, SchemasState


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
    for (account, region), partition in sorted(state.partitions.items()):
        for name, schema in sorted(partition.registries[DISCOVERED_REGISTRY].schemas.items()):
            latest = schema.latest
            when = datetime.fromtimestamp(schema.last_modified, timezone.utc)
            found.append(
                DiscoveredSchema(
                    account, region, name, latest.number, len(schema.versions), latest.type, latest.content, when
                )
            )
    return found
