"""A fault-injecting HTTP server on 127.0.0.x for crawler tests.

``FaultServer(routes)`` serves a dict ``{path_with_query: Route}``; a route is
a callable ``route(handler, hit)`` where ``hit`` counts the requests for that
path so far (1 for the first).  The helpers below build the usual answers and
the faults: 5xx bursts, sleeping past the timeout, connection resets,
truncated bodies, wrong or missing charsets, gzip bombs, oversized bodies,
redirects.  Every request path is recorded in ``server.requested``.
"""
from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["FaultHandler", int], None]


class FaultHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128   # the default 5 drops SYNs under 8 parallel connections

    def __init__(self, address: tuple[str, int], owner: FaultServer) -> None:
        self.owner = owner
        super().__init__(address, FaultHandler)

    def handle_error(self, request, client_address) -> None:  # resets are on purpose
        pass


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultHTTPServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        owner = self.server.owner
        hit = owner.record(self.path)
        route = owner.routes.get(self.path)
        if route is None:
            send(self, 404, b"<html><body>not found</body></html>", "text/html; charset=utf-8")
            return
        route(self, hit)

    def log_message(self, *args: object) -> None:
        pass


class FaultServer:
    def __init__(self, routes: dict[str, Route] | None = None, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.host = host
        self.hits: Counter[str] = Counter()
        self.requested: list[str] = []
        self._lock = threading.Lock()
        self._server = FaultHTTPServer((host, 0), self)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def record(self, path: str) -> int:
        with self._lock:
            self.hits[path] += 1
            self.requested.append(path)
            return self.hits[path]

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# --------------------------------------------------------------------------
# answers
# --------------------------------------------------------------------------
def send(handler: FaultHandler, status: int, body: bytes, content_type: str,
         headers: dict[str, str] | None = None, length: int | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    handler.wfile.write(body)


def page(body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> Route:
    return lambda handler, hit: send(handler, 200, body, content_type, headers)


def status(code: int) -> Route:
    return lambda handler, hit: send(handler, code, b"<html><body>error</body></html>", "text/html")


def redirect(location: str, code: int = 302) -> Route:
    return lambda handler, hit: send(handler, code, b"", "text/html", {"Location": location})


def reset(handler: FaultHandler) -> None:
    """Close the connection with a TCP RST before any response byte."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True


def truncate(handler: FaultHandler, body: bytes, content_type: str) -> None:
    """Announce the whole body, send a third of it, then close."""
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body[: len(body) // 3])
    handler.wfile.flush()
    handler.close_connection = True
    handler.connection.shutdown(socket.SHUT_RDWR)


def failing_first(times: int, fault: Callable[[FaultHandler], None], then: Route) -> Route:
    """``fault`` for the first ``times`` hits, then ``then`` (a burst)."""
    def route(handler: FaultHandler, hit: int) -> None:
        if hit <= times:
            fault(handler)
        else:
            then(handler, hit)
    return route


def sleeping(seconds: float, then: Route, times: int | None = None) -> Route:
    def route(handler: FaultHandler, hit: int) -> None:
        if times is None or hit <= times:
            time.sleep(seconds)
        then(handler, hit)
    return route


def streamed_without_length(body: bytes, content_type: str = "text/html; charset=utf-8") -> Route:
    """A close-delimited body (no Content-Length), written in chunks."""
    def route(handler: FaultHandler, hit: int) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        try:
            for start in range(0, len(body), 65536):
                handler.wfile.write(body[start:start + 65536])
        except OSError:  # the crawler hung up once it had enough
            pass
    return route


def gzip_bomb(decompressed_bytes: int) -> Route:
    payload = gzip.compress(b"\0" * decompressed_bytes, compresslevel=9)
    return page(payload, "text/html; charset=utf-8", **{"Content-Encoding": "gzip"})
