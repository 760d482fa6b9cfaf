"""What the admin API says about event contracts: each event's verdict and the discovered schemas.

An event item gets `"contract": {"status", "violations": [{"path", "message", "contract"}]}` only when the mock
has contracts; `status` is "conforms", "violates" or "no contract". Verdicts are the ContractBook's own (checked
once per event shape, cached), so a page costs no more than reading them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mock_partner_events._contracts.verdicts import Verdict
from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._server.jsontext import dumps
from mock_partner_events._service.schemas.listing import DiscoveredSchema


def verdict_reader(mock: PartnerEventsMock) -> Callable[[int, Any], str] | None:
    """`read(index, event)` -> `,"contract":{...}` for the event at `index` of `mock.events`; None without contracts."""
    book = mock.contracts
    if not book.contracts:
        return None
    verdicts = book.verdicts()

    def read(index: int, event: Any) -> str:
        verdict = verdicts[index] if 0 <= index < len(verdicts) else None
        if verdict is None or not _same(verdict.event, event):  # published (or reset) since the verdicts were read
            fresh = book.verdicts()
            verdict = fresh[index] if 0 <= index < len(fresh) and _same(fresh[index].event, event) else None
        return "" if verdict is None else ',"contract":' + dumps(verdict_json(verdict))

    return read


def _same(judged: Any, event: Any) -> bool:
    """The verdict's event is this one (a page builds records anew: compared by id and entry, not identity)."""
    return bool(judged.event_id == event.event_id and judged.request_id == event.request_id)


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    violations = [{"path": v.path, "message": v.message, "contract": v.contract} for v in verdict.violations]
    return {"status": verdict.status, "violations": violations}


def schema_json(schema: DiscoveredSchema) -> dict[str, Any]:
    return {
        "account": schema.account,
        "region": schema.region,
        "registry": "discovered-schemas",
        "name": schema.name,
        "version": schema.version,
        "version_count": schema.version_count,
        "type": schema.type,
        "last_modified": schema.last_modified.isoformat().replace("+00:00", "Z"),
        "content": schema.content,
    }
