"""Who may talk to the server: a loopback Host (DNS-rebinding defence) and JSON-typed admin changes (CSRF).

A web page the developer visits can make the browser send requests to 127.0.0.1, but with its own host name
in `Host`, and can POST cross-origin without a preflight only with a "simple" content type (text/plain,
form data). Refusing foreign Host names and requiring `Content-Type: application/json` for state-changing
admin requests leaves such a page nothing to read and nothing to change. No CORS header is ever sent.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
ANY_HOST = "*"


class HostPolicy:
    """The Host names the server answers: loopback names and addresses, its own address, and `allowed`."""

    def __init__(self, own_host: str, allowed: Iterable[str] = ()) -> None:
        self.allowed = {name.lower().strip("[]") for name in allowed}
        self.allowed.add(own_host.lower().strip("[]"))
        self.any = ANY_HOST in self.allowed

    def permits(self, host_header: str | None) -> bool:
        """True for a request without Host (HTTP/1.0 tools; browsers always send one) or with a permitted one."""
        if self.any or not host_header:
            return True
        name = host_name(host_header)
        return name in self.allowed or is_loopback(name)

    def refusal(self, host_header: str) -> str:
        allowed = ", ".join(sorted(self.allowed))
        return (
            f"Host {host_header!r} is not a loopback name or this server's address (allowed besides loopback: "
            f"{allowed}); to serve other host names start the server with --allowed-host NAME "
            "(allowed_hosts=[...]), or --allowed-host '*' for any"
        )


def host_name(host_header: str) -> str:
    """The name in a Host header, without the port and IPv6 brackets, lower-cased."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value[1:]
    name, _, port = value.rpartition(":")
    return name if name and port.isdigit() and ":" not in name else value


def is_loopback(name: str) -> bool:
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_json(content_type: str | None) -> bool:
    """True for `application/json`, with or without parameters such as charset."""
    return (content_type or "").split(";", 1)[0].strip().lower() == "application/json"
