"""moto's stubber as a transport: requests that reach moto's before-send stubber, or its `responses` callback for
`requests` callers, are answered by the active mock when the one dispatch decision says so.

botocore calls every before-send handler, even after one has answered, so moto would otherwise also run
PutPartnerEvents and fail; moto answers `requests` calls through its own `responses` mock, and ours must answer the
partner ones there. Checked against moto 5.2.5 (tests/integrations/test_moto_internals.py), with the
same version rule as moto's integration (`compat.require_moto_version`).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from mock_partner_events._core import activation
from mock_partner_events._core.compat import require, require_moto_version, version_of
from mock_partner_events._transports.dispatch import Route, route_request

_GUARD_FLAG = "_mock_partner_events_guard"


def hook_stubber(models: ModuleType) -> None:
    require_moto_version(version_of("moto"))
    require(models, "botocore_stubber.enabled", "DEFAULT_ACCOUNT_ID")
    stubber_class = type(models.botocore_stubber)
    require(stubber_class, "__call__", "process_prepared_request")
    original = stubber_class.__call__
    if getattr(original, _GUARD_FLAG, False):
        return

    def __call__(self: Any, event_name: str, request: Any, **kwargs: Any) -> Any:  # noqa: N807 (dunder we wrap)
        if _answered_here(request):
            return None
        return original(self, event_name, request, **kwargs)

    setattr(__call__, _GUARD_FLAG, True)
    stubber_class.__call__ = __call__
    stubber_class.process_prepared_request = _answer_raw_requests_here(stubber_class.process_prepared_request)


def _answer_raw_requests_here(original: Any) -> Any:
    """moto also answers `requests` calls through its own `responses` mock; ours answers the partner ones."""

    def process_prepared_request(self: Any, request: Any) -> Any:
        if _answered_here(request):
            from mock_partner_events._transports.requests import answer

            return answer(request)
        return original(self, request)

    return process_prepared_request


def _answered_here(request: Any) -> bool:
    if activation.innermost() is None:
        return False
    body = request.body if isinstance(request.body, (bytes, str, type(None))) else _streamed(request)
    headers = request.headers
    decision = route_request(headers.get("X-Amz-Target"), headers.get("Authorization"), str(request.url), body)
    return decision.route is Route.HERE


def _streamed(request: Any) -> bytes:
    from mock_partner_events._transports.requests import body_bytes

    return body_bytes(request)
