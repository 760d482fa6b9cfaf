"""What the tests share: accounts and names, one entry builder, boto3 clients with fake credentials, server-mode
support and a guard that proves a block of code makes no network call.

Imported as `from helpers import ...`: pyproject.toml puts tests/ on sys.path (`pythonpath = ["tests"]`), so this
works under both `--import-mode=prepend` and `--import-mode=importlib`.

A 12-digit access key id is the caller's account, so a client built with one speaks for that account.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

# -- accounts and names --------------------------------------------------------------------------------------

PARTNER = "123456789012"
OTHER_PARTNER = "210987654321"
CUSTOMER = "111122223333"
OTHER_CUSTOMER = "444455556666"
REGION = "us-east-1"
FAKE_KEY = "testing"  # an access key id that is no account: the mock's default partner account answers
SOURCE = "aws.partner/example.com/1234/orders"
SOURCE_ARN = f"arn:aws:events:{REGION}::event-source/{SOURCE}"
BUS_ARN = f"arn:aws:events:{REGION}:{CUSTOMER}:event-bus/{SOURCE}"
URL = f"https://events.{REGION}.amazonaws.com/"
NO_RETRIES = {"total_max_attempts": 1}  # make_client(retries=NO_RETRIES) shows the first answer

# -- entries -------------------------------------------------------------------------------------------------

TESTS = Path(__file__).resolve().parent
"""The suite's folder: tests/ (test files live in its sub-folders, one per layer or capability)."""
ROOT = TESTS.parent
"""The project's root (the clone, or the unpacked sdist)."""
DATA = TESTS / "data"
"""Recorded cases and other test data (see tests/data/README.md)."""


def entry(
    detail_type: str = "OrderCreated", *, source: str = SOURCE, detail: Any = None, **fields: Any
) -> dict[str, Any]:
    """A valid PutPartnerEvents entry: `Detail` is `detail` as JSON (by default `{"id": 1}`).

    Keyword arguments named as the wire names them (`Resources=`, `Time=`, `Detail=`, `Source=`...) set that field
    verbatim, replacing what the builder made; a value of None removes the field.
    """
    built: dict[str, Any] = {
        "Source": source,
        "DetailType": detail_type,
        "Detail": json.dumps({"id": 1} if detail is None else detail),
        **fields,
    }
    return {key: value for key, value in built.items() if value is not None}


def publish(client: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """PutPartnerEvents with one `entry(*args, **kwargs)`; returns that entry's result."""
    result: dict[str, Any] = client.put_partner_events(Entries=[entry(*args, **kwargs)])["Entries"][0]
    return result


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    """The AWS error code and message a ClientError carries."""
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


# -- clients -------------------------------------------------------------------------------------------------


def make_client(
    key: str = FAKE_KEY,
    region: str = REGION,
    *,
    service: str = "events",
    endpoint_url: str | None = None,
    **config: Any,
) -> Any:
    """A new boto3 client with fake credentials (access key id `key`), never the machine's own; keyword arguments
    build its botocore Config (`retries=...`, `parameter_validation=False`...)."""
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint_url,
        aws_access_key_id=key,
        aws_secret_access_key="testing",
        config=Config(**config) if config else None,
    )


@functools.cache
def client_for(account: str, region: str = REGION) -> Any:
    """One EventBridge client per account and region for the whole run: clients keep no state between tests."""
    return make_client(account, region)


def http_client(url: str, **config: Any) -> Any:
    """A boto3 EventBridge client that talks to the server at `url` over HTTP."""
    return make_client(endpoint_url=url, **config)


# -- the world: sources, buses, states -----------------------------------------------------------------------


def create_source(partner: Any, name: str = SOURCE, account: str = CUSTOMER) -> str:
    arn: str = partner.create_partner_event_source(Name=name, Account=account)["EventSourceArn"]
    return arn


def associate(customer: Any, name: str = SOURCE) -> str:
    arn: str = customer.create_event_bus(Name=name, EventSourceName=name)["EventBusArn"]
    return arn


def state_of(customer: Any, name: str = SOURCE) -> str:
    state: str = customer.describe_event_source(Name=name)["State"]
    return state


# -- processes: the server's command line, the AWS CLI, node ------------------------------------------------

FAKE_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_PAGER": "",
}


def clean_env() -> dict[str, str]:
    """This process's environment without the machine's AWS settings, plus fixed fake credentials."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    return {**env, **FAKE_AWS_ENV}


def venv_bin(name: str) -> str:
    """A console script of the virtualenv running the tests (`aws`, `mock-partner-events`)."""
    return str(Path(sys.executable).parent / name)


# -- pytester --------------------------------------------------------------------------------------------------

QUIET_PLUGINS = ("-p", "no:randomly", "-p", "no:hypothesispytest")
"""Plugins that only slow an in-process pytester run down: hypothesis re-imports itself, order must be fixed."""


def pytester_runner(pytester: pytest.Pytester, prefix: str = "") -> Callable[..., pytest.RunResult]:
    """`run(source, *args)`: write `prefix + source` as the test module and run pytest on it in-process."""
    pytester.makeini("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n")

    def run(source: str, *args: str) -> pytest.RunResult:
        pytester.makepyfile(test_module=prefix + source)
        return pytester.runpytest(*QUIET_PLUGINS, *args)

    return run
