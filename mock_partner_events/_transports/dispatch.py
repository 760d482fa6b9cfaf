"""The one decision every transport asks: is an EventBridge request answered here, passed to moto, or unmocked?

botocore, aiobotocore, awscli, `requests` and moto's own stubber all ask `route`; none decides by itself. The HTTP
server has its own mock and no moto beside it, so there every request is HERE: the engine answers an operation it
does not model with AWS's UnknownOperationException.

- No mock is active, or the request is not an EventBridge (`X-Amz-Target: AWSEvents.*`) request: PASS, the
  transport carries on as if this package were not installed.
- The active mock models the operation: HERE, except that with moto's mock_aws active too, the bus, rule and tag
  operations that concern a customer's *own* buses (custom buses, the default bus, their rules) go to moto
  (MOTO), so that moto's PutEvents routing, archives and targets keep working for them; partner buses stay here.
  ListEventBuses spans both worlds: it is always answered here, and the mock adds the buses moto holds (through
  the view moto's integration registers, `_world.foreign`), so that one list, paged with one NextToken, shows them
  all.
- PutEvents is modelled only for an entry naming a partner bus (AWS's ValidationException); any other PutEvents is
  treated as an operation the mock does not model.
- An operation the mock does not model: MOTO when moto's mock_aws is active, else UNMOCKED (the transport raises
  UnmockedOperationError rather than let the request reach AWS).
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from mock_partner_events._core import activation
from mock_partner_events._core.activation import Activatable
from mock_partner_events._core.seam import SEAM
from mock_partner_events._wire.sigv4 import CREDENTIAL, service_named

PARTNER_PREFIX = "aws.partner/"
TARGET_PREFIX = "AWSEvents."
_BUS_OPERATIONS = frozenset({"CreateEventBus", "DescribeEventBus", "DeleteEventBus"})
_RULE_OPERATIONS = frozenset(
    {
        "PutRule", "DescribeRule", "DeleteRule", "EnableRule", "DisableRule", "ListRules",
        "PutTargets", "RemoveTargets", "ListTargetsByRule", "ListRuleNamesByTarget",
    }
)  # fmt: skip
_TAG_OPERATIONS = frozenset({"TagResource", "UntagResource", "ListTagsForResource"})
_SHARED_WITH_MOTO = _BUS_OPERATIONS | _RULE_OPERATIONS | _TAG_OPERATIONS
_PARTNER_BUS_ONLY = frozenset({"PutEvents"})  # modelled only where it names a partner bus
_SPLIT_BY_BUS = _SHARED_WITH_MOTO | _PARTNER_BUS_ONLY
WHOLLY_HERE = frozenset({"schemas"})
"""Services besides EventBridge that the active mock answers whole: no other mock has them (moto has no Schemas
service), so every request is HERE and an operation the mock does not model gets its error, never the network."""


class Route:
    """The four answers (plain strings: this module loads with botocore, in every session that imports it)."""

    PASS = "pass"
    """Not ours: no mock is active, or not an EventBridge request."""
    HERE = "here"
    """Answered by the active mock."""
    MOTO = "moto"
    """Passed to moto's mock_aws."""
    UNMOCKED = "unmocked"
    """An EventBridge operation nobody mocks: stopped before it leaves the process."""


class Decision(NamedTuple):
    route: str
    mock: Activatable | None
    operation: str | None


_PASS = Decision(Route.PASS, None, None)


def route_request(
    target: str | bytes | None, authorization: str | bytes | None, url: str, body: bytes | str | None
) -> Decision:
    """The decision for a request with these `X-Amz-Target` and `Authorization` headers, URL and body: an
    EventBridge request by its target; another service's by the service its signature (or host) names."""
    operation = operation_of(target)
    if operation is None:
        mock = activation.innermost()
        if mock is not None and service_of(authorization, url) in WHOLLY_HERE:
            return Decision(Route.HERE, mock, None)
    return route(operation, body)


def service_of(authorization: str | bytes | None, url: str) -> str | None:
    """The service a request that is not EventBridge's is for: its SigV4 scope's, else its host's first label."""
    if isinstance(authorization, bytes):
        authorization = authorization.decode("latin-1")
    return service_named(CREDENTIAL.search(authorization or ""), url)


def route(operation: str | None, body: bytes | str | None) -> Decision:
    """The decision for a request naming `operation` (None: not an EventBridge request) with this body."""
    mock = activation.innermost()
    if mock is None or operation is None:
        return _PASS
    if not mock.answers(operation):
        return Decision(_elsewhere(), mock, operation)
    if operation in _SPLIT_BY_BUS and _for_another_world(operation, body):
        return Decision(_elsewhere(), mock, operation)
    return Decision(Route.HERE, mock, operation)


def _for_another_world(operation: str, body: bytes | str | None) -> bool:
    """Whether a request the mock could answer is for moto's buses (moto active) or for none it models."""
    modelled_for_all = operation not in _PARTNER_BUS_ONLY
    if modelled_for_all and not SEAM.answers_elsewhere():
        return False
    return not _concerns_partner_bus(operation, body)


def _elsewhere() -> str:
    """Where a request the mock does not answer goes: to moto, or nowhere."""
    return Route.MOTO if SEAM.answers_elsewhere() else Route.UNMOCKED


def operation_of(target: str | bytes | None) -> str | None:
    """The operation an `X-Amz-Target` header names, or None for a request that is not EventBridge's."""
    if isinstance(target, bytes):
        target = target.decode("latin-1")
    if not target or not target.startswith(TARGET_PREFIX):
        return None
    return target[len(TARGET_PREFIX) :]


def _concerns_partner_bus(operation: str, body: bytes | str | None) -> bool:
    params = _params(body)
    if params is None:
        return True  # not a JSON object: the mock answers it with AWS's error
    if operation == "PutEvents":
        entries = params.get("Entries")
        return isinstance(entries, list) and any(_names_partner_bus(entry) for entry in entries)
    if operation in _TAG_OPERATIONS:
        return PARTNER_PREFIX in str(params.get("ResourceARN") or "")
    if operation == "CreateEventBus" and params.get("EventSourceName"):
        return True
    name = params.get("Name") if operation in _BUS_OPERATIONS else params.get("EventBusName")
    return PARTNER_PREFIX in str(name or "")


def _names_partner_bus(entry: Any) -> bool:
    return isinstance(entry, dict) and PARTNER_PREFIX in str(entry.get("EventBusName") or "")


def _params(body: bytes | str | None) -> dict[str, Any] | None:
    try:
        params = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        return None
    return params if isinstance(params, dict) else None
