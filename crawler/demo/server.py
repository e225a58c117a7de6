"""DemoServer: serve the four demo sites on 127.0.0.21-24, one shared port.

Each site gets its own ``ThreadingHTTPServer`` bound to its loopback address,
so each is a distinct host.  Pages are rendered once per phase and cached;
tvgazette's relative dates are filled in per request from ``clock()``.
"""
from __future__ import annotations

import threading
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

from crawler.demo.clock import http_date
from crawler.demo.model import SITES, SITES_BY_SLUG
from crawler.demo.network import DemoNetwork, check_phase
from crawler.demo.pages import Page, render_body

TRACKING_PREFIXES = ("utm_", "fbclid", "gclid")
PORT_ATTEMPTS = 50


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], demo: "DemoServer", slug: str) -> None:
        self.demo = demo
        self.slug = slug
        super().__init__(address, DemoRequestHandler)


class DemoRequestHandler(BaseHTTPRequestHandler):
    server: SiteHTTPServer
    server_version = "entcrawl-demo/1.0"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self.respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        demo = self.server.demo
        pages = demo.pages_for(self.server.slug)
        page, redirect = resolve_request(pages, self.path)
        if redirect:
            self.send_simple(301, b"", {"Location": redirect}, send_body)
            return
        if page is None:
            self.send_simple(404, b"<html><body><h1>404 Not Found</h1></body></html>\n",
                             {"Content-Type": "text/html; charset=utf-8"}, send_body)
            return
        headers = {"Content-Type": page.content_type, "X-Demo-Phase": str(demo.phase)}
        if page.last_modified and not page.dynamic:
            headers["Last-Modified"] = http_date(page.last_modified)
            if not_modified(self.headers.get("If-Modified-Since"), page.last_modified):
                self.send_simple(304, b"", headers, send_body=False)
                return
        self.send_simple(200, render_body(page, demo.now()), headers, send_body)

    def send_simple(self, status: int, body: bytes, headers: dict[str, str], send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)
        self.server.demo.count_request()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.demo.verbose:
            super().log_message(format, *args)


def resolve_request(pages: dict[str, Page], raw_path: str) -> tuple[Page | None, str | None]:
    """(page, None), (None, redirect location) or (None, None) for a request path."""
    parts = urlsplit(raw_path)
    path = parts.path or "/"
    key = path + (f"?{parts.query}" if parts.query else "")
    if key in pages:
        return pages[key], None
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.startswith(TRACKING_PREFIXES)]
    clean = path + (f"?{urlencode(kept)}" if kept else "")
    if clean in pages:
        return pages[clean], None
    if not path.endswith("/") and path + "/" in pages and not parts.query:
        return None, path + "/"
    return None, None


def not_modified(header: str | None, last_modified: datetime) -> bool:
    if not header:
        return False
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    return last_modified.replace(microsecond=0) <= since


class DemoServer:
    """Serve a DemoNetwork; use as a context manager or call start()/stop()."""

    def __init__(self, network: DemoNetwork, port: int = 8631, phase: int = 1,
                 clock: Callable[[], datetime] = utc_now, verbose: bool = False) -> None:
        self.network = network
        self.requested_port = port
        self._phase = check_phase(phase)
        self._clock = clock
        self.verbose = verbose
        self._servers: list[SiteHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self._cache: dict[tuple[int, str], dict[str, Page]] = {}
        self._lock = threading.Lock()
        self._requests = 0
        self._port: int | None = None

    # --- lifecycle ------------------------------------------------------------
    def start(self) -> "DemoServer":
        if self._servers:
            return self
        self._servers = self._bind_all(self.requested_port)
        self._port = self._servers[0].server_address[1]
        for server in self._servers:
            thread = threading.Thread(target=server.serve_forever, name=f"demo-{server.slug}",
                                      kwargs={"poll_interval": 0.1}, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _bind_all(self, port: int) -> list[SiteHTTPServer]:
        attempts = PORT_ATTEMPTS if port == 0 else 1
        last_error: OSError | None = None
        for _ in range(attempts):
            servers: list[SiteHTTPServer] = []
            try:
                first = SiteHTTPServer((SITES[0].host, port), self, SITES[0].slug)
                servers.append(first)
                shared = first.server_address[1]
                for site in SITES[1:]:
                    servers.append(SiteHTTPServer((site.host, shared), self, site.slug))
                return servers
            except OSError as error:
                last_error = error
                for server in servers:
                    server.server_close()
        raise OSError(f"could not bind the demo sites on port {port}: {last_error}")

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers, self._threads = [], []

    def __enter__(self) -> "DemoServer":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- state ------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._port is None:
            if self.requested_port == 0:
                raise RuntimeError("port 0 is resolved when the server starts")
            return self.requested_port
        return self._port

    @property
    def phase(self) -> int:
        return self._phase

    def set_phase(self, phase: int) -> None:
        """Switch every site to another phase; takes effect for the next request."""
        self._phase = check_phase(phase)

    def base_url(self, slug: str) -> str:
        return SITES_BY_SLUG[slug].base_url(self.port)

    def now(self) -> datetime:
        return self._clock()

    @property
    def requests_served(self) -> int:
        return self._requests

    def count_request(self) -> None:
        with self._lock:
            self._requests += 1

    def pages_for(self, slug: str) -> dict[str, Page]:
        """Rendered pages of one site for the current phase (rendered once, then cached)."""
        key = (self._phase, slug)
        pages = self._cache.get(key)
        if pages is None:
            with self._lock:
                pages = self._cache.get(key)
                if pages is None:
                    pages = self.network.render_site(slug, key[0], self.port)
                    self._cache[key] = pages
        return pages
