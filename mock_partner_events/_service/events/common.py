"""What the control-plane operations share: AWS's errors and messages, paging tokens, lookups by caller.

Every message for a resource the caller cannot see is the one for a resource that does not exist: AWS never
tells one account about another account's sources or buses.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any, TypeVar

from mock_partner_events._service.context import CallContext
from mock_partner_events._wire.protocol import AwsError
from mock_partner_events._world.model import DEFAULT_BUS, PartnerSource

T = TypeVar("T")
MAX_PAGE = 100
_BUS_ARN_MARKER = ":event-bus/"


def not_found(message: str) -> AwsError:
    return AwsError("ResourceNotFoundException", message)


def already_exists(message: str) -> AwsError:
    return AwsError("ResourceAlreadyExistsException", message)


def invalid_state(message: str) -> AwsError:
    return AwsError("InvalidStateException", message)


def source_not_found(name: str) -> AwsError:
    return not_found(f"Event source {name} does not exist.")


def bus_not_found(name: str) -> AwsError:
    return not_found(f"Event bus {name} does not exist.")


def rule_not_found(rule: str, bus: str) -> AwsError:
    return not_found(f"Rule {rule} does not exist on EventBus {bus}.")


def epoch(seconds: float) -> float:
    """A timestamp as AWS JSON 1.1 sends it: epoch seconds, millisecond precision."""
    return round(seconds, 3)


# -- who may see which source ----------------------------------------------------------------------------


def partner_source(context: CallContext, name: str) -> PartnerSource:
    """A source the calling partner created (any state), or ResourceNotFoundException."""
    source = context.world.source(context.region, name, context.now)
    if source is None or source.partner_account != context.account:
        raise source_not_found(name)
    return source


def customer_source(context: CallContext, name: str) -> PartnerSource | None:
    """A source addressed to the calling customer account, or None: other accounts' sources do not exist."""
    source = context.world.source(context.region, name, context.now)
    return source if source is not None and source.customer_account == context.account else None


def bus_name(value: str | None) -> str:
    """The bus a name or bus ARN refers to (`default` when absent)."""
    if not value:
        return DEFAULT_BUS
    _, marker, name = value.partition(_BUS_ARN_MARKER)
    return name if marker else value


def bus_owner(context: CallContext, value: str | None) -> str:
    """The account an EventBusName addresses: the ARN's account, else the caller's."""
    if value and _BUS_ARN_MARKER in value:
        return value.split(":")[4]
    return context.account


# -- paging ----------------------------------------------------------------------------------------------


def page(operation: str, items: Sequence[T], params: dict[str, Any]) -> tuple[list[T], str | None]:
    """One page of `items` from NextToken on, at most Limit long, and the token for the next page if any."""
    start = _token_offset(operation, params.get("NextToken"), len(items))
    end = start + int(params.get("Limit") or MAX_PAGE)
    next_token = _token_for(operation, end) if end < len(items) else None
    return list(items[start:end]), next_token


def with_token(response: dict[str, Any], next_token: str | None) -> dict[str, Any]:
    if next_token is not None:
        response["NextToken"] = next_token
    return response


def _token_for(operation: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{operation}:{offset}".encode()).decode()


def _token_offset(operation: str, token: str | None, size: int) -> int:
    """Where a NextToken points; a token this operation did not hand out is AWS's documented InvalidToken."""
    if token is None:
        return 0
    try:
        named, _, offset = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if named == operation and offset.isdigit():
            return min(int(offset), size)
    except ValueError:
        pass
    raise AwsError("InvalidToken", f"The NextToken {token!r} is not valid or has expired.")
