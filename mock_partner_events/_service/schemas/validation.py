"""The model check every Schemas request passes before its operation runs: botocore's model rules, compiled once
by `_wire.model_rules` (the same compiler and rule as EventBridge's), answered as the Schemas API answers.

Checked: required members, lengths (`Content` 1-100,000, `Events` 1-10 strings of 1-100,000, `Description` up to
256, `SourceArn` 20-1,600), the `Type` enum and JSON types. Every violation is listed in one BadRequestException
(400), worded as Coral words it, with each member named as the wire names it (a modelled choice: AWS's wording for
the Schemas API is unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mock_partner_events._service.schemas.errors import bad_request
from mock_partner_events._wire.model_rules import check_input


def check(operation: str, params: dict[str, Any], exact: Callable[[], dict[str, Any]] | None = None) -> None:
    """Raise BadRequestException when `params` break the model's constraints for `operation`."""
    check_input(operation, params, exact, service="schemas", refuse=bad_request)
