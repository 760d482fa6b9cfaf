"""The plugin's `partner_events_server` fixture, as a user's test suite sees it (through pytester)."""

from __future__ import annotations

import pytest

USER_SUITE = """
import json
import subprocess
import sys

import pytest

CHILD = (
    "import json, sys, urllib.request; "
    "print(json.load(urllib.request.urlopen(sys.argv[1] + '/_mock/health'))['status'])"
)


@pytest.mark.partner_events(unknown_sources="reject", seed=3)
def test_configured_by_the_marker_and_reachable_from_a_subprocess(partner_events_server):
    assert partner_events_server.mock.options.unknown_sources == "reject"
    child = subprocess.run([sys.executable, "-c", CHILD, partner_events_server.url], capture_output=True, text=True)
    assert child.stdout.strip() == "ok", child.stderr


def test_each_test_gets_a_fresh_server_on_loopback(partner_events_server):
    assert partner_events_server.url.startswith("http://127.0.0.1:")
    assert partner_events_server.mock.calls == []
    assert not partner_events_server.mock.active
"""


def test_the_fixture_serves_a_marker_configured_mock_for_one_test(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_user=USER_SUITE)

    result = pytester.runpytest("-p", "no:randomly")

    result.assert_outcomes(passed=2)
