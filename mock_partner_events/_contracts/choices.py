"""The inference rules AWS's published examples do not settle, in one place so a recorded example can correct them.

Every rule here is a modelled choice, listed with its reasoning in docs/reference/modelled-choices.md
("Schema discovery"). The confirmed rules (envelope, `required` order, `time`, large integers, `null`, empty arrays,
nested objects) live in infer.py.

Indirect evidence: code bindings AWS generated for a discovered schema type ISO 8601 strings inside the detail as
date-times, integers that fit in 32 bits as `number` (Java `Double`), larger ones `integer`/`int64` (`Long`),
decimals `number` and booleans `boolean`.
"""

from __future__ import annotations

import re
from typing import Any

# An integer that fits in a Java int is typed like a decimal (code-binding evidence); a larger one is confirmed.
SMALL_INTEGER: dict[str, Any] = {"type": "number"}
LARGE_INTEGER: dict[str, Any] = {"type": "integer", "format": "int64"}  # confirmed (1551225146847)
INT32_RANGE = (-(2**31), 2**31 - 1)
DECIMAL: dict[str, Any] = {"type": "number"}
BOOLEAN: dict[str, Any] = {"type": "boolean"}

# An ISO 8601 date-time string inside the detail gets `format: date-time` (the envelope's `time` is confirmed).
ISO_STRINGS_ARE_DATE_TIME = True
_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z")

# The component of an array's object items: the key's component name plus this suffix (`lines` -> `LinesItem`).
ARRAY_ITEM_SUFFIX = "Item"

# An object with no keys: no `required` (OpenAPI 3.0 and Draft 4 forbid an empty one), `properties` kept empty.
EMPTY_OBJECT_HAS_REQUIRED = False

# Two nested objects under the same key name share one component, the union of both (as several events merge).
# Several events: properties are the union, `required` the keys every event had; see merge() in infer.py.

# The JSONSchemaDraft4 form: the OpenAPI document's envelope component at the root, after `$schema` and `title`,
# the other components under `definitions` (at the end) and `$ref`s pointing there.
DRAFT4_SCHEMA_URI = "http://json-schema.org/draft-04/schema#"


def string_schema(value: str) -> dict[str, Any]:
    """A string in the detail: a date-time when it reads as ISO 8601 with a time zone, a plain string otherwise."""
    if ISO_STRINGS_ARE_DATE_TIME and _ISO_DATE_TIME.match(value):
        return {"type": "string", "format": "date-time"}
    return {"type": "string"}


def number_schema(value: int | float) -> dict[str, Any]:
    """A JSON number: integers outside Java's int range are int64 (confirmed), the rest are modelled."""
    if isinstance(value, float):
        return dict(DECIMAL)
    low, high = INT32_RANGE
    return dict(SMALL_INTEGER) if low <= value <= high else dict(LARGE_INTEGER)


def merge_scalars(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Two different non-object schemas for one key across events (or array items).

    Numbers widen to `number`, strings lose a format only one of them had, and anything else (including `null`,
    which is `{}`) becomes `{}`: no constraint, so the merged schema never refuses an event it was inferred from.
    """
    types = {first.get("type"), second.get("type")}
    if types <= {"integer", "number"}:
        return {"type": "number"}
    if types == {"string"}:
        return {"type": "string"}
    return {}
