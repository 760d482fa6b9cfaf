"""The server's admin API under `/_mock/`: read what the mock recorded, change its faults, reset it.

Plain functions of (mock, method, path, query, body) -> (status, JSON text), so that this module knows
nothing about HTTP servers; `wsgi` turns the answer into a response. Every answer is built without recursion
(see `jsontext`): events from their Detail exactly as the publisher sent it, calls and rejections by an
encoder with an explicit stack. Admin input nested deeper than `MAX_INPUT_DEPTH` is a 400.

With contracts loaded, each event item carries its verdict (`contract`, see `contractview`); `/_mock/schemas`
lists the discovered schemas.

`/_mock/events`, `/_mock/rejected` and `/_mock/calls` answer a plain JSON array of everything; given `after`
or `limit` they answer one page instead (see `pages`): `{"generation", "items", "cursor", "dropped", "total"}`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._faults.plan import FaultHandle
from mock_partner_events._records.recorder import KINDS, Kind
from mock_partner_events._records.rows import RecordedCall, RecordedEvent, Rejection, envelope_of
from mock_partner_events._server.contractview import schema_json, verdict_reader
from mock_partner_events._server.jsontext import MAX_INPUT_DEPTH, dumps, input_depth
from mock_partner_events._server.pages import page
from mock_partner_events._wire.fastjson import dumps as fast_dumps

PREFIX = "/_mock/"
_ROWS_BETWEEN_PAUSES = 8  # records written between two pauses for other threads (about 0.5 ms of work)
T = TypeVar("T")
EVENT_CRITERIA = ("source", "detail_type", "account", "rule", "region", "delivered", "detail", "pattern")
FAULTS_EXAMPLE = '[{"fail_requests": {"error_code": "ThrottlingException", "times": 2}}]'
PAGE_SIZE = 500  # records in a page when `after` is given without `limit`
MAX_PAGE_SIZE = 2000
PAGING = ("after", "limit")
FAULT_PATH = "/_mock/faults/"
MAX_DETAIL_DEPTH = 200
"""A Detail nesting deeper is served as its text (a JSON string) with `"detail_as_text": true`: Python's `json`
reads about 990 levels at its default recursion limit and jq 1.6 stops at 256, while AWS accepts 1,023."""

Answer = tuple[int, str]
"""The status and the JSON text of the answer."""
Query = Mapping[str, list[str]]


class AdminInputError(Exception):
    """Admin input the server cannot use; the message says what to send instead."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def answer_admin(mock: PartnerEventsMock, method: str, path: str, query: Query, body: bytes) -> Answer:
    """The admin API's answer to one request; bad input is a 4xx with a message, never an exception."""
    path, argument = _split(path)
    routes = _ROUTES.get(path)
    if routes is None:
        known = ", ".join(sorted(route for route in _ROUTES if route != PREFIX))
        return message(404, f"no admin endpoint {path}; the endpoints are {known}")
    handler = routes.get(method)
    if handler is None:
        allowed = ", ".join(sorted(routes))
        return message(405, f"{path} answers {allowed}, not {method}")
    try:
        return handler(mock, query, body) if argument is None else _remove_fault(mock, argument)
    except AdminInputError as error:
        return message(error.status, error.message)
    except RecursionError:  # belt and braces: input depth is checked before it is used
        return message(400, f"the request nests too deeply; keep admin input under {MAX_INPUT_DEPTH} levels")


def changes_state(method: str, path: str) -> bool:
    """True for an admin endpoint that exists and changes the mock (needs a JSON content type)."""
    return method in _ROUTES.get(_split(path)[0], {}) and method in ("POST", "PUT", "PATCH", "DELETE")


def _split(path: str) -> tuple[str, str | None]:
    """`/_mock/faults/<id>` is the route DELETE /_mock/faults with the fault's id; other paths are routes."""
    if path.startswith(FAULT_PATH) and len(path) > len(FAULT_PATH):
        return "/_mock/faults", path[len(FAULT_PATH) :]
    return path, None


