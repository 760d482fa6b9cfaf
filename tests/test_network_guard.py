"""The top-level conftest.py keeps the suite off the network: loopback passes, any other host fails the test."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT_CONFTEST = Path(__file__).parent.parent / "conftest.py"


def test_a_connection_to_another_host_fails_the_test_naming_the_host(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(ROOT_CONFTEST.read_text())
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
            "*network guard (conftest.py): this test tried to connect to ('192.0.2.10', 443).*",
            "*network guard (conftest.py): this test tried to look up (getaddrinfo) 'events.us-east-1.amazonaws.com'*",
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
