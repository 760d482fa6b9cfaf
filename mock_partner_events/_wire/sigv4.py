"""What a request's SigV4 signature names: the caller's access key id, the region and the service of its credential
scope (`Credential=AKID/20261202/us-east-1/schemas/aws4_request`). Imports nothing but `re`: the dispatch reads it
on every request a transport sees while a mock is active."""

from __future__ import annotations

import re

CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/([^/,\s]+)/")
"""The access key id, the region and the service, as groups 1 to 3."""
_HOST_SERVICE = re.compile(r"^[a-z]+://([a-z0-9]+)[.-]")


def service_named(credential: re.Match[str] | None, url: str) -> str | None:
    """The service of a request: its credential scope's, else its endpoint host's first label (an unsigned
    request to `schemas.us-east-1.amazonaws.com`); None for neither."""
    if credential is not None:
        return credential.group(3)
    host = _HOST_SERVICE.match(url)
    return host.group(1) if host else None
