"""Helpers shared by the server-mode tests (tests/test_server_*.py): clients that reach the server over HTTP."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

SOURCE = "aws.partner/example.com/1234/orders"
FAKE_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_PAGER": "",
}


def entry(number: int = 1, **fields: Any) -> dict[str, Any]:
    """A valid PutPartnerEvents entry carrying `{"id": number}`; keyword arguments replace fields."""
    return {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps({"id": number}), **fields}


def http_client(url: str, **config: Any) -> Any:
    """A boto3 EventBridge client that talks to the server at `url` over HTTP."""
    return boto3.client(
        "events",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(**config),
    )


def clean_env() -> dict[str, str]:
    """This process's environment without the machine's AWS settings, plus fixed fake credentials."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    return {**env, **FAKE_AWS_ENV}


def venv_bin(name: str) -> str:
    """A console script of the virtualenv running the tests (`aws`, `mock-partner-events`)."""
    import sys

    return str(Path(sys.executable).parent / name)
