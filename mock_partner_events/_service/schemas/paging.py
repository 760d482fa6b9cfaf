"""Pages of a list answer: `Limit` items from where `NextToken` points; the token is opaque to callers."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Any, TypeVar

from mock_partner_events._service.schemas.errors import bad_request

T = TypeVar("T")
DEFAULT_LIMIT = 100


def page(items: Sequence[T], params: dict[str, Any]) -> tuple[Sequence[T], str | None]:
    """The items of the page `params` asks for, and the token of the next page (None on the last)."""
    limit = params.get("Limit") or DEFAULT_LIMIT
    if limit < 1:
        raise bad_request(f"limit must be at least 1, got {limit}.")
    start = _offset(params.get("NextToken"))
    end = start + limit
    return items[start:end], _token(end) if end < len(items) else None


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"mpe:{offset}".encode()).decode()


def _offset(token: str | None) -> int:
    if not token:
        return 0
    try:
        text = base64.urlsafe_b64decode(token.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    prefix, _, number = text.partition(":")
    if prefix != "mpe" or not number.isdigit():
        raise bad_request("Invalid NextToken.")
    return int(number)
