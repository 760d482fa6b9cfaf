"""pytest plugin: the `partner_events` fixture and the `partner_events(**options)` marker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ._engine import PartnerEventsMock

MARKER_HELP = "partner_events(**options): options for the partner_events fixture's PartnerEventsMock"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)


@pytest.fixture
def partner_events(request: pytest.FixtureRequest) -> Iterator[PartnerEventsMock]:
    """An active PartnerEventsMock for one test, configured by the closest `partner_events` marker."""
    options: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("partner_events"))):
        if marker.args:
            raise TypeError("@pytest.mark.partner_events takes keyword options only, e.g. seed=1")
        options.update(marker.kwargs)
    with PartnerEventsMock(**options) as mock:
        yield mock
