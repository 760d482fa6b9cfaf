"""The one door to schema inference for the Schemas API: the content GetDiscoveredSchema and discoverers produce.

The inference itself is AWS's discovery, in `_contracts.infer` (Java HashSet order of `required`, nested
components, the modelled choices); this module turns it into the API's `Content` text and its errors into AWS's.
"""

from __future__ import annotations

import json
from typing import Any, cast

from mock_partner_events._contracts.infer import SchemaType, infer_schema, schema_name
from mock_partner_events._service.schemas.errors import bad_request

__all__ = ["discovered_content", "schema_name"]


def discovered_content(events: list[str | dict[str, Any]], type: str) -> str:
    """The `Content` of the schema AWS discovers from `events` (JSON strings) as `type` (OpenApi3 or
    JSONSchemaDraft4); BadRequestException when an event is not a JSON object."""
    try:
        document = infer_schema(events, cast("SchemaType", type))
    except ValueError as error:
        raise bad_request(str(error).removeprefix("mock-partner-events: ")) from None
    return json.dumps(document, indent=2)
