"""Server mode: the engine behind werkzeug's threaded HTTP server, for clients in any language.

The only module that imports werkzeug (the `server` extra). `PartnerEventsServer` runs in a background
thread for test suites, or in the foreground for `mock-partner-events serve`.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType
from typing import Any

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._server.wsgi import DEFAULT_MAX_BODY_BYTES, PartnerEventsApp

try:
    from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler
except ImportError as missing:  # pragma: no cover - exercised only without the extra installed
    raise ImportError(
        "mock-partner-events: server mode needs werkzeug; install it with `pip install 'mock-partner-events[server]'`"
    ) from missing

DEFAULT_HOST = "127.0.0.1"
_STOP_TIMEOUT = 5.0
_POLL_SECONDS = 0.02  # how soon serve_forever notices stop(): tests start and stop a server each


class _QuietHandler(WSGIRequestHandler):
    """werkzeug's handler without its per-request log line (test output stays readable, requests stay cheap)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class _LoggingHandler(WSGIRequestHandler):
    """werkzeug's handler as is (a subclass, because werkzeug sets protocol_version on the class it gets)."""


class _TrackingServer(ThreadedWSGIServer):
    """Remembers open client connections so that stop() can end idle keep-alive connections too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.open_connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self.open_connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self.open_connections.discard(request)
        super().shutdown_request(request)

    def drop_open_connections(self) -> None:
        with self._connections_lock:
            connections = list(self.open_connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)


class PartnerEventsServer:
    """The partner API over HTTP on `url`, answered by `mock` (a PartnerEventsMock).

    Use as a context manager, or start()/stop(). Pass a mock, or the mock's keyword options. Binds
    127.0.0.1 and a free port unless told otherwise; request bodies over `max_body_bytes` get a bare 413.
    """

    def __init__(
        self,
        mock: PartnerEventsMock | None = None,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        log_requests: bool = False,
        **options: Any,
    ) -> None:
        if mock is not None and options:
            raise TypeError("mock-partner-events: pass either a PartnerEventsMock or its options, not both")
        self.mock = mock if mock is not None else PartnerEventsMock(**options)
        self.app = PartnerEventsApp(self.mock, max_body_bytes)
        self.host = host
        self._requested_port = port
        self._handler = _LoggingHandler if log_requests else _QuietHandler
        self._server: _TrackingServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._running().port

    @property
    def url(self) -> str:
        """The endpoint URL to give clients (`--endpoint-url`, `endpoint_url=`, `endpoint:`)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def bind(self) -> PartnerEventsServer:
        """Listen on the address; an address in use raises OSError saying what to change."""
        if self._server is None:
            listener = _listen(self.host, self._requested_port)
            try:
                self._server = _TrackingServer(
                    self.host, listener.getsockname()[1], self.app, handler=self._handler, fd=listener.fileno()
                )
            finally:
                listener.close()  # werkzeug listens on its own duplicate of the socket
        return self

    def start(self) -> PartnerEventsServer:
        """Serve in a daemon thread; returns once the server accepts connections."""
        server = self.bind()._running()
        if self._thread is None:
            self._thread = threading.Thread(
                target=server.serve_forever, args=(_POLL_SECONDS,), name=f"mock-partner-events:{server.port}"
            )
            self._thread.daemon = True
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until KeyboardInterrupt, SystemExit or stop() from another thread."""
        server = self.bind()._running()
        self._thread = threading.current_thread()
        try:
            server.serve_forever(_POLL_SECONDS)
        finally:
            server.drop_open_connections()

    def stop(self) -> None:
        """Stop serving, end open connections and release the port."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        if thread is not None:
            server.shutdown()
            thread.join(_STOP_TIMEOUT)
        server.drop_open_connections()
        server.server_close()

    def _running(self) -> _TrackingServer:
        if self._server is None:
            raise RuntimeError("mock-partner-events: the server is not started; use `with PartnerEventsServer()`")
        return self._server

    def __enter__(self) -> PartnerEventsServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "not started"
        return f"<PartnerEventsServer {where}: {self.mock!r}>"


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(128)
    except OSError as error:
        listener.close()
        raise OSError(
            error.errno,
            f"mock-partner-events: cannot listen on {host}:{port} ({error.strerror}); "
            "pick another --port, or port 0 for any free port",
        ) from None
    return listener
