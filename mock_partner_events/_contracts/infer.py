"""AWS's schema discovery: the document `GetDiscoveredSchema` returns for a list of events, key order kept.

Confirmed on AWS-produced examples (tests/data/discovered-schemas.json): an EventBridge envelope becomes an OpenAPI
3.0.0 document titled with the detail-type without non-alphanumerics, an `AWSEvent` component (the envelope, with
`x-amazon-events-detail-type` and `-source`, `detail` first and a `$ref` to the title's component), then the other
components; every key present is required, in Java HashSet order (javaset.py); `properties` are alphabetical;
`time` is a date-time string, large integers `integer`/`int64`, `null` `{}`, an empty array has object items; a
nested object becomes a `$ref` to a component named after its key with the first letter upper-cased; input that is
not an envelope becomes a generic `Event`. Everything else is in choices.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from mock_partner_events._contracts import choices
from mock_partner_events._contracts.documents import draft4_document, event_component, json_object
from mock_partner_events._contracts.javaset import discovery_required_order, java_sort_key

SchemaType = Literal["OpenApi3", "JSONSchemaDraft4"]
SCHEMA_TYPES: tuple[str, ...] = ("OpenApi3", "JSONSchemaDraft4")
ENVELOPE_COMPONENT = "AWSEvent"
GENERIC_COMPONENT = "Event"
_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")


@dataclass
class ObjectShape:
    """The keys seen in one or more objects, how often each was seen and how many objects were seen."""

    properties: dict[str, Shape] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    observations: int = 1


@dataclass
class ArrayShape:
    items: Shape | None  # None: only empty arrays were seen


Shape = ObjectShape | ArrayShape | dict[str, Any]  # a dict is the finished schema of a scalar or null


def component_name(text: str) -> str:
    """The title or component name AWS makes of a detail-type or key: non-alphanumerics removed, first letter up."""
    cleaned = _NOT_ALPHANUMERIC.sub("", text)
    return cleaned[:1].upper() + cleaned[1:]


def schema_name(source: str, detail_type: str) -> str:
    """The name discovery gives the schema in the `discovered-schemas` registry: `<source>@<Title>`."""
    return f"{source}@{component_name(detail_type)}"


def infer_schema(events: list[str | dict[str, Any]], type: SchemaType = "OpenApi3") -> dict[str, Any]:
    """The content `GetDiscoveredSchema` returns for these events (as a dict in AWS's key order).

    `events` are JSON strings (as `Events` takes them) or parsed objects. Several events are merged: the union of
    their keys, `required` only the keys every event had (a modelled choice).
    """
    if type not in SCHEMA_TYPES:
        raise ValueError(f"mock-partner-events: schema type must be one of {', '.join(SCHEMA_TYPES)}; got {type!r}.")
    parsed = [
        json_object(event, f"event {index}", "an EventBridge envelope or any object")
        for index, event in enumerate(events)
    ]
    if not parsed:
        raise ValueError("mock-partner-events: schema discovery needs at least one event; got none.")
    document = _openapi_document(parsed)
    return document if type == "OpenApi3" else to_draft4_form(document)


def is_envelope(event: dict[str, Any]) -> bool:
    """An EventBridge event as delivered: a string `detail-type` and `source`, and an object `detail`."""
    return (
        isinstance(event.get("detail-type"), str)
        and isinstance(event.get("source"), str)
        and isinstance(event.get("detail"), dict)
    )


def _openapi_document(events: list[dict[str, Any]]) -> dict[str, Any]:
    shape = _merge_all([observe(event) for event in events])
    assert isinstance(shape, ObjectShape)
    components: dict[str, ObjectShape] = {}
    if all(is_envelope(event) for event in events):
        title = component_name(events[0]["detail-type"]) or GENERIC_COMPONENT
        detail = shape.properties["detail"]
        assert isinstance(detail, ObjectShape)
        _collect(title, detail, components)
        rendered = {name: _render_object(part) for name, part in components.items()}
        schemas = {ENVELOPE_COMPONENT: _render_envelope(shape, events[0], title, components), **rendered}
    else:
        title = GENERIC_COMPONENT
        _collect(title, shape, components)
        schemas = {name: _render_object(part) for name, part in components.items()}
    return {
        "openapi": "3.0.0",
        "info": {"version": "1.0.0", "title": title},
        "paths": {},
        "components": {"schemas": schemas},
    }


# -- shapes: what the events contain, merged ------------------------------------------------------------------


def observe(value: Any) -> Shape:
    """The shape of one JSON value."""
    if isinstance(value, dict):
        return ObjectShape({key: observe(item) for key, item in value.items()}, dict.fromkeys(value, 1))
    if isinstance(value, list):
        return ArrayShape(_merge_all([observe(item) for item in value]) if value else None)
    return _scalar(value)


def _scalar(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, bool):
        return dict(choices.BOOLEAN)
    if isinstance(value, (int, float)):
        return choices.number_schema(value)
    if isinstance(value, str):
        return choices.string_schema(value)
    raise TypeError(f"mock-partner-events: a JSON value was expected; got {type(value).__name__}.")


def _merge_all(shapes: list[Shape]) -> Shape:
    merged = shapes[0]
    for shape in shapes[1:]:
        merged = merge(merged, shape)
    return merged


def merge(first: Shape, second: Shape) -> Shape:
    """One shape for two observations of the same key: objects unite, arrays merge items, scalars per choices."""
    if isinstance(first, ObjectShape) and isinstance(second, ObjectShape):
        properties = dict(first.properties)
        for key, shape in second.properties.items():
            properties[key] = merge(properties[key], shape) if key in properties else shape
        seen = {key: first.seen.get(key, 0) + second.seen.get(key, 0) for key in properties}
        return ObjectShape(properties, seen, first.observations + second.observations)
    if isinstance(first, ArrayShape) and isinstance(second, ArrayShape):
        if first.items is None or second.items is None:
            return ArrayShape(first.items if second.items is None else second.items)
        return ArrayShape(merge(first.items, second.items))
    if isinstance(first, dict) and isinstance(second, dict):
        return first if first == second else choices.merge_scalars(first, second)
    return {}


# -- rendering: components in AWS's order ---------------------------------------------------------------------


def _collect(name: str, shape: ObjectShape, components: dict[str, ObjectShape]) -> None:
    """Register the component `name` and, depth first in key order, the components of its nested objects."""
    components[name] = merge(components[name], shape) if name in components else shape  # type: ignore[assignment]
    for key in _alphabetical(shape.properties):
        _collect_nested(key, shape.properties[key], components)


def _collect_nested(key: str, shape: Shape | None, components: dict[str, ObjectShape]) -> None:
    if isinstance(shape, ObjectShape):
        _collect(component_name(key), shape, components)
    elif isinstance(shape, ArrayShape):
        _collect_nested(_item_key(key), shape.items, components)


def _item_key(key: str) -> str:
    return component_name(key) + choices.ARRAY_ITEM_SUFFIX


def _alphabetical(keys: dict[str, Any]) -> list[str]:
    return sorted(keys, key=java_sort_key)


def _required(shape: ObjectShape) -> list[str]:
    return discovery_required_order(key for key, count in shape.seen.items() if count == shape.observations)


def _render_object(shape: ObjectShape) -> dict[str, Any]:
    rendered: dict[str, Any] = {"type": "object"}
    required = _required(shape)
    if required or choices.EMPTY_OBJECT_HAS_REQUIRED:
        rendered["required"] = required
    rendered["properties"] = {
        key: _render_property(key, shape.properties[key]) for key in _alphabetical(shape.properties)
    }
    return rendered


def _render_property(key: str, shape: Shape | None) -> dict[str, Any]:
    if shape is None:
        return {"type": "object"}
    if isinstance(shape, ObjectShape):
        return {"$ref": f"#/components/schemas/{component_name(key)}"}
    if isinstance(shape, ArrayShape):
        return {"type": "array", "items": _render_property(_item_key(key), shape.items)}
    return dict(shape)


def _render_envelope(
    shape: ObjectShape, first: dict[str, Any], title: str, components: dict[str, ObjectShape]
) -> dict[str, Any]:
    """The AWSEvent component: `detail` first (a `$ref` to the title), then the other envelope keys."""
    others = [key for key in _alphabetical(shape.properties) if key != "detail"]
    for key in others:
        _collect_nested(key, shape.properties[key], components)
    properties = {"detail": {"$ref": f"#/components/schemas/{title}"}}
    properties.update({key: _render_property(key, shape.properties[key]) for key in others})
    if properties.get("time", {}).get("type") == "string":
        properties["time"] = {"type": "string", "format": "date-time"}
    return {
        "type": "object",
        "required": _required(shape),
        "x-amazon-events-detail-type": first["detail-type"],
        "x-amazon-events-source": first["source"],
        "properties": properties,
    }


# -- the JSONSchemaDraft4 form --------------------------------------------------------------------------------


def to_draft4_form(document: dict[str, Any]) -> dict[str, Any]:
    """The discovered OpenAPI document as JSON Schema Draft 4 (a modelled form: see choices.py), translated as
    ExportSchema translates a registry schema (`documents.draft4_document`)."""
    root_name = event_component(document)
    assert root_name is not None  # a discovered document has AWSEvent, or the title's component
    return draft4_document(document, root_name)
