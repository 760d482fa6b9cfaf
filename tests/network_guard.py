"""The suite's network guard: no test of this package may reach the network, AWS least of all.

The top-level conftest.py installs it for every test; `no_network()` also states it for one block.

Every outbound connection (``socket.connect`` / ``connect_ex``) and every DNS lookup (``getaddrinfo``,
``gethostbyname``) made in the test process is checked: loopback (127.0.0.0/8, ::1, ``localhost``) and Unix
sockets pass; anything else raises ``NetworkAccessBlockedError`` at once and fails the test that tried it, naming the
host, even when the code under test swallows the exception. Installed in ``pytest_configure``, so it covers
every test, pytester runs and each xdist worker. Subprocesses (the JavaScript SDK, the CLI) are not covered:
they talk to the local server only.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_violations: list[str] = []
_violations_lock = threading.Lock()
_originals: dict[str, Any] = {}


class NetworkAccessBlockedError(RuntimeError):
    """A test tried to reach a host other than this machine (not an OSError, so no client retries it)."""


def _is_local(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").split("%")[0].lower()
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


def _is_numeric(host: Any) -> bool:
    try:
        ipaddress.ip_address(host.decode() if isinstance(host, bytes) else str(host))
    except ValueError:
        return False
    return True


def _block(what: str, host: Any) -> None:
    __tracebackhide__ = True
    message = (
        f"network guard: this test tried to {what} {host!r}. The test suite must not reach the "
        "network: only loopback (127.0.0.0/8, ::1, localhost) and Unix sockets are allowed. Point the client at "
        "the mock (an in-process mock, or PartnerEventsServer's url on 127.0.0.1) instead."
    )
    with _violations_lock:
        _violations.append(message)
    raise NetworkAccessBlockedError(message)


def _guard_connect(original: Callable[..., Any]) -> Callable[..., Any]:
    def connect(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            _block("connect to", address)
        return original(self, address, *args, **kwargs)

    return connect


def _guard_lookup(original: Callable[..., Any], name: str) -> Callable[..., Any]:
    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        if not (_is_local(host) or _is_numeric(host)):  # a numeric address is no lookup: connect() checks it
            _block(f"look up ({name})", host)
        return original(host, *args, **kwargs)

    return lookup


def install() -> None:
    """Patch the socket module once per process (idempotent)."""
    if _originals:
        return
    for name in ("connect", "connect_ex"):
        _originals[name] = getattr(socket.socket, name)
        setattr(socket.socket, name, _guard_connect(_originals[name]))
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        _originals[name] = getattr(socket, name)
        setattr(socket, name, _guard_lookup(_originals[name], name))


def take_violations() -> list[str]:
    """The attempts refused since the last call (a caught guard error still counts), forgetting them."""
    with _violations_lock:
        found, _violations[:] = list(_violations), []
    return found


@contextlib.contextmanager
def no_network() -> Iterator[None]:
    """Within the block nothing may reach another host: the attempt raises NetworkAccessBlockedError naming the
    host, and the block fails on exit even when the code under test swallowed that error."""
    install()
    with _violations_lock:
        before = len(_violations)
    yield
    with _violations_lock:
        during = _violations[before:]
    if during:
        raise NetworkAccessBlockedError(during[0])
