"""The admin API session shown in docs/guides/server-mode.md, replayed against a live server: every `curl` line
runs (the status must be 2xx) and every answer the page shows in a `# {...}` comment is the server's answer."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import urllib.parse
import urllib.request
from typing import Any

import botocore.session
from doc_blocks import ROOT, blocks

from mock_partner_events import PartnerEventsMock, PartnerEventsServer

PAGE = ROOT / "docs" / "guides" / "server-mode.md"
SOURCE = "aws.partner/example.com/1234/orders"


def admin_session() -> list[tuple[str, str | None]]:
    """(curl command, the JSON answer shown for it or None), in the order of the page."""
    [block] = [block for block in blocks(PAGE) if block.lang == "bash" and "$MOCK/health" in block.code]
    lines = block.code.replace("\\\n", " ").splitlines()  # join continued lines
    session: list[tuple[str, str | None]] = []
    for index, line in enumerate(lines):
        if not line.startswith("curl "):
            continue
        command, _, comment = line.partition("  #")
        shown = comment.strip() if comment.strip().startswith("{") else None
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if shown is None and following.startswith("# {"):
            shown = following[2:]
        session.append((command.strip(), shown))
    return session


def send(base: str, command: str) -> tuple[int, Any]:
    """Run one documented curl command (-s, -X, -H, -d, -G with --data-urlencode) with urllib."""
    words = shlex.split(command.replace("$MOCK", base))[1:]
    method, data, get_params, url = "GET", None, [], ""
    headers: dict[str, str] = {}
    while words:
        word = words.pop(0)
        if word == "-X":
            method = words.pop(0)
        elif word == "-H":
            name, _, value = words.pop(0).partition(":")
            headers[name.strip()] = value.strip()
        elif word == "-d":
            data = words.pop(0).encode()
        elif word == "--data-urlencode":
            get_params.append(words.pop(0))
        elif not word.startswith("-"):
            url = word
    if get_params:
        pairs = [param.partition("=")[::2] for param in get_params]
        url += "?" + urllib.parse.urlencode(pairs)
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.status, json.loads(answer.read())


def publish(url: str, sizes: list[int]) -> None:
    client = botocore.session.get_session().create_client(
        "events", region_name="us-east-1", endpoint_url=url, aws_access_key_id="k", aws_secret_access_key="s"
    )
    for size in sizes:
        entries = [
            {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps({"id": n})} for n in range(size)
        ]
        client.put_partner_events(Entries=entries)


def test_the_admin_session_shown_is_what_the_server_answers() -> None:
    session = admin_session()
    assert len([shown for _, shown in session if shown]) >= 4, "the page shows the answers it is meant to"
    with PartnerEventsServer() as server:
        publish(server.url, [2, 2, 1])  # the page's health line shows 3 calls and 5 events
        for command, shown in session:
            status, answer = send(f"{server.url}/_mock", command)
            assert 200 <= status < 300, command
            if shown is not None:
                assert answer == json.loads(shown), f"{PAGE.name}: `{command}` answers {answer}, not {shown}"


def test_the_serve_banner_shown_is_what_serve_prints() -> None:
    shown = re.search(r"^# (mock-partner-events: serving .*)$", PAGE.read_text(), re.MULTILINE)
    assert shown is not None, f"{PAGE.name} shows the first line `serve` prints"
    command = [sys.executable, "-m", "mock_partner_events", "serve", "--port", "0", "--quiet"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            printed = process.stdout.readline().strip()
        finally:
            process.terminate()
    assert re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:4010", printed) == shown.group(1)


def test_the_configuration_file_shown_is_accepted() -> None:
    [config] = [block for block in blocks(PAGE) if block.lang == "json"]
    mock = PartnerEventsMock(**json.loads(config.code))
    assert len(mock.faults.handles) == 1
