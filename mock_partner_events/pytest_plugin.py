"""pytest plugin: fixtures `partner_events` and `partner_events_server`, marker `partner_events(**options)`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._core.suggest import option_names, unknown_names_message

if TYPE_CHECKING:
    from mock_partner_events._server.server import PartnerEventsServer

MARKER_HELP = "partner_events(**options): options for the PartnerEventsMock of the partner_events(_server) fixtures"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)


@pytest.fixture
def partner_events(request: pytest.FixtureRequest) -> Iterator[PartnerEventsMock]:
    """An active PartnerEventsMock for one test, configured by the closest `partner_events` marker."""
    with PartnerEventsMock(**_marker_options(request)) as mock:
        yield mock


@pytest.fixture
def partner_events_server(request: pytest.FixtureRequest) -> Iterator[PartnerEventsServer]:
    """The mock served over HTTP for one test: hand `.url` to subprocesses, assert on `.mock`.

    Its mock is configured by the closest `partner_events` marker; it is not activated in-process, so the
    test's own boto3 clients reach it only through `endpoint_url=server.url`. Needs the `server` extra.
    """
    from mock_partner_events._server.server import PartnerEventsServer

    with PartnerEventsServer(**_marker_options(request)) as server:
        yield server


def _marker_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    __tracebackhide__ = True
    options: dict[str, Any] = {}
    where = f"@pytest.mark.partner_events on {request.node.nodeid}"
    for marker in reversed(list(request.node.iter_markers("partner_events"))):
        if marker.args:
            pytest.fail(f"mock-partner-events: {where} takes keyword options only, e.g. seed=1", pytrace=False)
        message = unknown_names_message("option", marker.kwargs, option_names(), where)
        if message is not None:
            pytest.fail(message, pytrace=False)
        options.update(marker.kwargs)
    return options
