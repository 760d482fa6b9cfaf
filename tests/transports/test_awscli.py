"""`aws events ...` run through awscli's Python driver inside a mocked test answers exactly as boto3 is answered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import boto3
import pytest
from awscli.clidriver import create_clidriver
from helpers import PARTNER, SOURCE, entry

from mock_partner_events import PartnerEventsMock, mock_partner_events, patch_client

ENTRIES = [
    entry(detail={"n": 1}),
    entry(Detail="not json"),
]


@pytest.fixture(autouse=True)
def cli_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """The partner's credentials in the environment; nothing read from the machine's own AWS config."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": PARTNER,
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
    }.items():
        monkeypatch.setenv(name, value)


def aws_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    """Run `aws <args>` in-process: exit code, parsed JSON output (None when empty), stderr."""
    code = create_clidriver().main([*args, "--output", "json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_put_partner_events_answers_as_boto3_does(capsys: pytest.CaptureFixture[str]) -> None:
    with mock_partner_events(seed=1) as mock:
        code, cli_answer, _ = aws_cli(capsys, "events", "put-partner-events", "--entries", json.dumps(ENTRIES))
    with mock_partner_events(seed=1):
        boto3_answer = boto3.client("events").put_partner_events(Entries=ENTRIES)

    assert code == 0
    assert cli_answer == {"FailedEntryCount": 1, "Entries": boto3_answer["Entries"]}
    assert cli_answer["Entries"][1]["ErrorCode"] == "MalformedDetail"
    assert [event.event_id for event in mock.events] == [cli_answer["Entries"][0]["EventId"]]
    assert mock.calls[0].account == PARTNER


def test_an_aws_error_reaches_the_cli_as_a_failed_command(capsys: pytest.CaptureFixture[str]) -> None:
    with mock_partner_events() as mock:
        code, output, err = aws_cli(capsys, "events", "describe-partner-event-source", "--name", SOURCE)

    assert code == 255
    assert output is None
    assert "ResourceNotFoundException" in err
    assert mock.calls[0].operation == "DescribePartnerEventSource"


def test_partner_lifecycle_commands_are_answered_by_the_mock(
    capsys: pytest.CaptureFixture[str], partner_events: PartnerEventsMock
) -> None:
    code, created, _ = aws_cli(
        capsys, "events", "create-partner-event-source", "--name", SOURCE, "--account", "111122223333"
    )

    assert code == 0
    assert created == {"EventSourceArn": f"arn:aws:events:us-east-1::event-source/{SOURCE}"}
    assert partner_events.source_state(SOURCE) == "PENDING"


def test_sessions_built_from_awscli_botocore_are_answered_and_faulted_like_botocore() -> None:
    import awscli.botocore.session
    from botocore.exceptions import EndpointConnectionError

    copy_client = awscli.botocore.session.get_session().create_client("events", region_name="us-east-1")
    with mock_partner_events() as mock:
        answer = copy_client.put_partner_events(Entries=ENTRIES[:1])
        mock.faults.disconnect(when="before")
        with pytest.raises(EndpointConnectionError):  # the class awscli's retry handler catches
            copy_client.put_partner_events(Entries=ENTRIES[:1])

    assert answer["Entries"][0]["EventId"] == mock.events[0].event_id


def test_patch_client_attaches_a_client_built_without_the_handler() -> None:
    import awscli.botocore.session

    bare_session = awscli.botocore.session.Session(include_builtin_handlers=False)
    copy_client = patch_client(bare_session.create_client("events", region_name="us-east-1"))
    with mock_partner_events() as mock:
        copy_client.put_partner_events(Entries=ENTRIES[:1])

    assert len(mock.events) == 1


def test_the_cli_is_answered_when_awscli_is_imported_before_botocore() -> None:
    script = """
import os, sys
os.environ.update(AWS_ACCESS_KEY_ID="123456789012", AWS_SECRET_ACCESS_KEY="s", AWS_DEFAULT_REGION="us-east-1")
import awscli.clidriver  # first: its import alias makes awscli's botocore copy *the* botocore
from mock_partner_events import mock_partner_events
entries = '[{"Source": "aws.partner/a.com/s", "DetailType": "T", "Detail": "{}"}]'
with mock_partner_events() as mock:
    code = awscli.clidriver.create_clidriver().main(["events", "put-partner-events", "--entries", entries])
assert code == 0 and len(mock.events) == 1, (code, mock.calls)
print(sys.modules["botocore"].__file__)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(os.path.join("awscli", "botocore", "__init__.py"))
