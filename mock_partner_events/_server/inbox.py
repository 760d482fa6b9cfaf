"""The live inbox: `GET /` serves a page (plain HTML, CSS and JavaScript shipped in the package) that polls the
admin API and shows events, rejected entries and calls as they arrive."""

from __future__ import annotations

from functools import cache
from importlib import resources

from mock_partner_events._wire.protocol import HttpResponse

FILES = {
    "/": ("inbox.html", "text/html; charset=utf-8"),
    "/inbox.js": ("inbox.js", "text/javascript; charset=utf-8"),
    "/inbox.css": ("inbox.css", "text/css; charset=utf-8"),
    "/favicon.svg": ("favicon.svg", "image/svg+xml"),
    "/favicon.ico": ("favicon.svg", "image/svg+xml"),  # what browsers ask for unprompted
}
# Everything comes from this server: no inline script, no CDN, no framing by other pages.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


def page(method: str, path: str, target: str | None) -> HttpResponse | None:
    """The inbox file for a browser's GET (no X-Amz-Target), or None: the request is for the APIs."""
    if method not in ("GET", "HEAD") or target is not None or path not in FILES:
        return None
    name, content_type = FILES[path]
    body = _read(name)
    headers = {"content-type": content_type, "content-length": str(len(body)), **SECURITY_HEADERS}
    return HttpResponse(200, headers, body)


@cache
def _read(name: str) -> bytes:
    return resources.files("mock_partner_events._server").joinpath("static", name).read_bytes()
