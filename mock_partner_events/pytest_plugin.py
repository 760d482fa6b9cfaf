"""pytest plugin: fixtures `partner_events` and `partner_events_server`, marker `partner_events(**options)`.

It loads in every pytest session of every project that installs the package, so it imports nothing heavy:
the engine loads when a test first asks for a fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    from mock_partner_events._core.engine import PartnerEventsMock
    from mock_partner_events._server.server import PartnerEventsServer

T = TypeVar("T")

MARKER_HELP = "partner_events(**options): options for the PartnerEventsMock of the partner_events(_server) fixtures"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)


@pytest.fixture
def partner_events(request: pytest.FixtureRequest) -> Iterator[PartnerEventsMock]:
    """An active PartnerEventsMock for one test, configured by the closest `partner_events` marker."""
    from mock_partner_events._core.engine import PartnerEventsMock

    with _built(request, PartnerEventsMock) as mock:
        yield mock
    _fail_on_contract_violations(mock)


@pytest.fixture
def partner_events_server(request: pytest.FixtureRequest) -> Iterator[PartnerEventsServer]:
    """The mock served over HTTP for one test: hand `.url` to subprocesses, assert on `.mock`.

    Its mock is configured by the closest `partner_events` marker; it is not activated in-process, so the
    test's own boto3 clients reach it only through `endpoint_url=server.url`. Needs the `server` extra.
    """
    from mock_partner_events._server.server import PartnerEventsServer

    with _built(request, PartnerEventsServer) as server:
        yield server


def _fail_on_contract_violations(mock: PartnerEventsMock) -> None:
    """A test that published events its contracts refuse fails here, with the table (contracts_at_teardown),
    unless it called assert_contracts itself after its last event."""
    __tracebackhide__ = True
    book = mock.contracts
    if not book.contracts or not mock.options.contracts_at_teardown:
        return
    failures = book.report_unless_asserted()
    if failures is not None:
        pytest.fail(
            f"{failures}\n\n(checked at the partner_events fixture's teardown; turn it off with "
            "@pytest.mark.partner_events(contracts_at_teardown=False))",
            pytrace=False,
        )


def _built(request: pytest.FixtureRequest, kind: Callable[..., T]) -> T:
    """`kind(**marker options)`; a contracts file or folder that cannot be read fails the test without a traceback."""
    __tracebackhide__ = True
    from mock_partner_events._contracts.errors import ContractError

    options = _marker_options(request)
    try:
        return kind(**options)
    except ContractError as error:
        reason = str(error).removeprefix("mock-partner-events: ")
    pytest.fail(f"mock-partner-events: {_where(request)}: {reason}", pytrace=False)


def _where(request: pytest.FixtureRequest) -> str:
    return f"@pytest.mark.partner_events on {request.node.nodeid}"


def _marker_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    __tracebackhide__ = True
    from mock_partner_events._common.suggest import unknown_names_message
    from mock_partner_events._core.options import OPTION_NAMES

    options: dict[str, Any] = {}
    where = _where(request)
    for marker in reversed(list(request.node.iter_markers("partner_events"))):
        if marker.args:
            pytest.fail(f"mock-partner-events: {where} takes keyword options only, e.g. seed=1", pytrace=False)
        message = unknown_names_message("option", marker.kwargs, OPTION_NAMES, where)
        if message is not None:
            pytest.fail(message, pytrace=False)
        options.update(marker.kwargs)
    _check_values(where, options)
    return options


def _check_values(where: str, options: dict[str, Any]) -> None:
    """A bad option value fails the test with the option's own message and no traceback, as a misspelt name does."""
    __tracebackhide__ = True
    from mock_partner_events._core.options import Options

    try:
        Options(**options)
    except (ValueError, TypeError) as error:
        reason = str(error).removeprefix("mock-partner-events: ")
    else:
        return
    pytest.fail(f"mock-partner-events: {where}: {reason}", pytrace=False)  # outside `except`: no chained traceback
