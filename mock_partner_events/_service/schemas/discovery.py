"""The one door to schema inference: the content GetDiscoveredSchema and discoverers produce from events.

TODO(issue 17, merge): replace the stand-in below with `mock_partner_events._contracts.infer.infer_schema(events,
type)` (and `schema_name` with `_contracts.infer.schema_name`), which follows AWS's discovery rules exactly (Java
HashSet order of `required`, nested components, the modelled choices). The stand-in only gets the frame right:
the OpenAPI 3.0.0 document, its title, the `AWSEvent` envelope component and the detail's top-level properties.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mock_partner_events._service.schemas.errors import bad_request

_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")
_ENVELOPE = ("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail")
_DRAFT4 = "http://json-schema.org/draft-04/schema#"


def discovered_content(events: list[str], type: str) -> str:
    """The `Content` of the schema AWS discovers from `events` (JSON strings) as `type` (OpenApi3 or
    JSONSchemaDraft4); BadRequestException when an event is not a JSON object."""
    parsed = [_parse(event) for event in events]
    document = _openapi(_merged(parsed))
    return json.dumps(document if type == "OpenApi3" else _draft4(document), indent=2)


def component_name(text: str) -> str:
    cleaned = _NOT_ALPHANUMERIC.sub("", text)
    return cleaned[:1].upper() + cleaned[1:]


def schema_name(source: str, detail_type: str) -> str:
    """The name discovery gives a schema in `discovered-schemas`: `<source>@<DetailTypeWithoutNonAlphanumerics>`."""
    return f"{source}@{component_name(detail_type)}"


def _parse(event: str) -> dict[str, Any]:
    try:
        value = json.loads(event)
    except ValueError:
        raise bad_request("Event is not valid JSON.") from None
    if not isinstance(value, dict):
        raise bad_request("Event must be a JSON object.")
    return value


def _merged(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The first event, its detail holding every detail key any event had (the stand-in's only merge)."""
    first = dict(events[0])
    details = [event["detail"] for event in events if isinstance(event.get("detail"), dict)]
    if isinstance(first.get("detail"), dict):
        first["detail"] = {key: value for detail in reversed(details) for key, value in detail.items()}
    return first


def _openapi(event: dict[str, Any]) -> dict[str, Any]:
    envelope = isinstance(event.get("detail"), dict) and all(key in event for key in ("detail-type", "source"))
    title = (component_name(str(event["detail-type"])) or "Event") if envelope else "Event"
    schemas: dict[str, Any] = {}
    if envelope:
        properties = {key: _scalar(event[key]) for key in sorted(event) if key != "detail"}
        properties["detail"] = {"$ref": f"#/components/schemas/{title}"}
        if "time" in properties:
            properties["time"] = {"type": "string", "format": "date-time"}
        schemas["AWSEvent"] = {
            "type": "object",
            "required": sorted(event),
            "x-amazon-events-detail-type": event["detail-type"],
            "x-amazon-events-source": event["source"],
            "properties": dict(sorted(properties.items())),
        }
        event = event["detail"]
    schemas[title] = {
        "type": "object",
        "required": sorted(event),
        "properties": {key: _scalar(event[key]) for key in sorted(event)},
    }
    return {
        "openapi": "3.0.0",
        "info": {"version": "1.0.0", "title": title},
        "paths": {},
        "components": {"schemas": schemas},
    }


def _scalar(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer", "format": "int64"} if abs(value) > 2**31 - 1 else {"type": "number"}
    if isinstance(value, float):
        return {"type": "number"}
    if isinstance(value, list):
        return {"type": "array", "items": _scalar(value[0]) if value else {"type": "object"}}
    if isinstance(value, dict):
        return {"type": "object"}
    return {"type": "string"}


def _draft4(document: dict[str, Any]) -> dict[str, Any]:
    """The Draft 4 form: the first component as the root, the others under `definitions`."""
    schemas = dict(document["components"]["schemas"])
    root_name = next(iter(schemas))
    root = schemas.pop(root_name)
    text = json.dumps({"$schema": _DRAFT4, **root, "definitions": schemas} if schemas else {"$schema": _DRAFT4, **root})
    return dict(json.loads(text.replace("#/components/schemas/", "#/definitions/")))
