"""Fault effects that happen on the wire, applied in one place for every transport.

The engine decides a fault and marks its answer (`HttpResponse.delay`, `.network_fault`); the transport hands
that answer here with its own exception types, so that the caller sees exactly what its HTTP stack raises when
a connection fails before the request is sent or the answer is lost after AWS processed it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mock_partner_events._wire.protocol import HttpResponse


class NetworkErrors(NamedTuple):
    """A transport's exceptions, each built from the request's URL."""

    before_sending: Callable[[str], BaseException]
    """The connection failed: the request never reached the service (nothing changed)."""
    after_processing: Callable[[str], BaseException]
    """The answer was lost: the service processed the request, the caller cannot know."""


def apply(
    response: HttpResponse, url: str, errors: NetworkErrors, sleep: Callable[[float], object] = time.sleep
) -> HttpResponse:
    """Sleep a real delay (with `sleep`: the server's ends when faults are cleared), then raise the transport's
    error for a network fault; else return the answer."""
    if response.delay:
        sleep(response.delay)  # a delay fault with real=True; virtual delays never reach the transport
    if response.network_fault == "before":
        raise errors.before_sending(url)
    if response.network_fault == "after":
        raise errors.after_processing(url)
    return response
