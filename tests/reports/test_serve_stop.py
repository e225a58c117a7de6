"""`entcrawl serve` stops Datasette when it is stopped itself (SIGTERM/SIGHUP), instead of
leaving an orphaned server behind."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from crawler.cli.serve_cmd import run_forwarding_signals

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1).read()
        return True
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_stopping_serve_stops_datasette(demo_db, sig):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from crawler.cli import main; main()", "serve",
         "--db", str(demo_db.path), "--port", str(port)],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while not answers(port):
            assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()[-2000:]
            time.sleep(0.2)
        server.send_signal(sig)
        server.wait(timeout=15)
        deadline = time.monotonic() + 5
        while answers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not answers(port), "Datasette still serving after entcrawl serve was stopped"
    finally:
        if server.poll() is None:
            server.kill()


def test_exit_status_is_the_commands():
    assert run_forwarding_signals([sys.executable, "-c", "import sys; sys.exit(3)"]) == 3
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL       # handlers restored
