"""ExportSchema's content: a registry schema as JSON Schema Draft 4 (a modelled choice).

AWS exports the JSON Schema of the event. A Draft 4 schema is exported as stored; an OpenAPI 3 one is translated
by the one OpenAPI -> Draft 4 translation the contracts use (`_contracts.documents.draft4_document`): its first
component (`AWSEvent` in a discovered schema) becomes the root, after `$schema` draft-04 and the `info.title`,
the other components go under `definitions` with every `$ref` pointed there, and `nullable: true` admits `null`.
So a discovered schema exports exactly as GetDiscoveredSchema gives it with `Type=JSONSchemaDraft4`.
"""

from __future__ import annotations

import json
from typing import Any

from mock_partner_events._contracts.documents import draft4_document
from mock_partner_events._service.schemas.errors import bad_request


def exported_content(content: str, type_: str) -> str:
    """The `Content` ExportSchema answers for a version's `content` of registry type `type_`."""
    return content if type_ == "JSONSchemaDraft4" else json.dumps(to_draft4(json.loads(content)))


def to_draft4(document: dict[str, Any]) -> dict[str, Any]:
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict) or not schemas or not isinstance(next(iter(schemas.values())), dict):
        raise bad_request("The schema has no components to export.")
    return draft4_document(document, next(iter(schemas)))
