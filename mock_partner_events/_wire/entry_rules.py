"""PutPartnerEvents' own rules, beyond the model: the size formula and the per-entry checks.

The per-entry checks run in the order AWS's parity implementations use (Source, DetailType, Detail presence,
DetailType length, Detail JSON); the first one that fails decides the entry's ErrorCode and ErrorMessage.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mock_partner_events._wire.fastjson import INT64, fast_loads, numbers_fit_int64
from mock_partner_events._wire.utf16 import length_within

TIME_BYTES = 14
MAX_DETAIL_TYPE_LENGTH = 128
EntryError = tuple[str, str]


def entry_size(entry: Mapping[str, Any]) -> int:
    """AWS's published formula: 14 bytes for a Time, UTF-8 bytes of Source, DetailType, Detail, Resources."""
    size = TIME_BYTES if entry.get("Time") is not None else 0
    for key in ("Source", "DetailType", "Detail"):
        value = entry.get(key)
        if isinstance(value, str):
            size += len(value) if value.isascii() else _utf8_length(value)  # isascii() costs nothing
    for resource in entry.get("Resources") or ():
        if isinstance(resource, str):
            size += len(resource) if resource.isascii() else _utf8_length(resource)
    return size


def _utf8_length(text: str) -> int:
    """UTF-8 bytes; a lone surrogate (JSON allows the escape "\\ud800") counts its 3 encoded bytes."""
    return len(text.encode("utf-8", "surrogatepass"))


def request_size(entries: Sequence[Mapping[str, Any]]) -> int:
    return sum(entry_size(entry) for entry in entries)


def check_entry(entry: Mapping[str, Any]) -> dict[str, Any] | EntryError:
    """The parsed Detail of a well-formed entry, or the (ErrorCode, ErrorMessage) of the first rule it breaks."""
    for key in ("Source", "DetailType", "Detail"):
        if not entry.get(key):
            return "InvalidArgument", f"Parameter {key} is not valid. Reason: {key} is a required argument."
    detail_type = entry["DetailType"]  # at most 128 UTF-16 units (AWS's count); 64 code points are always fine
    if len(detail_type) > MAX_DETAIL_TYPE_LENGTH // 2 and not length_within(detail_type, 0, MAX_DETAIL_TYPE_LENGTH):
        return "InvalidArgument", (
            "Parameter DetailType is not valid. Reason: DetailType must be at most "
            f"{MAX_DETAIL_TYPE_LENGTH} characters long."
        )
    detail = parse_detail(entry["Detail"])
    return ("MalformedDetail", "Detail is malformed.") if detail is None else detail


def parse_detail(text: str) -> dict[str, Any] | None:
    """The Detail as a JSON object, or None where AWS answers MalformedDetail.

    AWS's parser refuses NaN/Infinity, integers outside the signed 64-bit range and very deep nesting;
    anything but an object is refused too. The fast parser's object is taken when its numbers cannot hide a
    64-bit overflow; everything else is decided by the standard library's parser.
    """
    if fast_loads is not None:
        try:
            value = fast_loads(text)
        except ValueError:
            return _parse_detail_exactly(text)
        if type(value) is not dict:
            return None  # valid JSON but not an object: the exact parser would not make it one
        return value if numbers_fit_int64(value) else _parse_detail_exactly(text)
    return _parse_detail_exactly(text)


def _parse_detail_exactly(text: str) -> dict[str, Any] | None:
    try:
        if text[:1] == "{":  # the usual Detail: scan the object directly, skipping decode()'s whitespace regexes
            value, end = _scan_detail(text, 0)
            if end != len(text) and not text[end:].isspace():
                return None
        else:
            value = _DETAIL_DECODER.decode(text)
    except (ValueError, RecursionError, StopIteration):  # StopIteration: scan_once found no value
        return None
    return value if isinstance(value, dict) else None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _int64(text: str) -> int:
    number = int(text)
    if number not in INT64:
        raise ValueError("integer outside the signed 64-bit range")
    return number


# Built once: json.loads with hooks would build a new decoder for every Detail (most of its cost).
_DETAIL_DECODER = json.JSONDecoder(parse_constant=_refuse_constant, parse_int=_int64)
# One JSON value at an index: what decode() runs inside (typeshed does not declare the attribute).
_scan_detail: Callable[[str, int], tuple[Any, int]] = _DETAIL_DECODER.scan_once  # type: ignore[attr-defined]