def message(status: int, text: str) -> Answer:
    """An answer carrying only a message, `{"message": "mock-partner-events: ..."}`."""
    return status, dumps({"message": f"mock-partner-events: {text}"})


def _health(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    """Counts per kind and the generation: a poller learns of new records and of a reset from this alone
    (held + dropped is the newest sequence number of a kind, `total` in a page), and of a change to the armed
    faults or the discovered schemas from `faults` and `schemas` (so the inbox fetches those only then)."""
    from mock_partner_events import __version__

    records = mock.recorder
    held = {kind: records.count(kind) for kind in KINDS}
    dropped = {kind: records.dropped(kind) for kind in KINDS}
    faults = mock.faults.handles
    return 200, dumps(
        {
            "status": "ok",
            "version": __version__,
            "generation": records.generation,
            "calls": held["calls"],
            "events": held["events"],
            "rejected": held["rejected"],
            "dropped": dropped,
            "max_events": mock.options.max_events,
            "faults": {
                "armed": len(faults),
                "fired": sum(handle.fired for handle in faults),
                "newest": faults[-1].id if faults else None,
            },
            "schemas": mock.discovered_schemas_signature(),
        }
    )


def _index(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    return 200, dumps({"endpoints": ENDPOINTS, "inbox": "/"})


def _events(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    verdict = verdict_reader(mock)
    if any(name in query for name in PAGING):
        return _page(mock, "events", query, paged_event_json, verdict)
    criteria = event_criteria(query)
    if verdict is None:
        return 200, _array(event_json(event) for event in mock.events.filter(**criteria))
    everything = mock.events
    index = {id(event): number for number, event in enumerate(everything)}
    found = everything.filter(**criteria)
    return 200, _array(event_json(event)[:-1] + verdict(index[id(event)], event) + "}" for event in found)


def _schemas(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    _refuse_query("/_mock/schemas", query)
    return 200, dumps([schema_json(schema) for schema in mock.discovered_schemas()])


def _rejected(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    if query:
        return _page(mock, "rejected", query, lambda item: dumps(rejection_json(item)))
    return 200, _array(dumps(rejection_json(item)) for item in mock.rejected)


def _calls(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    if query:
        return _page(mock, "calls", query, lambda call: dumps(call_json(call)))
    return 200, _array(dumps(call_json(call)) for call in mock.calls)


def _page(
    mock: PartnerEventsMock,
    kind: Kind,
    query: Query,
    write: Callable[[Any], str],
    more: Callable[[int, Any], str] | None = None,
) -> Answer:
    """One page of records, each with its sequence number `seq`, in the envelope that lets a reader continue;
    `more(index, record)` adds fields to each item (`,"name":value`)."""
    after, limit = _paging(f"/_mock/{kind}", query)
    found = page(mock, kind, after, limit)
    if more is None:
        items = _array('{"seq":' + str(seq) + "," + write(record)[1:] for seq, record in _yielding(found.items))
    else:
        items = _array(
            '{"seq":' + str(seq) + "," + write(record)[1:-1] + more(seq - 1, record) + "}"
            for seq, record in _yielding(found.items)
        )
    head = dumps({"generation": found.generation})[:-1]
    tail = dumps({"cursor": found.cursor, "dropped": found.dropped, "total": found.total})[1:]
    return 200, f'{head},"items":{items},{tail}'


def _yielding(items: Sequence[T]) -> Iterator[T]:
    """The items, letting other threads run every few of them: an inbox poll writes a page of records in the
    server's process, and without a pause a publisher's call could wait behind the whole page for the GIL (its
    p99 doubled with the page open at 40,000 events; benchmarks.inbox)."""
    for number, item in enumerate(items):
        if number % _ROWS_BETWEEN_PAUSES == _ROWS_BETWEEN_PAUSES - 1:
            time.sleep(0)  # releases the GIL: waiting publishers' threads run
        yield item


def _faults(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    _refuse_query("/_mock/faults", query)
    return 200, dumps([fault_json(handle) for handle in mock.faults.handles])


def _add_faults(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    specs = _fault_specs(body)
    try:
        handles = mock.faults.load(specs)
    except (TypeError, ValueError) as error:
        reason = str(error).removeprefix("mock-partner-events: ")
        raise AdminInputError(f"{reason}; send a JSON list such as {FAULTS_EXAMPLE}") from None
    return 200, dumps({"loaded": len(handles)})


def _remove_fault(mock: PartnerEventsMock, argument: str) -> Answer:
    for handle in mock.faults.handles:
        if str(handle.id) == argument:
            handle.remove()
            return 200, dumps({"removed": handle.id})
    known = ", ".join(str(handle.id) for handle in mock.faults.handles) or "none"
    raise AdminInputError(
        f"no armed fault has id {argument[:40]!r} (armed: {known}); GET /_mock/faults lists them", 404
    )


def _clear_faults(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    mock.faults.clear()
    return 200, dumps({"cleared": True})


def _reset(mock: PartnerEventsMock, query: Query, body: bytes) -> Answer:
    mock.reset()
    return 200, dumps({"reset": True})


_ROUTES: dict[str, dict[str, Callable[[PartnerEventsMock, Query, bytes], Answer]]] = {
    "/_mock/health": {"GET": _health},
    "/_mock/events": {"GET": _events},
    "/_mock/rejected": {"GET": _rejected},
    "/_mock/calls": {"GET": _calls},
    "/_mock/schemas": {"GET": _schemas},
    "/_mock/faults": {"GET": _faults, "POST": _add_faults, "DELETE": _clear_faults},
    "/_mock/reset": {"POST": _reset},
    "/_mock/": {"GET": _index},
}
ENDPOINTS = {
    "GET /_mock/health": "status, version, generation, counts held and dropped, faults and schemas changed",
    "GET /_mock/events": "accepted events; filters: " + ", ".join(EVENT_CRITERIA) + "; pages: after, limit",
    "GET /_mock/rejected": "rejected entries; pages: after, limit",
    "GET /_mock/calls": "every API call; pages: after, limit",
    "GET /_mock/schemas": "the schemas discoverers filed in discovered-schemas, every account and region",
    "GET /_mock/faults": "armed faults, each with its id",
    "POST /_mock/faults": "arm faults given as data, e.g. " + FAULTS_EXAMPLE,
    "DELETE /_mock/faults": "clear every fault (real delays in flight end at once)",
    "DELETE /_mock/faults/<id>": "remove one fault",
    "POST /_mock/reset": "forget records, faults and world",
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
    _refuse_deep("detail", text)
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

    _refuse_deep("pattern", text)
    try:
        compile_pattern(text)
    except InvalidEventPattern as error:
        raise AdminInputError(
            f"pattern is not a valid EventBridge event pattern: {error.message} "
            '(send JSON text, URL-encoded, e.g. pattern={"detail-type":["OrderCreated"]})'
        ) from None
    return text


def _paging(path: str, query: Query) -> tuple[int | None, int]:
    """`after` (a sequence number, 0 for the start; absent: the newest page) and `limit` from the query."""
    unknown = sorted(set(query) - set(PAGING))
    if unknown and path == "/_mock/events":
        raise AdminInputError(
            f"a page of /_mock/events takes after and limit only, not {', '.join(unknown)}; "
            "drop after and limit to filter"
        )
    if unknown:
        raise AdminInputError(
            f"{path} takes no query parameters (got {', '.join(unknown)}) but after and limit; filter /_mock/events"
        )
    after = _count(query, "after", None)
    limit = _count(query, "limit", PAGE_SIZE)
    if limit is None or not 1 <= limit <= MAX_PAGE_SIZE:
        raise AdminInputError(f"limit takes at most {MAX_PAGE_SIZE} records a page and at least 1, not {limit}")
    return after, limit


def _count(query: Query, name: str, default: int | None) -> int | None:
    values = query.get(name)
    if values is None:
        return default
    if len(values) != 1 or not values[0].isdigit() or len(values[0]) > 18:
        raise AdminInputError(f"{name} takes one whole number (a sequence number or a count), not {values!r}")
    return int(values[0])


def _refuse_query(path: str, query: Query) -> None:
    if query:
        raise AdminInputError(
            f"{path} takes no query parameters (got {', '.join(sorted(query))}); filter /_mock/events"
        )


def _refuse_deep(what: str, text: str | bytes) -> None:
    depth = input_depth(text)
    if depth > MAX_INPUT_DEPTH:
        raise AdminInputError(f"{what} nests {depth} levels deep; send at most {MAX_INPUT_DEPTH} levels")


def _fault_specs(body: bytes) -> list[dict[str, Any]]:
    _refuse_deep("the body of POST /_mock/faults", body)
    try:
        specs = json.loads(body) if body.strip() else None
    except ValueError:
        specs = None
    if not isinstance(specs, list) or not all(isinstance(spec, dict) for spec in specs):
        raise AdminInputError(f"POST /_mock/faults takes a JSON list of fault objects, e.g. {FAULTS_EXAMPLE}")
    return specs


# -- output --------------------------------------------------------------------------------------------------


def _array(items: Iterator[str]) -> str:
    return "[" + ",".join(items) + "]"


def event_json(event: RecordedEvent) -> str:
    """The event's envelope, as rule targets receive it, plus where the mock delivered it, as JSON text.

    The Detail goes in as the publisher sent it (it is a JSON object: the partner API checked that), so
    however deep it nests, and whatever numbers it holds (`1e400`), the text stays valid and unchanged.
    """
    envelope = envelope_of(
        event.event_id,
        event.source,
        event.detail_type,
        event.customer_account or event.partner_account,
        event.time,
        event.region,
        event.resources,
        {},
    )
    del envelope["detail"]
    where = {
        "delivered": event.delivered,
        "customer_account": event.customer_account,
        "event_bus_arn": event.event_bus_arn,
        "rules": list(event.rules),
        "partner_account": event.partner_account,
        "request_id": event.request_id,
        "attempt": event.attempt,
        "entry_index": event.entry_index,
    }
    return _fields(envelope)[:-1] + _detail(event.detail_json) + "," + _fields(where)[1:]


def paged_event_json(event: RecordedEvent) -> str:
    """`event_json` plus `detail_json`, the Detail's text exactly as sent (what the inbox's Detail filter reads)."""
    return event_json(event)[:-1] + ',"detail_json":' + _fields(event.detail_json) + "}"


def _fields(value: Any) -> str:
    """JSON text of an event's own fields (strings, booleans, whole numbers, lists of strings; never a float),
    by orjson where it takes them: an inbox poll writes pages of events in the publishers' process, and the
    standard library's encoder was most of a page's cost (benchmarks.inbox)."""
    return fast_dumps(value).decode()


def _detail(text: str) -> str:
    """`,"detail":` and the Detail as sent; nested deeper than MAX_DETAIL_DEPTH, as a string, flagged."""
    if text.count("{") + text.count("[") > MAX_DETAIL_DEPTH and input_depth(text) > MAX_DETAIL_DEPTH:
        return ',"detail":' + json.dumps(text) + ',"detail_as_text":true'
    return ',"detail":' + text


def fault_json(handle: FaultHandle) -> dict[str, Any]:
    return {"id": handle.id, "description": handle.description, "fired": handle.fired, "times": handle.times}


def rejection_json(rejection: Rejection) -> dict[str, Any]:
    return {
        "index": rejection.index,
        "entry": rejection.entry,
        "error_code": rejection.error_code,
        "error_message": rejection.error_message,
        "request_id": rejection.call.request_id,
        "attempt": rejection.call.attempt,
    }


_CALL_FIELDS = tuple(field.name for field in fields(RecordedCall))


def call_json(call: RecordedCall) -> dict[str, Any]:
    """The call's fields, one level deep (params and response are written by `dumps`, which does not recurse)."""
    return {**{name: getattr(call, name) for name in _CALL_FIELDS}, "ok": call.ok}
