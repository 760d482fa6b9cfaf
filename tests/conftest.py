"""Shared fixtures: the package's own mock (`mock`, configured by the `partner_events` marker) and boto3
EventBridge clients with fixed fake credentials (never the machine's own); what `make check` leaves out."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import CUSTOMER, NO_RETRIES, PARTNER, client_for, make_client

from mock_partner_events import PartnerEventsMock


@pytest.fixture
def mock(partner_events: PartnerEventsMock) -> PartnerEventsMock:
    """The package's own `partner_events` fixture under the suite's short name; configure it with the marker,
    `@pytest.mark.partner_events(seed=...)`, as users do."""
    return partner_events


@pytest.fixture
def client() -> Any:
    """An EventBridge client as a partner builds it."""
    return make_client()


@pytest.fixture
def raw_client() -> Any:
    """A client that sends what it is given: botocore's client-side parameter checks are off."""
    return make_client(parameter_validation=False)


@pytest.fixture
def no_retry_client() -> Any:
    """A client that shows the first answer: botocore retries nothing."""
    return make_client(retries=NO_RETRIES)


@pytest.fixture(scope="session")
def partner() -> Any:
    """A client of the partner account 123456789012 (its access key id is the account); clients hold no state."""
    return client_for(PARTNER)


@pytest.fixture(scope="session")
def customer() -> Any:
    """A client of the customer account 111122223333."""
    return client_for(CUSTOMER)


SLOW_FILES = frozenset(
    {
        "test_benchmark_script.py",  # runs every benchmark once
        "test_server_inbox.py",  # Chromium
        "test_server_inbox_live.py",  # Chromium
        "test_server_inbox_dropped.py",  # Chromium
        "test_server_js.py",  # node and the AWS SDK for JavaScript
        "test_packaging.py",  # builds the sdist and the wheel
        "test_docs_strict.py",  # three MkDocs builds
        "test_clients_built_before.py",  # a fresh interpreter per ordering
        "test_safe_install.py",  # fresh interpreters and pytester sessions with moto
        "test_threads.py",  # thread stress
    }
)
"""Files `make check` (the quick loop) leaves to `make test`, which runs everything."""
SLOW_TESTS = frozenset(
    {
        "test_matching_any_event_against_a_valid_pattern_never_raises",  # 300 Hypothesis examples
        "test_the_check_catches_a_leak_a_start_without_stop_causes",  # a whole pytester session
        "test_arbitrary_entries_through_boto3",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what is slow in one place, so that `make check` (`-m "not slow"`) stays under three minutes."""
    for item in items:
        if item.path.name in SLOW_FILES or item.originalname in SLOW_TESTS:  # type: ignore[attr-defined]
            item.add_marker(pytest.mark.slow)
