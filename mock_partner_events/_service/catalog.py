"""The AWS services the mock answers: one row per service, each a package under `_service/`.

A row names the service as botocore (and SigV4) does, the wire codec of its protocol, its operation table, the
model check its input passes first, and, for a service that keeps state of its own beside the partner world, how
to make that state and what it learns from every event the mock accepts. Adding a service is a folder under
`_service/` and a row here (plus a row in `_transports.dispatch` and the server's recognition of API calls).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mock_partner_events._records.rows import Packed
from mock_partner_events._service.context import Operation
from mock_partner_events._service.events.table import OPERATIONS as EVENTS_OPERATIONS
from mock_partner_events._service.schemas.discover import observe as discover_later
from mock_partner_events._service.schemas.state import SchemasState
from mock_partner_events._service.schemas.table import OPERATIONS as SCHEMAS_OPERATIONS
from mock_partner_events._service.schemas.validation import check as check_schemas_input
from mock_partner_events._wire.codec import JSON11, Codec
from mock_partner_events._wire.model_rules import check_input
from mock_partner_events._wire.restjson import SCHEMAS as RESTJSON_SCHEMAS

InputCheck = Callable[[str, dict[str, Any], "Callable[[], dict[str, Any]] | None"], None]


@dataclass(frozen=True)
class Service:
    """One AWS service the mock answers."""

    name: str
    codec: Codec
    operations: Mapping[str, Operation]
    check: InputCheck
    """Raise AWS's error when the params break botocore's model (params, and the exact re-read for messages)."""
    new_state: Callable[[], Any] | None = None
    """The service's own state, made afresh with the world (None: the service works on the partner world)."""
    observe: Callable[[Any, list[Packed]], None] | None = None
    """Told, with the service's state, the rows of the events every call (of any service) accepted; it must be
    cheap (it runs on PutPartnerEvents' path): keep what it needs and do the work when the service is next called."""


EVENTS = Service("events", JSON11, EVENTS_OPERATIONS, check_input)

SCHEMAS = Service(
    "schemas", RESTJSON_SCHEMAS, SCHEMAS_OPERATIONS, check_schemas_input, new_state=SchemasState, observe=discover_later
)

SERVICES: dict[str, Service] = {"events": EVENTS, "schemas": SCHEMAS}
"""Every service by the name its requests carry (`HttpRequest.service`)."""


OBSERVING = tuple((name, service.observe) for name, service in SERVICES.items() if service.observe)
"""The services that learn from every accepted event (discoverers), and how."""


def service_for(name: str | None) -> Service:
    """The service a request is for; EventBridge's for a request that names none the mock knows (it then
    answers with EventBridge's UnknownOperationException, as it always has)."""
    return SERVICES.get(name or "", EVENTS)
