"""Shared fixtures: boto3 EventBridge clients with fixed fake credentials (never the machine's own)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import CUSTOMER, NO_RETRIES, PARTNER, client_for, make_client


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
