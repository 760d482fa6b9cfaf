"""The suite's network guard (tests/network_guard.py), installed for every test, pytester run and xdist worker:
no test of this package may reach the network. A test that tried fails, naming the host, even when the code under
test swallowed the guard's error.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest
from network_guard import install, take_violations


def pytest_configure(config: pytest.Config) -> None:
    install()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Fail a test that tried to reach the network even if the code under test caught the error."""
    take_violations()
    result = yield  # a test that raised (the guard's own error among others) has failed already
    found = take_violations()
    if found:
        pytest.fail(found[0], pytrace=False)
    return result
