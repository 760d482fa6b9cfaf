"""The test helpers themselves: the no_network() guard refuses other hosts, lets loopback through, and restores."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from botocore.exceptions import HTTPClientError
from helpers import NetworkAccessError, entry, make_client, no_network

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


def test_a_connection_to_a_non_loopback_address_raises_naming_the_host() -> None:
    with no_network(), socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkAccessError, match=r"connect to '192\.0\.2\.1'"):
            sock.connect((NOT_LOOPBACK, 443))
        with pytest.raises(NetworkAccessError, match=r"connect_ex to '192\.0\.2\.1'"):
            sock.connect_ex((NOT_LOOPBACK, 443))
        with pytest.raises(NetworkAccessError, match=r"create_connection to '192\.0\.2\.1'"):
            socket.create_connection((NOT_LOOPBACK, 443), timeout=1)


def test_a_dns_lookup_of_another_host_raises_naming_it() -> None:
    with no_network():
        with pytest.raises(NetworkAccessError, match=r"getaddrinfo\) of 'events\.us-east-1\.amazonaws\.com'"):
            socket.getaddrinfo("events.us-east-1.amazonaws.com", 443)
        with pytest.raises(NetworkAccessError, match=r"gethostbyname\) of 'example\.com'"):
            socket.gethostbyname("example.com")
        with pytest.raises(NetworkAccessError, match=r"gethostbyname_ex\) of 'example\.com'"):
            socket.gethostbyname_ex("example.com")


def test_the_guard_is_an_assertion_error() -> None:
    assert issubclass(NetworkAccessError, AssertionError)


def test_loopback_connections_and_lookups_go_through(listener: int) -> None:
    with no_network():
        with socket.create_connection(("127.0.0.1", listener), timeout=5):
            pass
        assert socket.getaddrinfo("127.0.0.1", listener)
        assert socket.getaddrinfo("localhost", listener)
        assert socket.gethostbyname("127.0.0.1") == "127.0.0.1"


def test_everything_is_restored_on_exit() -> None:
    before = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.create_connection,
        socket.getaddrinfo,
        socket.gethostbyname,
        socket.gethostbyname_ex,
    )
    with pytest.raises(RuntimeError), no_network():
        raise RuntimeError("the block fails")

    after = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.create_connection,
        socket.getaddrinfo,
        socket.gethostbyname,
        socket.gethostbyname_ex,
    )
    assert after == before


def test_the_fixture_guards_the_whole_test(no_network: None) -> None:
    with pytest.raises(NetworkAccessError, match=r"192\.0\.2\.1"):
        socket.create_connection((NOT_LOOPBACK, 443), timeout=1)


def test_an_unmocked_boto3_call_is_stopped_before_it_leaves_the_machine() -> None:
    """botocore wraps whatever its HTTP layer raises in HTTPClientError; the guard's error is what it wraps."""
    with no_network(), pytest.raises(HTTPClientError) as raised:
        make_client(retries={"total_max_attempts": 1}).put_partner_events(Entries=[entry()])

    assert isinstance(raised.value.kwargs["error"], NetworkAccessError)
    assert "'events.us-east-1.amazonaws.com'" in str(raised.value)
