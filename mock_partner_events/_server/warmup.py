"""Do at start the work the first requests would do, so the first clients see the latency of the thousandth.

Measured before this existed (issue 20): 50 clients connecting at once to a fresh `serve` saw a p99 of 700 ms
and a slowest call of 1.2 s in their first 300 calls each, against 70 ms later: the first requests loaded
botocore's EventBridge model and compiled every operation's checks, imported the parsers and the world, all
under the engine's lock while 49 others queued. The warm-up sends one request of each operation the mock
answers, and a read of each admin endpoint, to a scratch mock through the server's WSGI app (the server's mock
records nothing of it), once per process: what it fills (imports, botocore's model, compiled checks) is
process-wide. `serve` then freezes what is settled (see `settle`).
"""

from __future__ import annotations

import functools
import gc
import io
import json
from typing import Any

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._server.guard import HostPolicy
from mock_partner_events._server.wsgi import PartnerEventsApp
from mock_partner_events._service.events.table import OPERATIONS

_HOST = "127.0.0.1"
_SOURCE = "aws.partner/example.com/warm-up/orders"
_ENTRIES = {
    "Entries": [
        {"Source": _SOURCE, "DetailType": "WarmUp", "Detail": json.dumps({"n": n}), "Resources": ["arn:aws:x"]}
        for n in range(10)
    ]
    + [{"Source": _SOURCE, "DetailType": "WarmUp", "Detail": "[]"}]
}
_ADMIN_READS = ("/_mock/health", "/_mock/events", "/_mock/calls", "/_mock/rejected")


@functools.cache
def warm_up() -> None:
    """Run every operation and admin read once on a scratch mock, in this thread; leaves no state behind."""
    app = PartnerEventsApp(PartnerEventsMock(), hosts=HostPolicy(_HOST))
    for operation in OPERATIONS:
        body = _ENTRIES if operation == "PutPartnerEvents" else {}
        app.respond(_environ("POST", "/", json.dumps(body).encode(), f"AWSEvents.{operation}"))
    for path in _ADMIN_READS:
        app.respond(_environ("GET", path, b"", None))


def settle() -> None:
    """For a process that is only the server (`serve`): collect, then move every object that exists now (the
    imports, botocore's model, the compiled checks: a few hundred thousand) out of the collector's reach with
    `gc.freeze()`, so that a full collection walks only what serving allocates. Not done for a server inside a
    test process: that process's objects are not ours to freeze."""
    gc.collect()
    gc.freeze()


def _environ(method: str, path: str, body: bytes, target: str | None) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "HTTP_HOST": _HOST,
        "CONTENT_TYPE": "application/x-amz-json-1.1",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_AUTHORIZATION": (
            "AWS4-HMAC-SHA256 Credential=123456789012/20240101/us-east-1/events/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=0"
        ),
        "wsgi.input": io.BytesIO(body),
    }
    if target is not None:
        environ["HTTP_X_AMZ_TARGET"] = target
    return environ
