"""`mock-partner-events serve` as a process, and the AWS CLI (a client no one here wrote) as its caller."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from helpers import clean_env, entry, http_client, venv_bin

from mock_partner_events import PartnerEventsServer
from mock_partner_events.__main__ import main

THROTTLE_ONCE = [{"fail_requests": {"error_code": "ThrottlingException", "times": 1}}]
TIMEOUT = 60


class Served:
    """A `serve` process on a free port; `url` is read from the line it prints once it listens."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            [*command, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env()
        )
        assert self.process.stdout is not None
        first_line = self.process.stdout.readline()
        if "http://" not in first_line:
            self.stop()
            pytest.fail(
                f"serve did not start: {first_line!r} {self.process.stderr.read() if self.process.stderr else ''}"
            )
        self.url = first_line.split(" at ", 1)[1].split()[0]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(TIMEOUT)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    started: list[Served] = []

    def start(*arguments: str, config: dict[str, Any] | None = None, command: list[str] | None = None) -> Served:
        extra = list(arguments)
        if config is not None:
            path = tmp_path / "mock.json"
            path.write_text(json.dumps(config))
            extra += ["--config", str(path)]
        served = Served([*(command or [sys.executable, "-m", "mock_partner_events"]), "serve", *extra])
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


def aws_cli(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`aws --endpoint-url URL events ...` with fake credentials and no configuration from this machine."""
    command = [venv_bin("aws"), "--endpoint-url", url, "--output", "json", "events", *arguments]
    return subprocess.run(command, capture_output=True, text=True, env=clean_env(), timeout=TIMEOUT, check=False)


def put_with_cli(url: str, *entries: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    return aws_cli(url, "put-partner-events", "--entries", json.dumps(list(entries)))


def test_the_aws_cli_publishes_and_the_mock_records_the_events(partner_events_server: PartnerEventsServer) -> None:
    result = put_with_cli(partner_events_server.url, entry(detail={"id": 1}), entry(detail={"id": 2}))

    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["FailedEntryCount"] == 0
    events = partner_events_server.mock.events
    assert [event.event_id for event in events] == [item["EventId"] for item in output["Entries"]]
    assert [event.detail for event in events] == [{"id": 1}, {"id": 2}]


def test_the_aws_cli_sees_per_entry_failures(partner_events_server: PartnerEventsServer) -> None:
    result = put_with_cli(partner_events_server.url, entry(detail={"id": 1}), entry(Detail="not json"))

    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["FailedEntryCount"] == 1
    assert output["Entries"][1] == {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
    assert len(partner_events_server.mock.events) == 1


def test_the_aws_cli_reports_request_level_errors(partner_events_server: PartnerEventsServer) -> None:
    partner_events_server.mock.faults.fail_requests("OperationDisabledException")

    result = put_with_cli(partner_events_server.url, entry())

    assert result.returncode != 0
    assert "An error occurred (OperationDisabledException) when calling the PutPartnerEvents operation" in result.stderr
    assert len(partner_events_server.mock.calls) == 1  # never retried, as against AWS


def test_python_m_serve_loads_faults_from_config_and_the_aws_cli_retries_the_throttle(serve: Any) -> None:
    served = serve("--quiet", config={"faults": THROTTLE_ONCE, "seed": 7})

    result = put_with_cli(served.url, entry())

    assert result.returncode == 0, result.stderr
    calls = requests.get(f"{served.url}/_mock/calls", timeout=10).json()
    assert [(call["attempt"], call["error_code"]) for call in calls] == [(1, "ThrottlingException"), (2, None)]
    events = requests.get(f"{served.url}/_mock/events", timeout=10).json()
    assert [event["detail"] for event in events] == [{"id": 1}]
    assert served.url.startswith("http://127.0.0.1:")


def test_the_console_script_serves_logs_requests_and_stops_cleanly_on_sigterm(serve: Any) -> None:
    served = serve(command=[venv_bin("mock-partner-events")])

    health = requests.get(f"{served.url}/_mock/health", timeout=10)

    assert health.json()["status"] == "ok"
    assert served.stop() == 0
    assert served.process.stderr is not None
    assert '"GET /_mock/health HTTP/1.1" 200' in served.process.stderr.read()


@pytest.mark.parametrize(
    ("config_text", "says"),
    [
        ("{not json", "is not JSON"),
        ('["faults"]', "must hold a JSON object"),
        ('{"colour": "red"}', "has unknown keys colour; the keys are partner_account"),
        ('{"partner_account": "12"}', "partner_account must be a 12-digit AWS account id string"),
        ('{"faults": [{"explode": {}}]}', "explode"),
    ],
)
def test_a_bad_config_exits_2_saying_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config_text: str, says: str
) -> None:
    path = tmp_path / "mock.json"
    path.write_text(config_text)

    status = main(["serve", "--port", "0", "--config", str(path)])

    assert status == 2
    output = capsys.readouterr()
    assert says in output.err
    assert output.out == ""


def test_a_missing_config_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--config", str(tmp_path / "absent.json")]) == 2
    assert f"cannot read config {tmp_path / 'absent.json'}" in capsys.readouterr().err


def test_the_cli_says_how_to_use_it() -> None:
    result = subprocess.run(
        [venv_bin("mock-partner-events"), "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )

    for option in ("--host", "--port", "--config", "--max-body-bytes", "--quiet"):
        assert option in result.stdout
    assert "default 127.0.0.1" in result.stdout


def test_allowed_host_lets_a_container_name_reach_the_server_and_others_stay_refused(serve: Any) -> None:
    served = serve("--allowed-host", "mock-events", "--quiet")

    named = requests.get(f"{served.url}/_mock/health", headers={"Host": "mock-events:4010"}, timeout=10)
    foreign = requests.get(f"{served.url}/_mock/health", headers={"Host": "evil.example"}, timeout=10)

    assert (named.status_code, foreign.status_code) == (200, 403)


def test_max_events_on_the_command_line_wins_over_the_config_and_health_counts_what_was_dropped(serve: Any) -> None:
    served = serve("--quiet", "--max-events", "2", config={"max_events": 100})
    client = http_client(served.url)
    for n in range(3):
        client.put_partner_events(Entries=[entry(detail={"id": n}), entry(Detail="[]")])

    health = requests.get(f"{served.url}/_mock/health", timeout=10).json()
    events = requests.get(f"{served.url}/_mock/events", timeout=10).json()

    assert (health["events"], health["calls"], health["max_events"]) == (2, 2, 2)
    assert health["dropped"] == {"events": 1, "rejected": 1, "calls": 1}
    assert [event["detail"] for event in events] == [{"id": 1}, {"id": 2}]
