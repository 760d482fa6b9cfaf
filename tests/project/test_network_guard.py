"""The suite's network guard (tests/network_guard.py, installed by the top-level conftest.py): other hosts are
refused, naming them, and fail the test even when its code swallowed the error; loopback goes through;
`no_network()` states the same for one block."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest
from botocore.exceptions import HTTPClientError
from helpers import ROOT, TESTS, entry, make_client
from network_guard import NetworkAccessBlockedError, no_network, take_violations

ROOT_CONFTEST = ROOT / "conftest.py"
GUARD = TESTS / "network_guard.py"


def test_a_connection_to_another_host_fails_the_test_naming_the_host(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(ROOT_CONFTEST.read_text())
    pytester.makepyfile(network_guard=GUARD.read_text())
    pytester.makepyfile(
        test_module="""
import socket

def test_swallowed():
    try:
        socket.create_connection(("192.0.2.10", 443), timeout=1)
    except Exception:
        pass  # the code under test hides the error: the guard still fails the test

def test_dns():
    socket.getaddrinfo("events.us-east-1.amazonaws.com", 443)
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "*network guard: this test tried to connect to ('192.0.2.10', 443).*",
            "*network guard: this test tried to look up (getaddrinfo) 'events.us-east-1.amazonaws.com'*",
        ],
        consecutive=False,
    )


def test_loopback_and_unix_sockets_pass() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=1):
            pass
    assert socket.getaddrinfo("localhost", 80)
    with socket.socket(socket.AF_UNIX) as unix:
        assert unix.connect_ex("/nonexistent/socket") != 0


NOT_LOOPBACK = "192.0.2.1"  # TEST-NET-1 (RFC 5737): never routed, so nothing is reached even if the guard failed


@pytest.fixture
def listener() -> Iterator[int]:
    """A TCP server on 127.0.0.1 that accepts one connection; yields its port."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    accepted = threading.Thread(target=lambda: server.accept()[0].close(), daemon=True)
    accepted.start()
    yield server.getsockname()[1]
    accepted.join(timeout=5)
    server.close()


def test_a_connection_to_another_host_is_refused_naming_it() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkAccessBlockedError, match=r"connect to \('192\.0\.2\.1', 443\)"):
            sock.connect((NOT_LOOPBACK, 443))
        with pytest.raises(NetworkAccessBlockedError, match=r"connect to \('192\.0\.2\.1', 443\)"):
            sock.connect_ex((NOT_LOOPBACK, 443))
    with pytest.raises(NetworkAccessBlockedError, match=r"192\.0\.2\.1"):
        socket.create_connection((NOT_LOOPBACK, 443), timeout=1)
    assert len(take_violations()) == 3  # recorded, so that a swallowed attempt still fails the test


def test_a_dns_lookup_of_another_host_is_refused_naming_it() -> None:
    with pytest.raises(NetworkAccessBlockedError, match=r"look up \(getaddrinfo\) 'events\.us-east-1\.amazonaws\.com'"):
        socket.getaddrinfo("events.us-east-1.amazonaws.com", 443)
    with pytest.raises(NetworkAccessBlockedError, match=r"look up \(gethostbyname\) 'example\.com'"):
        socket.gethostbyname("example.com")
    with pytest.raises(NetworkAccessBlockedError, match=r"look up \(gethostbyname_ex\) 'example\.com'"):
        socket.gethostbyname_ex("example.com")
    assert len(take_violations()) == 3


def test_loopback_connections_and_lookups_go_through_no_network(listener: int) -> None:
    with no_network():
        with socket.create_connection(("127.0.0.1", listener), timeout=5):
            pass
        assert socket.getaddrinfo("127.0.0.1", listener)
        assert socket.getaddrinfo("localhost", listener)
        assert socket.gethostbyname("127.0.0.1") == "127.0.0.1"


def test_no_network_fails_a_block_whose_code_swallowed_the_guard_error() -> None:
    def code_that_catches_everything() -> None:
        with contextlib.suppress(NetworkAccessBlockedError):
            socket.create_connection((NOT_LOOPBACK, 443), timeout=1)

    with pytest.raises(NetworkAccessBlockedError, match=r"192\.0\.2\.1"), no_network():
        code_that_catches_everything()
    take_violations()


def test_an_unmocked_boto3_call_is_stopped_before_it_leaves_the_machine() -> None:
    """botocore wraps whatever its HTTP layer raises in HTTPClientError; the guard's error is what it wraps."""
    with pytest.raises(HTTPClientError) as raised:
        make_client(retries={"total_max_attempts": 1}).put_partner_events(Entries=[entry()])

    assert isinstance(raised.value.kwargs["error"], NetworkAccessBlockedError)
    assert "'events.us-east-1.amazonaws.com'" in str(raised.value)
    take_violations()
