"""Shared fixtures: boto3 EventBridge clients with fixed fake credentials (never the machine's own)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from world_support import CUSTOMER, PARTNER, client_for


def _client(config: Config | None = None) -> Any:
    return boto3.client(
        "events", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing", config=config
    )


@pytest.fixture
def client() -> Any:
    """An EventBridge client as a partner builds it."""
    return _client()


@pytest.fixture
def raw_client() -> Any:
    """A client that sends what it is given: botocore's client-side parameter checks are off."""
    return _client(Config(parameter_validation=False))


@pytest.fixture(scope="session")
def partner() -> Any:
    """A client of the partner account 123456789012 (its access key id is the account); clients hold no state."""
    return client_for(PARTNER)


@pytest.fixture(scope="session")
def customer() -> Any:
    """A client of the customer account 111122223333."""
    return client_for(CUSTOMER)
