"""A fast static server for the benchmark site on 127.0.0.1.

nginx (Debian package ``nginx``) runs in the foreground as our child process
with a generated config in a temporary folder; ``gzip_static`` serves the
pre-compressed ``*.html.gz`` files with ``Content-Encoding: gzip`` and no
charset.  Without nginx the fallback is clearly labelled: aiohttp in two
processes sharing the port (``SO_REUSEPORT``).  Never ``python -m http.server``.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

NGINX_CONF = """\
daemon off;
master_process on;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; application/xml xml; text/plain txt; }}
    default_type application/octet-stream;
    charset off;
    gzip on;
    gzip_types application/xml text/plain;
    gzip_static on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StaticServer:
    """``with StaticServer(root, port, tmp) as server:`` serves ``root`` until exit."""

    def __init__(self, root: Path, port: int, tmp: Path, *, prefer_nginx: bool = True) -> None:
        self.root, self.port, self.tmp = root, port, tmp
        self.prefer_nginx = prefer_nginx
        self.process: subprocess.Popen | None = None
        self.label = ""

    def __enter__(self) -> StaticServer:
        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
        if self.prefer_nginx and nginx:
            self._start_nginx(nginx)
        else:
            if self.prefer_nginx:
                print("nginx not found (apt-get install -y nginx); using the FALLBACK server", flush=True)
            self._start_fallback()
        self._wait_ready()
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _start_nginx(self, nginx: str) -> None:
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=self.tmp, port=self.port, root=self.root), encoding="utf-8")
        version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.strip()
        self.label = f"{version.replace('nginx version: ', '')} (1 worker, gzip_static)"
        self.process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(self.tmp)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def _start_fallback(self) -> None:
        self.label = "FALLBACK: aiohttp static server, 2 processes (SO_REUSEPORT)"
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("fallback_server.py")),
             str(self.root), str(self.port), "2"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def _wait_ready(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.port}/robots.txt"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                error = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                raise RuntimeError(f"static server exited: {error[-2000:]}")
            try:
                with urllib.request.urlopen(url, timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"static server not ready on port {self.port} after {timeout} s")
