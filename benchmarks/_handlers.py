"""What the benchmark's reference variants share: registering a `before-send` answer on one client, and the
answer's HTTP response."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from botocore.awsrequest import AWSResponse


@contextmanager
def answering(client: Any, answer: Callable[..., AWSResponse | None], name: str) -> Iterator[None]:
    """`answer` handles the client's requests (first among its before-send handlers) inside the block."""
    client.meta.events.register_first("before-send", answer, unique_id=name)
    try:
        yield
    finally:
        client.meta.events.unregister("before-send", unique_id=name)


def json_response(url: str, body: bytes) -> AWSResponse:
    """A 200 AWS JSON 1.1 response carrying `body`."""
    headers = {"content-type": "application/x-amz-json-1.1", "content-length": str(len(body)), "x-amzn-requestid": "r"}
    response = AWSResponse(url, 200, headers, None)
    response._content = body
    return response
