"""Server mode: the engine behind waitress, for clients in any language.

Only this package imports waitress (the `server` extra). `PartnerEventsServer` runs in a background thread for
test suites, or in the foreground for `mock-partner-events serve`. Connections stay open between requests
(HTTP/1.1 keep-alive), a connection silent for `read_timeout` seconds is closed, requests run on a fixed
pool of `threads` workers, and stop() (or SIGTERM under `serve`) ends it all within about a second.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._server.guard import HostPolicy
from mock_partner_events._server.http import DEFAULT_CONNECTION_LIMIT, Serving, quiet_waitress
from mock_partner_events._server.warmup import warm_up
from mock_partner_events._server.wsgi import DEFAULT_MAX_BODY_BYTES, DEFAULT_READ_TIMEOUT, PartnerEventsApp

DEFAULT_HOST = "127.0.0.1"
DEFAULT_THREADS = 8  # the engine serialises on one lock: 8 beat 16 in benchmarks.server; up to 8 real delays overlap
_STOP_TIMEOUT = 2.0


class PartnerEventsServer:
    """The partner API over HTTP on `url`, answered by `mock` (a PartnerEventsMock).

    Use as a context manager, or start()/stop(). Pass a mock, or the mock's keyword options. Binds
    127.0.0.1 and a free port unless told otherwise; request bodies over `max_body_bytes` get a bare 413.
    Requests must name a loopback host or the bound address in `Host`; `allowed_hosts` adds other names
    (a container's or CI service's host name), `"*"` allows any. Past `connection_limit` open connections
    new clients wait until one closes.
    """

    def __init__(
        self,
        mock: PartnerEventsMock | None = None,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        log_requests: bool = False,
        allowed_hosts: Iterable[str] = (),
        threads: int = DEFAULT_THREADS,
        read_timeout: int = DEFAULT_READ_TIMEOUT,
        connection_limit: int = DEFAULT_CONNECTION_LIMIT,
        **options: Any,
    ) -> None:
        if mock is not None and options:
            raise TypeError("mock-partner-events: pass either a PartnerEventsMock or its options, not both")
        self.mock = mock if mock is not None else PartnerEventsMock(**options)
        if isinstance(allowed_hosts, str):
            raise TypeError(f"mock-partner-events: allowed_hosts takes a list of host names, not {allowed_hosts!r}")
        hosts = HostPolicy(host, allowed_hosts)
        self.app = PartnerEventsApp(self.mock, max_body_bytes, hosts=hosts, log_requests=log_requests)
        self.host = host
        self.threads = _positive("threads", threads)
        self.read_timeout = _positive("read_timeout", read_timeout)
        self.connection_limit = _positive("connection_limit", connection_limit)
        self._requested_port = port
        self._port = 0
        self._serving: Serving | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        self._running()
        return self._port

    @property
    def url(self) -> str:
        """The endpoint URL to give clients (`--endpoint-url`, `endpoint_url=`, `endpoint:`)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def bind(self) -> PartnerEventsServer:
        """Listen on the address; an address in use raises OSError saying what to change. The first server of a
        process also warms up (`warmup`), so that its first clients do not queue behind first-call work."""
        if self._serving is None:
            warm_up()
            quiet_waitress()
            listener = _listen(self.host, self._requested_port)
            self._port = listener.getsockname()[1]
            self._serving = Serving(
                self.app,
                listener,
                threads=self.threads,
                read_timeout=self.read_timeout,
                connection_limit=self.connection_limit,
            )
        return self

    def start(self) -> PartnerEventsServer:
        """Serve in a daemon thread; returns once the server accepts connections."""
        serving = self.bind()._running()
        if self._thread is None:
            self._thread = threading.Thread(target=serving.run, name=f"mock-partner-events:{self._port}")
            self._thread.daemon = True
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until KeyboardInterrupt, SystemExit or stop() from another thread."""
        serving = self.bind()._running()
        self._thread = threading.current_thread()
        serving.run()

    def stop(self) -> None:
        """Stop serving, end open connections and release the port."""
        serving, thread = self._serving, self._thread
        if serving is None:
            return
        self._serving = self._thread = None
        serving.stop()
        if thread is not None and thread is not threading.current_thread():
            thread.join(_STOP_TIMEOUT)

    def _running(self) -> Serving:
        if self._serving is None:
            raise RuntimeError("mock-partner-events: the server is not started; use `with PartnerEventsServer()`")
        return self._serving

    def __enter__(self) -> PartnerEventsServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._serving is not None else "not started"
        return f"<PartnerEventsServer {where}: {self.mock!r}>"


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(2048)
    except OSError as error:
        listener.close()
        raise OSError(
            error.errno,
            f"mock-partner-events: cannot listen on {host}:{port} ({error.strerror}); "
            "pick another --port, or port 0 for any free port",
        ) from None
    return listener


def _positive(name: str, value: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"mock-partner-events: {name} must be a positive int, not {value!r}")
    return value
