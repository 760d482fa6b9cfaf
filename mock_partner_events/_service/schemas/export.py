"""ExportSchema's conversion of an OpenAPI 3 registry schema to JSON Schema Draft 4 (a modelled choice).

AWS exports the JSON Schema of the event: the first component (`AWSEvent` for a discovered schema) becomes the
root, with `$schema` draft-04, the other components under `definitions` and every `$ref` pointed there; OpenAPI's
`nullable: true` becomes a type that also admits `null`.
TODO(issue 17, merge): use `_contracts.documents.openapi_to_draft4` / `_contracts.infer.to_draft4_form` instead.
"""

from __future__ import annotations

from typing import Any

from mock_partner_events._service.schemas.errors import bad_request

DRAFT4 = "http://json-schema.org/draft-04/schema#"


def to_draft4(document: dict[str, Any]) -> dict[str, Any]:
    schemas = (document.get("components") or {}).get("schemas") or {}
    if not isinstance(schemas, dict) or not schemas:
        raise bad_request("The schema has no components to export.")
    root_name, *_ = schemas
    root = _translated(schemas[root_name])
    others = {name: _translated(part) for name, part in schemas.items() if name != root_name}
    exported = {"$schema": DRAFT4, **root}
    if others:
        exported["definitions"] = others
    return exported


def _translated(value: Any) -> Any:
    if isinstance(value, list):
        return [_translated(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {key: _translated(item) for key, item in value.items() if key != "nullable"}
    if isinstance(result.get("$ref"), str):
        result["$ref"] = result["$ref"].replace("#/components/schemas/", "#/definitions/")
    if value.get("nullable") is True and isinstance(result.get("type"), str):
        result["type"] = [result["type"], "null"]
    return result
