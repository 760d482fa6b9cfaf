"""Who answers an EventBridge request while a mock is active: this package, moto, or nobody.

This package answers every operation it models. With moto's mock_aws active too, the bus and rule operations
that concern a customer's *own* buses (custom buses, the default bus) go to moto instead, so that moto's
PutEvents routing, archives and targets keep working for them; partner buses stay here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from mock_partner_events._integrations.moto import moto_is_active

if TYPE_CHECKING:
    from mock_partner_events._core.engine import PartnerEventsMock

PARTNER_PREFIX = "aws.partner/"
_BUS_OPERATIONS = frozenset({"CreateEventBus", "DescribeEventBus", "DeleteEventBus"})
_RULE_OPERATIONS = frozenset(
    {
        "PutRule", "DescribeRule", "DeleteRule", "EnableRule", "DisableRule", "ListRules",
        "PutTargets", "RemoveTargets", "ListTargetsByRule",
    }
)  # fmt: skip
_SHARED_WITH_MOTO = _BUS_OPERATIONS | _RULE_OPERATIONS | {"ListEventBuses"}


def answered_here(mock: PartnerEventsMock, operation: str, body: bytes | str | None) -> bool:
    """Whether `mock` answers this request (the partner API always; customers' own buses only without moto)."""
    if not mock.answers(operation):
        return False
    if operation not in _SHARED_WITH_MOTO or not moto_is_active():
        return True
    params = _params(body)
    return params is None or _concerns_partner_bus(operation, params)


def _concerns_partner_bus(operation: str, params: dict[str, Any]) -> bool:
    if operation == "ListEventBuses":
        return str(params.get("NamePrefix") or "").startswith(PARTNER_PREFIX)
    if operation == "CreateEventBus" and params.get("EventSourceName"):
        return True
    name = params.get("Name") if operation in _BUS_OPERATIONS else params.get("EventBusName")
    return PARTNER_PREFIX in str(name or "")


def _params(body: bytes | str | None) -> dict[str, Any] | None:
    """The request's JSON object, or None for a body that is not one (the mock answers it with AWS's error)."""
    try:
        params = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        return None
    return params if isinstance(params, dict) else None
