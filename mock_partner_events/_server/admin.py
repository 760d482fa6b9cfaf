"""The server's admin API under `/_mock/`: read what the mock recorded, change its faults, reset it.

Plain functions of (mock, method, path, query, body) -> (status, JSON payload), so that this module knows
nothing about HTTP servers; `_wsgi` turns the answer into a response.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import Any

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._records.rows import RecordedCall, RecordedEvent, Rejection

PREFIX = "/_mock/"
EVENT_CRITERIA = ("source", "detail_type", "account", "rule", "region", "delivered", "detail", "pattern")
FAULTS_EXAMPLE = '[{"fail_requests": {"error_code": "ThrottlingException", "times": 2}}]'

Answer = tuple[int, Any]
Query = Mapping[str, list[str]]


class AdminInputError(Exception):
    """Admin input the server cannot use; the message says what to send instead."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def answer_admin(mock: PartnerEventsMock, method: str, path: str, query: Query, body: bytes) -> Answer:
    """The admin API's answer to one request; bad input is a 4xx with a message, never an exception."""
    routes = _ROUTES.get(path)
    if routes is None:
        known = ", ".join(sorted(_ROUTES))
        return 404, {"message": f"mock-partner-events: no admin endpoint {path}; the endpoints are {known}"}
    handler = routes.get(method)
    if handler is None:
        allowed = ", ".join(sorted(routes))
        return 405, {"message": f"mock-partner-events: {path} answers {allowed}, not {method}"}
    try:
        return handler(mock, query, body)
    except AdminInputError as error:
        return error.status, {"message": f"mock-partner-events: {error.message}"}


def _health(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    from mock_partner_events import __version__

    return 200, {"status": "ok", "version": __version__, "calls": len(mock.calls), "events": len(mock.events)}


def _events(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    found = mock.events.filter(**event_criteria(query))
    return 200, [event_json(event) for event in found]


def _rejected(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    _refuse_query("/_mock/rejected", query)
    return 200, [rejection_json(item) for item in mock.rejected]


def _calls(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    _refuse_query("/_mock/calls", query)
    return 200, [call_json(call) for call in mock.calls]


def _add_faults(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    specs = _fault_specs(body)
    try:
        mock.faults.load(specs)
    except (TypeError, ValueError) as error:
        raise AdminInputError(f"{error}; send a JSON list such as {FAULTS_EXAMPLE}") from None
    return 200, {"loaded": len(specs)}


def _clear_faults(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    mock.faults.clear()
    return 200, {"cleared": True}


def _reset(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    mock.reset()
    return 200, {"reset": True}


_ROUTES: dict[str, dict[str, Callable[[PartnerEventsMock, Query, bytes], Answer]]] = {
    "/_mock/health": {"GET": _health},
    "/_mock/events": {"GET": _events},
    "/_mock/rejected": {"GET": _rejected},
    "/_mock/calls": {"GET": _calls},
    "/_mock/faults": {"POST": _add_faults, "DELETE": _clear_faults},
    "/_mock/reset": {"POST": _reset},
}


# -- input ---------------------------------------------------------------------------------------------------


def event_criteria(query: Query) -> dict[str, Any]:
    """`EventLog.filter` keywords from query parameters: strings as given, `delivered` a bool, JSON for the rest."""
    unknown = sorted(set(query) - set(EVENT_CRITERIA))
    if unknown:
        raise AdminInputError(
            f"/_mock/events does not filter by {', '.join(unknown)}; use any of {', '.join(EVENT_CRITERIA)}"
        )
    criteria: dict[str, Any] = {}
    for name, values in query.items():
        if len(values) != 1:
            raise AdminInputError(f"give {name} once, not {len(values)} times")
        criteria[name] = _criterion(name, values[0])
    return criteria


def _criterion(name: str, text: str) -> Any:
    if name == "delivered":
        if text not in ("true", "false"):
            raise AdminInputError(f"delivered takes true or false, not {text!r}")
        return text == "true"
    if name == "detail":
        return _detail_subset(text)
    if name == "pattern":
        return _checked_pattern(text)
    return text


def _detail_subset(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise AdminInputError(f'detail takes a JSON object (URL-encoded), e.g. detail={{"id":1}}, not {text!r}')
    return value


def _checked_pattern(text: str) -> str:
    """The pattern text, once the matcher accepts it; its complaint is AWS's own wording."""
    from mock_partner_events._patterns.compile import InvalidEventPattern, compile_pattern

    try:
        compile_pattern(text)
    except InvalidEventPattern as error:
        raise AdminInputError(
            f"pattern is not a valid EventBridge event pattern: {error.message} "
            '(send JSON text, URL-encoded, e.g. pattern={"detail-type":["OrderCreated"]})'
        ) from None
    return text


def _refuse_query(path: str, query: Query) -> None:
    if query:
        raise AdminInputError(
            f"{path} takes no query parameters (got {', '.join(sorted(query))}); filter /_mock/events"
        )


def _fault_specs(body: bytes) -> list[dict[str, Any]]:
    try:
        specs = json.loads(body) if body.strip() else None
    except ValueError:
        specs = None
    if not isinstance(specs, list) or not all(isinstance(spec, dict) for spec in specs):
        raise AdminInputError(f"POST /_mock/faults takes a JSON list of fault objects, e.g. {FAULTS_EXAMPLE}")
    return specs


# -- output --------------------------------------------------------------------------------------------------


def event_json(event: RecordedEvent) -> dict[str, Any]:
    """The event's envelope, as rule targets receive it, plus where the mock delivered it."""
    return {
        **event.envelope(),
        "delivered": event.delivered,
        "customer_account": event.customer_account,
        "event_bus_arn": event.event_bus_arn,
        "rules": list(event.rules),
        "partner_account": event.partner_account,
        "request_id": event.request_id,
        "attempt": event.attempt,
        "entry_index": event.entry_index,
    }


def rejection_json(rejection: Rejection) -> dict[str, Any]:
    return {
        "index": rejection.index,
        "entry": rejection.entry,
        "error_code": rejection.error_code,
        "error_message": rejection.error_message,
        "request_id": rejection.call.request_id,
        "attempt": rejection.call.attempt,
    }


def call_json(call: RecordedCall) -> dict[str, Any]:
    return {**asdict(call), "ok": call.ok}
