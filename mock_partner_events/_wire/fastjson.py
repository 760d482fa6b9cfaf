"""JSON on the hot path: orjson when it is installed (a dependency on CPython), the standard library otherwise.

Callers use `fast_loads` only as a first try: whatever it refuses, or whatever it might read differently,
goes to the standard library's parser, which decides. The two agree on every document both accept except
one: orjson reads an integer beyond 64 bits as a float. `numbers_fit_int64` tells when a parsed value may
hold such a number.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is installed wherever the suite runs
    orjson = None  # type: ignore[assignment]

INT64 = range(-(2**63), 2**63)
_FLOAT_INT64_LIMIT = 2.0**63
_COMPACT = json.JSONEncoder(separators=(",", ":"))

fast_loads: Callable[[bytes | str], Any] | None = None if orjson is None else orjson.loads
"""orjson.loads (raising a ValueError for anything it refuses), or None without orjson."""


def dumps(payload: Any) -> bytes:
    """Compact JSON bytes (orjson's, when it takes the payload: it refuses lone surrogates and huge integers)."""
    if orjson is not None:
        try:
            return orjson.dumps(payload)
        except TypeError:  # orjson.JSONEncodeError
            pass
    return _COMPACT.encode(payload).encode()


def numbers_fit_int64(value: dict[str, Any] | list[Any]) -> bool:
    """Whether every integer in `value` fits a signed 64-bit integer and no float is large enough to have been
    read from an integer that does not (a walk without recursion: a Detail may nest 1,000 levels)."""
    pending: list[Any] = [value]
    while pending:
        container = pending.pop()
        for item in container.values() if type(container) is dict else container:
            kind = type(item)
            if kind is int:
                if item not in INT64:
                    return False
            elif kind is float:
                if not -_FLOAT_INT64_LIMIT < item < _FLOAT_INT64_LIMIT:
                    return False
            elif kind is dict or kind is list:
                pending.append(item)
    return True
