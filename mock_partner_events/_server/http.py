"""waitress, fitted to the mock: AWS-shaped errors for bad raw HTTP, network faults that drop the connection,
and a serving loop that another thread (or SIGTERM) can stop at once.

waitress reads and writes every connection in one event loop and hands whole requests to a fixed pool of
worker threads, so idle keep-alive connections and half-open ones cost no thread, and a connection that
sends nothing for `channel_timeout` seconds (mid-request or between requests) is closed.

Why waitress: measured with this app, 50 keep-alive clients and 1,000 half-open connections (500 of them
mid-body), cheroot served about as many calls per second (2,180 against waitress's 2,100-2,500), but each
connection that has started a request holds one of its worker threads until the timeout, so with the
half-open connections open `/_mock/health` did not answer within 20 s (waitress: under 1 s). gunicorn
forks workers and cannot run inside a test process. waitress is pure Python with no dependencies.

API calls and everything else (the admin API, the inbox page) run on separate worker pools, so calls that
sleep a real delay (`faults.delay(real=True)`) never keep the admin API from answering or the faults from
being cleared. Past `connection_limit` open connections, waitress stops accepting new ones: a new client
waits (in the listen backlog) until others close or time out.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import threading
import uuid
from typing import Any

from mock_partner_events._server.apicall import is_api_call
from mock_partner_events._server.wsgi import BAD_REQUEST, ConnectionDroppedError, PartnerEventsApp
from mock_partner_events._wire.protocol import AwsError, error_response

try:
    from waitress import wasyncore
    from waitress.adjustments import Adjustments
    from waitress.channel import ClientDisconnected, HTTPChannel
    from waitress.parser import HTTPRequestParser, ParsingError
    from waitress.server import TcpWSGIServer
    from waitress.task import ErrorTask, ThreadedTaskDispatcher, WSGITask
    from waitress.utilities import RequestEntityTooLarge
except ImportError as missing:  # pragma: no cover - exercised only without the extra installed
    raise ImportError(
        "mock-partner-events: server mode needs waitress; install it with `pip install 'mock-partner-events[server]'`"
    ) from missing

DEFAULT_CONNECTION_LIMIT = 4000
SIDE_THREADS = 2  # admin API and inbox requests: reads are short, two keep one slow read from blocking another
_OWN_SOCKETS = 2  # waitress counts its listener and its wake-up trigger among the connections it limits
_ACCEPTS_PER_TURN = 64
_MAX_LENGTH_DIGITS = 18  # a Content-Length this long is already beyond any body limit
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE | re.MULTILINE)


class _Task(WSGITask):  # type: ignore[misc]  # waitress ships no types
    """A request handed to the app; a network fault shuts the socket so the client gets no answer at all."""

    def execute(self) -> None:
        try:
            super().execute()
        except ConnectionDroppedError:
            with contextlib.suppress(OSError):  # the client left first: the outcome is the same
                self.channel.socket.shutdown(socket.SHUT_RDWR)
            raise ClientDisconnected("network fault") from None


class _ErrorTask(ErrorTask):  # type: ignore[misc]  # waitress ships no types
    """waitress's answer to bad raw HTTP, in AWS's JSON error shape (a bare 413 for an oversized body)."""

    def execute(self) -> None:
        error = self.request.error
        if error.code == 413:
            answer = error_response(AwsError("", "", 413), str(uuid.uuid4()))
        else:
            message = f"mock-partner-events: {error.reason}: {error.body}; send well-formed HTTP/1.1"
            answer = error_response(AwsError(BAD_REQUEST, message, error.code), str(uuid.uuid4()))
        self.status = f"{answer.status} {error.reason}"
        self.response_headers.extend((name, value) for name, value in answer.headers.items() if name != "connection")
        self.set_close_on_finish()
        self.content_length = len(answer.body)
        self.write(answer.body)


class _Parser(HTTPRequestParser):  # type: ignore[misc]  # waitress ships no types
    """waitress's parser, refusing a Content-Length too long for int() before waitress converts it, and a chunk
    announced larger than the body limit as soon as its size line arrives (not after waiting for its bytes)."""

    completed: bool

    def received(self, data: bytes) -> int:
        consumed: int = super().received(data)
        chunks = self.body_rcv if self.chunked and not self.completed else None
        limit = self.adj.max_request_body_size
        if chunks is not None and self.body_bytes_received + chunks.chunk_remainder >= limit:
            self.error = RequestEntityTooLarge(f"a chunk exceeds max_body of {limit - 1}")
            self.completed = True
        return consumed

    def parse_header(self, header_plus: bytes) -> None:
        found = _LENGTH.search(header_plus)
        if found is not None and len(found.group(1).strip()) > _MAX_LENGTH_DIGITS:
            raise ParsingError(f"Content-Length has more than {_MAX_LENGTH_DIGITS} digits")
        super().parse_header(header_plus)


class _Channel(HTTPChannel):  # type: ignore[misc]  # waitress ships no types
    task_class = _Task
    error_task_class = _ErrorTask
    parser_class = _Parser


class _Server(TcpWSGIServer):  # type: ignore[misc]  # waitress ships no types
    """waitress's server: requests that are not API calls go to a worker pool of their own, and every waiting
    connection is accepted in one turn of the loop.

    waitress accepts one connection per turn, and each turn waits for the GIL behind the worker threads: 50
    clients connecting at once waited 50 turns, and their first calls took up to 0.8 s against 30 ms later
    (issue 20's cold-start stall, measured with benchmarks.load).
    """

    channel_class = _Channel
    side_pool: Any = None

    def add_task(self, channel: Any) -> None:
        request = channel.requests[0] if channel.requests else None
        if self.side_pool is not None and request is not None and not _is_api_request(request):
            self.side_pool.add_task(channel)
        else:
            super().add_task(channel)

    def handle_accept(self) -> None:
        for _ in range(_ACCEPTS_PER_TURN):
            if len(self._map) >= self.adj.connection_limit or not self._accept_one():
                return

    def _accept_one(self) -> bool:
        """waitress's handle_accept for one connection; False when none is waiting."""
        try:
            accepted = self.accept()
            if accepted is None:
                return False
            connection, address = accepted
            self.set_socket_options(connection)
        except OSError:  # a connection the client closed before it was accepted: waitress logs it and goes on
            if self.adj.log_socket_errors:
                self.logger.warning("server accept() threw an exception", exc_info=True)
            return True
        self.channel_class(self, connection, self.fix_addr(address), self.adj, map=self._map)
        return True


def _is_api_request(request: Any) -> bool:
    headers = request.headers
    return is_api_call(headers.get("X_AMZ_TARGET"), headers.get("AUTHORIZATION"))


class Serving:
    """One waitress server on a listening socket, served by `run()` until `stop()` (from any thread)."""

    def __init__(
        self,
        app: PartnerEventsApp,
        listener: socket.socket,
        *,
        threads: int,
        read_timeout: int,
        connection_limit: int = DEFAULT_CONNECTION_LIMIT,
    ) -> None:
        self._map: dict[int, Any] = {}
        settings = Adjustments(
            sockets=[listener],
            threads=threads,
            channel_timeout=read_timeout,
            cleanup_interval=1,
            connection_limit=connection_limit + _OWN_SOCKETS,
            backlog=2048,
            asyncore_use_poll=True,
            max_request_body_size=app.max_body_bytes + 1,  # waitress refuses a body of this size or more
            ident="mock-partner-events",
            clear_untrusted_proxy_headers=False,
        )
        address = (listener.family, listener.type, listener.proto, listener.getsockname())
        # what waitress.create_server does for a socket it is given, with our channel class
        self._server = _Server(app, self._map, _sock=listener, adj=settings, sockinfo=address, bind_socket=False)
        self._side = ThreadedTaskDispatcher()
        self._side.set_thread_count(SIDE_THREADS)
        self._server.side_pool = self._side
        self._stopping = threading.Event()

    def run(self) -> None:
        """Serve in this thread until stop(), KeyboardInterrupt or SystemExit; then close every connection."""
        try:
            while not self._stopping.is_set():
                wasyncore.loop(timeout=1.0, map=self._map, use_poll=True, count=1)
        finally:
            self._server.task_dispatcher.shutdown(cancel_pending=True, timeout=1)
            self._side.shutdown(cancel_pending=True, timeout=1)
            wasyncore.close_all(self._map)

    def stop(self) -> None:
        """Ask run() to end; it wakes at once and closes the listener and every open connection."""
        self._stopping.set()
        with contextlib.suppress(OSError):  # the loop already closed the trigger
            self._server.pull_trigger()


def quiet_waitress() -> None:
    """waitress logs a warning for each queued task under load: the mock's load is expected, keep it quiet."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
