"""`entcrawl serve` stops Datasette when it is stopped itself (SIGTERM/SIGHUP), instead of
leaving an orphaned server behind."""
from __future__ import annotations

import signal
import sys
import time
import urllib.request

import pytest

from crawler.cli.serve_cmd import run_forwarding_signals


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1).read()
        return True
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_stopping_serve_stops_datasette(demo_db, serve, sig):
    server, url = serve(demo_db.path)
    server.send_signal(sig)
    server.wait(timeout=15)
    deadline = time.monotonic() + 5
    while answers(url) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not answers(url), "Datasette still serving after entcrawl serve was stopped"


def test_exit_status_is_the_commands():
    assert run_forwarding_signals([sys.executable, "-c", "import sys; sys.exit(3)"]) == 3
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL       # handlers restored
