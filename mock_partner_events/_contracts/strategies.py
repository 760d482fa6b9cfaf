"""Hypothesis strategies that draw event envelopes valid against a contract (for the customers' side).

Built here from the read Draft 4 form (documents.py) rather than with hypothesis-jsonschema: its latest release
(0.23.1) calls a private Hypothesis API that current Hypothesis no longer has. The builder covers what event
schemas use (types, nullable, `$ref`, properties and required, items, enum, formats date-time/date/int32/int64,
bounds, lengths, patterns, anyOf/oneOf/allOf); every drawn envelope is then checked by the contract's own
validator, so a keyword the builder ignores (`not`, `multipleOf`, `uniqueItems`...) filters instead of lying.
`detail-type` and `source` are drawn as the contract names them. hypothesis loads only when a strategy is built.
"""

from __future__ import annotations

from datetime import timezone
from typing import Any

from mock_partner_events._contracts.documents import read_schema
from mock_partner_events._contracts.errors import ContractError, require
from mock_partner_events._contracts.validate import CompiledSchema

_INT_BOUNDS = {"int32": 2**31, "int64": 2**63}
_MAX_DEPTH = 24
_SPAN = 5  # arrays and strings without a maximum are drawn up to this much longer than their minimum


def events_for(schema: str | dict[str, Any], *, detail_type: str | None = None, source: str | None = None) -> Any:
    """A strategy of envelopes (dicts) valid against `schema`; `detail_type` and `source` default to the schema's."""
    require("hypothesis", "drawing events from a contract")
    document = read_schema(schema)
    root = dict(document.root)
    properties = dict(root.get("properties", {}))
    for key, value in (("detail-type", detail_type or document.detail_type), ("source", source or document.source)):
        if value is not None and key in properties:
            properties[key] = {"enum": [value]}
    root["properties"] = properties
    compiled = CompiledSchema(document.root, "the schema")
    return _Builder(root).build(root, 0).filter(lambda envelope: not compiled.findings(envelope))


class _Builder:
    def __init__(self, root: dict[str, Any]) -> None:
        from hypothesis import strategies

        self._root = root
        self._st = strategies

    def build(self, schema: Any, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise ContractError("mock-partner-events: cannot draw events from a schema that requires itself.")
        schema = self._resolve(schema)
        st = self._st
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        for keyword in ("anyOf", "oneOf"):
            if isinstance(schema.get(keyword), list):
                return st.one_of([self.build(option, depth + 1) for option in schema[keyword]])
        if isinstance(schema.get("allOf"), list):
            return self.build(self._merged(schema), depth + 1)
        declared = schema.get("type")
        if declared is None:
            declared = "object" if "properties" in schema else "array" if "items" in schema else None
        if declared is None:
            return st.none() | st.booleans() | st.integers() | st.text(max_size=_SPAN)
        types = declared if isinstance(declared, list) else [declared]
        return st.one_of([self._typed(kind, schema, depth) for kind in types])

    def _typed(self, kind: str, schema: dict[str, Any], depth: int) -> Any:
        st = self._st
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            items = self.build(schema.get("items", {}), depth + 1)
            low = schema.get("minItems", 0)
            return st.lists(items, min_size=low, max_size=schema.get("maxItems", low + _SPAN))
        if kind == "string":
            return self._string(schema)
        if kind in ("integer", "number"):
            return self._number(kind, schema)
        return {"boolean": st.booleans(), "null": st.none()}.get(kind, st.nothing())

    def _object(self, schema: dict[str, Any], depth: int) -> Any:
        properties = schema.get("properties", {})
        required = [name for name in schema.get("required", []) if name in properties]
        return self._st.fixed_dictionaries(
            {name: self.build(properties[name], depth + 1) for name in required},
            optional={name: self.build(sub, depth + 1) for name, sub in properties.items() if name not in required},
        )

    def _string(self, schema: dict[str, Any]) -> Any:
        st = self._st
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.just(timezone.utc)).map(
                lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
            )
        if schema.get("format") == "date":
            return st.dates().map(lambda day: day.isoformat())
        if "pattern" in schema:
            return st.from_regex(schema["pattern"])
        low = schema.get("minLength", 0)
        return st.text(min_size=low, max_size=schema.get("maxLength", low + _SPAN))

    def _number(self, kind: str, schema: dict[str, Any]) -> Any:
        bound = _INT_BOUNDS.get(schema.get("format", ""))
        low = schema.get("minimum", -bound if bound else None)
        high = schema.get("maximum", bound - 1 if bound else None)
        integers = self._st.integers(
            None if low is None else int(low) + bool(schema.get("exclusiveMinimum")),
            None if high is None else int(high) - bool(schema.get("exclusiveMaximum")),
        )
        if kind == "integer":
            return integers
        floats = self._st.floats(
            low,
            high,
            allow_nan=False,
            allow_infinity=False,
            exclude_min=bool(schema.get("exclusiveMinimum")),
            exclude_max=bool(schema.get("exclusiveMaximum")),
        )
        return integers | floats

    def _resolve(self, schema: Any) -> dict[str, Any]:
        for _ in range(_MAX_DEPTH):
            if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
                break
            schema = _pointer(self._root, schema["$ref"])
        return schema if isinstance(schema, dict) else {}

    def _merged(self, schema: dict[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {key: value for key, value in schema.items() if key != "allOf"}
        for part in map(self._resolve, schema["allOf"]):
            merged["properties"] = {**merged.get("properties", {}), **part.get("properties", {})}
            merged["required"] = [*merged.get("required", []), *part.get("required", [])]
            merged.update({key: value for key, value in part.items() if key not in ("properties", "required")})
        return merged


def _pointer(root: dict[str, Any], ref: str) -> Any:
    node: Any = root
    for token in [part for part in ref.lstrip("#").split("/") if part]:
        node = node.get(token.replace("~1", "/").replace("~0", "~"), {}) if isinstance(node, dict) else {}
    return node
