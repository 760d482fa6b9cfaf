"""A lower bound for the core benchmark: the least a mock that checks and records what this one does must spend.

`bare(client)` registers one `before-send` handler that does, for a valid PutPartnerEvents request, the work the
mock's fast path does, written as one function with nothing else: read the caller from the signature, parse the
body (orjson), check every entry against the model (types, Source length and pattern, Resources lengths) and the
entry rules (presence, DetailType length, Detail a JSON object within int64), give each entry a version-4 UUID,
keep one compact row per event and one record per call, and answer. It has no faults, no lifecycle, no error
messages and no abstractions: nobody could maintain it as the mock, which is why it only lives here. The gap
between it and the floor is what reading, checking and recording cost in CPython, whatever the design.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from botocore.awsrequest import AWSResponse

from benchmarks._handlers import answering, json_response
from mock_partner_events._wire.fastjson import dumps, fast_loads, numbers_fit_int64

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/")
_SOURCE = re.compile(r"aws\.partner(/[\.\-_A-Za-z0-9]+){2,}").fullmatch
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}
_MALFORMED = {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
_loads = fast_loads or json.loads


@contextmanager
def bare(client: Any) -> Iterator[None]:
    rows: list[tuple[Any, ...]] = []
    calls: list[tuple[Any, ...]] = []
    state = _State()

    def answer(request: Any, **kwargs: Any) -> AWSResponse | None:
        if request.headers.get("X-Amz-Target") != b"AWSEvents.PutPartnerEvents":
            return None
        authorization = request.headers.get("Authorization")
        found = _CREDENTIAL.search(authorization.decode() if isinstance(authorization, bytes) else authorization)
        with state.lock:
            params = _loads(request.body)
            results = _put(state, params["Entries"], found.group(2) if found else "us-east-1", rows)
            payload = {"FailedEntryCount": sum("ErrorCode" in result for result in results), "Entries": results}
            body = dumps(payload)
            calls.append(("PutPartnerEvents", params, found.group(1) if found else None, 200, payload))
        return json_response(request.url, body)

    with answering(client, answer, "benchmark-bare"):
        yield


class _State:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.bits = random.Random().getrandbits
        self.valid_sources: set[str] = set()
        self.routes: dict[str, tuple[str, str, str]] = {}


def _put(state: _State, entries: list[Any], region: str, rows: list[tuple[Any, ...]]) -> list[dict[str, str]]:
    if not 1 <= len(entries) <= 20:
        raise ValueError("the benchmark sends valid requests only")
    details = [_checked_detail(state, entry) for entry in entries]
    call_time = datetime.fromtimestamp(int(time.time()), timezone.utc)
    text = f"{state.bits(128 * len(entries)):0{32 * len(entries)}x}"
    results: list[dict[str, str]] = []
    for index, entry in enumerate(entries):
        if details[index] is None:
            results.append(_MALFORMED)
            continue
        at = 32 * index
        event_id = (
            f"{text[at : at + 8]}-{text[at + 8 : at + 12]}-4{text[at + 13 : at + 16]}-"
            f"{_VARIANT[text[at + 16]]}{text[at + 17 : at + 20]}-{text[at + 20 : at + 32]}"
        )
        source = entry["Source"]
        route = state.routes.get(source) or state.routes.setdefault(source, _route(source, region))
        resources = tuple(entry["Resources"]) if entry.get("Resources") else ()
        rows.append((event_id, source, entry["DetailType"], entry["Detail"], resources, call_time, region, *route))
        results.append({"EventId": event_id})
    return results


def _checked_detail(state: _State, entry: Any) -> dict[str, Any] | None:
    if type(entry) is not dict:
        raise ValueError("the benchmark sends valid requests only")
    source, detail_type, detail = entry.get("Source"), entry.get("DetailType"), entry.get("Detail")
    if source is not None and source not in state.valid_sources:
        if not (type(source) is str and 1 <= len(source) <= 256 and _SOURCE(source)):
            raise ValueError("the benchmark sends valid requests only")
        state.valid_sources.add(source)
    resources, when = entry.get("Resources"), entry.get("Time")
    if resources is not None and not all(type(item) is str and len(item) <= 2048 for item in resources):
        raise ValueError("the benchmark sends valid requests only")
    if when is not None and type(when) not in (int, float):
        raise ValueError("the benchmark sends valid requests only")
    if not (type(detail_type) is str and type(detail) is str and source and detail_type and detail):
        return None
    if len(detail_type) > 128:
        return None
    value = _loads(detail)
    return value if type(value) is dict and numbers_fit_int64(value) else None


def _route(source: str, region: str) -> tuple[str, str, str]:
    customer = "111122223333"
    return ("123456789012", customer, f"arn:aws:events:{region}:{customer}:event-bus/{source}")
