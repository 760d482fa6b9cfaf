"""`mock-partner-events serve` (also `python -m mock_partner_events serve`): the mock as an HTTP server; and
`mock-partner-events contracts diff OLD NEW`: the changes between two event schemas, for CI."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from typing import Any

from mock_partner_events._contracts.cli import add_arguments as add_diff_arguments
from mock_partner_events._contracts.cli import run_diff
from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._server.config import ConfigError, load_config, server_settings
from mock_partner_events._server.wsgi import DEFAULT_MAX_BODY_BYTES, DEFAULT_READ_TIMEOUT

DEFAULT_PORT = 4010
DEFAULT_CONNECTION_LIMIT = 4000  # as _server.http, which imports waitress: `--help` must not


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="mock-partner-events", description="A faithful mock of EventBridge's partner API."
    )
    commands = cli.add_subparsers(dest="command", required=True, metavar="command")
    serve = commands.add_parser("serve", help="answer the partner API over HTTP, with an admin API under /_mock/")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)")
    serve.add_argument("--config", metavar="FILE", help="JSON object of mock options, e.g. faults, seed, accounts")
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        default=DEFAULT_MAX_BODY_BYTES,
        help=f"larger request bodies get a bare 413 (default {DEFAULT_MAX_BODY_BYTES})",
    )
    serve.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host is NAME (repeatable; '*' for any). By default only loopback names "
        "and the bound address are answered, so web pages cannot reach the mock by DNS rebinding. In a container "
        "or as a CI service: serve --host 0.0.0.0 --allowed-host mock-events",
    )
    serve.add_argument(
        "--read-timeout",
        type=int,
        default=DEFAULT_READ_TIMEOUT,
        metavar="SECONDS",
        help=f"close a connection silent this long, mid-request or idle (default {DEFAULT_READ_TIMEOUT})",
    )
    serve.add_argument(
        "--connection-limit",
        type=int,
        metavar="N",
        help=f"open connections at most; past it new clients wait until one closes (default {DEFAULT_CONNECTION_LIMIT};"
        " config key connection_limit)",
    )
    serve.add_argument(
        "--max-events",
        type=int,
        metavar="N",
        help="keep only the newest N events, calls and rejected entries (default: keep everything; /_mock/health "
        "counts what was dropped). Overrides max_events in --config",
    )
    serve.add_argument("--quiet", action="store_true", help="do not log each request")
    contracts = commands.add_parser("contracts", help="event contracts: compare schemas")
    contract_commands = contracts.add_subparsers(dest="contracts_command", required=True, metavar="command")
    compare = contract_commands.add_parser(
        "diff", help="list the changes between two schemas; exit 1 when one breaks consumers, 2 on bad input"
    )
    add_diff_arguments(compare)
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    if arguments.command == "contracts":
        return run_diff(arguments.old, arguments.new, arguments.format, sys.stdout)
    try:
        from mock_partner_events._server.server import PartnerEventsServer
        from mock_partner_events._server.warmup import settle

        options: dict[str, Any] = load_config(arguments.config) if arguments.config else {}
        if arguments.max_events is not None:
            options["max_events"] = arguments.max_events
        settings = server_settings(options)
        if arguments.connection_limit is not None:
            settings["connection_limit"] = arguments.connection_limit
        server = PartnerEventsServer(
            PartnerEventsMock(**options),
            host=arguments.host,
            port=arguments.port,
            max_body_bytes=arguments.max_body_bytes,
            log_requests=not arguments.quiet,
            allowed_hosts=arguments.allowed_host,
            read_timeout=arguments.read_timeout,
            **settings,
        ).bind()
    except (ConfigError, ImportError, OSError, TypeError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    settle()  # this process is only the server: what start-up made is frozen out of the collector's reach
    signal.signal(signal.SIGTERM, _exit_cleanly)
    print(
        f"mock-partner-events: serving the EventBridge partner API at {server.url} "
        f"(inbox: {server.url}/, admin: {server.url}/_mock/)"
    )
    sys.stdout.flush()
    server.serve_forever()
    return 0


def _exit_cleanly(signum: int, frame: Any) -> None:
    raise SystemExit(0)


if __name__ == "__main__":
    sys.exit(main())
