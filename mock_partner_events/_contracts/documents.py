"""Schema documents as users hand them over, read into one form: a JSON Schema Draft 4 root with `definitions`.

Accepted: an OpenAPI 3.0 document (registry type `OpenApi3`), a JSON Schema Draft 4 document (`JSONSchemaDraft4`),
either as a dict or a JSON string, or a DescribeSchema / ExportSchema response whose `Content` is one of them. The
OpenAPI form is translated: the envelope component (`AWSEvent`, else the component named by `info.title`, else the
only one) becomes the root, every component a definition, `#/components/schemas/X` refs point to `#/definitions/X`,
and OpenAPI 3.0's `nullable: true` admits `null`. Checks, the diff and generated events all read this one form.

The same translation makes the Draft 4 documents the Schemas API hands out (`draft4_document`): ExportSchema's
content and discovery's `JSONSchemaDraft4` form.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from mock_partner_events._contracts.choices import DRAFT4_SCHEMA_URI
from mock_partner_events._contracts.errors import ContractError

SCHEMA_FORMS = "an OpenAPI 3 or JSON Schema Draft 4 document"
OPENAPI_REF = "#/components/schemas/"
DRAFT4_REF = "#/definitions/"
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "definitions")


@dataclass(frozen=True)
class SchemaDocument:
    """A contract's schema, read: `root` validates a whole envelope; detail-type and source as the schema says."""

    type: str  # "OpenApi3" or "JSONSchemaDraft4"
    root: dict[str, Any]
    detail_type: str | None
    source: str | None
    title: str


def read_schema(schema: str | dict[str, Any], origin: str = "the schema") -> SchemaDocument:
    """Read a schema in any accepted form; ContractError (naming `origin`) when it is none of them."""
    document = json_object(schema, origin, f"{SCHEMA_FORMS}, or a DescribeSchema response")
    declared = document.get("Type")
    if isinstance(document.get("Content"), str):  # a DescribeSchema / ExportSchema response
        document = json_object(document["Content"], f"{origin} (its Content)", SCHEMA_FORMS)
    if "openapi" in document:
        if declared not in (None, "OpenApi3"):
            raise ContractError(f"mock-partner-events: {origin} says Type {declared!r} but holds an OpenAPI document.")
        root = _openapi_root(document, origin)
        kind = "OpenApi3"
    else:
        root = copy.deepcopy(document)
        kind = "JSONSchemaDraft4"
    title = _title(document) if kind == "OpenApi3" else document.get("title")
    detail_type = root.get("x-amazon-events-detail-type")
    source = root.get("x-amazon-events-source")
    return SchemaDocument(
        kind,
        root,
        detail_type if isinstance(detail_type, str) else None,
        source if isinstance(source, str) else None,
        title if isinstance(title, str) else "",
    )


def json_object(value: Any, origin: str, expected: str) -> dict[str, Any]:
    """`value` as a JSON object: parsed when it is JSON text, else taken as it is; ContractError (a ValueError)
    naming `origin` and what was `expected` of it when it is not JSON or not an object."""
    if isinstance(value, (str, bytes)):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise ContractError(
                f"mock-partner-events: {origin} is not valid JSON ({error}); pass a JSON object ({expected})."
            ) from None
    if not isinstance(value, dict):
        raise ContractError(
            f"mock-partner-events: {origin} is a JSON {type(value).__name__}, expected a JSON object ({expected})."
        )
    return value


def _openapi_root(document: dict[str, Any], origin: str) -> dict[str, Any]:
    schemas = document.get("components", {}).get("schemas")
    if not isinstance(schemas, dict) or not schemas:
        raise ContractError(f"mock-partner-events: {origin} is an OpenAPI document without components.schemas.")
    root_name = event_component(document)
    if root_name is None:
        raise ContractError(
            f"mock-partner-events: {origin} has no AWSEvent component and no component named after info.title, "
            f"so which of {', '.join(schemas)} describes the event is unclear; add an AWSEvent component."
        )
    definitions = {name: openapi_to_draft4(schema) for name, schema in schemas.items()}
    return {**definitions[root_name], "definitions": definitions}


def event_component(document: dict[str, Any]) -> str | None:
    """The component of an OpenAPI document that describes the whole event: `AWSEvent`, else the one named by
    `info.title`, else the only one; None when that is unclear."""
    schemas = document["components"]["schemas"]
    title = _title(document)
    if "AWSEvent" in schemas:
        return "AWSEvent"
    if title in schemas:
        return title
    return next(iter(schemas)) if len(schemas) == 1 else None


def draft4_document(document: dict[str, Any], root_name: str) -> dict[str, Any]:
    """An OpenAPI 3.0 document as one JSON Schema Draft 4 document: `$schema` (draft-04), `title` (`info.title`,
    when it has one), the `root_name` component's own keys, then the other components under `definitions`, each
    translated by `openapi_to_draft4`."""
    schemas: dict[str, Any] = document["components"]["schemas"]
    title = _title(document)
    result: dict[str, Any] = {"$schema": DRAFT4_SCHEMA_URI, **({"title": title} if title is not None else {})}
    result.update(openapi_to_draft4(schemas[root_name]))
    definitions = {name: openapi_to_draft4(schema) for name, schema in schemas.items() if name != root_name}
    if definitions:
        result["definitions"] = definitions
    return result


def _title(document: dict[str, Any]) -> str | None:
    info = document.get("info")
    title = info.get("title") if isinstance(info, dict) else None
    return title if isinstance(title, str) else None


def openapi_to_draft4(schema: Any) -> Any:
    """One OpenAPI 3.0 schema object as Draft 4: refs to definitions, `nullable: true` admitting null."""
    if not isinstance(schema, dict):
        return schema
    result = {key: _translate_member(key, value) for key, value in schema.items() if key != "nullable"}
    if schema.get("nullable") is True:
        return _admit_null(result)
    return result


def _translate_member(key: str, value: Any) -> Any:
    if key == "$ref" and isinstance(value, str) and value.startswith(OPENAPI_REF):
        return DRAFT4_REF + value[len(OPENAPI_REF) :]
    if key in _SUBSCHEMA_MAPS and isinstance(value, dict):
        return {name: openapi_to_draft4(item) for name, item in value.items()}
    if key in _SUBSCHEMA_LISTS and isinstance(value, list):
        return [openapi_to_draft4(item) for item in value]
    if key in ("items", "additionalProperties", "not"):
        return openapi_to_draft4(value)
    return value


def _admit_null(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*types, "null"] if "null" not in types else types
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema
