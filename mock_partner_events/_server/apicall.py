"""Which requests are AWS API calls: only those reach the engine and are recorded as calls.

A browser asks the server for more than the inbox: `/favicon.ico`, CORS preflights (`OPTIONS /`), and any web
page can make it send a "no-cors" POST. None of these carries what every AWS SDK, the CLI and a SigV4-signing
client send: an `X-Amz-Target` header (JSON 1.1 services such as EventBridge) or an `Authorization:
AWS4-HMAC-SHA256 ...` header (every signed request, including rest-json services such as EventBridge Schemas).
Requests with neither are answered by the server without being recorded. To answer another service, extend
`is_api_call` here: the server consults nothing else (the worker pools of `http` use it too).
"""

from __future__ import annotations

SIGV4 = "AWS4-HMAC-SHA256"


def is_api_call(target: str | None, authorization: str | None) -> bool:
    """True for a request an AWS client sent: it names an operation in X-Amz-Target, or it is SigV4-signed."""
    return bool(target) or (authorization or "").lstrip().startswith(SIGV4)
