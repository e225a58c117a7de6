"""One demo crawl per test session (shared by the pytest-xdist workers), read-only for every report test.

The crawl runs in a subprocess (Twisted's reactor runs once per process)
against the offline demo sites.  Afterwards the crawl_runs times are pinned
to 2026-11-30 (just after the demo's last article) so the gap rule gives the
same answer whatever the machine's clock says; nothing else is changed.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from crawler.demo import DemoNetwork, DemoServer, demo_registry_entries

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CRAWL_STARTED = "2026-11-30T06:00:00+00:00"
CRAWL_FINISHED = "2026-11-30T06:05:00+00:00"


@dataclass(frozen=True)
class DemoDatabase:
    path: Path
    facts: list[dict]          # crawler.demo ground truth, phase 1


def run_cli(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    """`entcrawl ARGS` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", "from crawler.cli import main; main()", *args],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _build_demo_db(folder: Path) -> list[dict]:
    """Crawl the demo network into ``folder/entcrawl.db``; return the phase-1 ground truth."""
    network = DemoNetwork()
    with DemoServer(network, port=0) as server:
        registry = folder / "sites.yaml"
        registry.write_text(yaml.safe_dump({"sites": demo_registry_entries(server.port)},
                                           sort_keys=False), encoding="utf-8")
        path = folder / "entcrawl.db"
        result = run_cli("crawl", "--local", "--registry", str(registry), "--db", str(path),
                         "-s", "LOG_LEVEL=WARNING")
        assert result.returncode == 0, result.stderr[-4000:]
        facts = network.expected_facts(server.port, phase=1)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE crawl_runs SET started_at = ?, finished_at = ?",
                 [CRAWL_STARTED, CRAWL_FINISHED])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return facts


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> DemoDatabase:
    """Built once per test session: under pytest-xdist the first worker that needs it
    crawls (holding a file lock in the session's shared temp folder), the others wait
    and read the same files."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp("demo-db")
        return DemoDatabase(folder / "entcrawl.db", _build_demo_db(folder))
    shared = tmp_path_factory.getbasetemp().parent / "shared-demo-db"   # one per session
    shared.mkdir(exist_ok=True)
    facts_file = shared / "facts.json"
    with open(shared / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not facts_file.exists():
            facts_file.write_text(json.dumps(_build_demo_db(shared)), encoding="utf-8")
    return DemoDatabase(shared / "entcrawl.db", json.loads(facts_file.read_text(encoding="utf-8")))


@pytest.fixture
def db_copy(demo_db, tmp_path) -> Path:
    """A private copy of the demo database a test may change."""
    target = tmp_path / "entcrawl.db"
    shutil.copyfile(demo_db.path, target)
    return target


def _add_crawl_run(path: Path, source: str, started: str, finished: str | None,
                   status: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO crawl_runs (run_id, source, started_at, finished_at, status, pages_fetched)"
            " VALUES ('test', ?, ?, ?, ?, 0)", [source, started, finished, status])


@pytest.fixture
def add_crawl_run():
    """add_crawl_run(db_path, source, started_at, finished_at, status)."""
    return _add_crawl_run


@pytest.fixture
def entcrawl():
    """Run the CLI in-process: entcrawl("coverage", "squid-game", ...) -> click Result."""
    from click.testing import CliRunner

    from crawler.cli import main

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return invoke


@pytest.fixture
def serve():
    """``serve(db, url_path)`` starts `entcrawl serve` (see :func:`start_serve`); killed after the test."""
    started: list[subprocess.Popen] = []

    def start(db: Path, url_path: str = "/-/versions.json") -> tuple[subprocess.Popen, str]:
        server, url = start_serve(db, url_path)
        started.append(server)
        return server, url

    yield start
    for server in started:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)


def start_serve(db: Path, url_path: str = "/-/versions.json", timeout: float = 20) -> tuple[subprocess.Popen, str]:
    """`entcrawl serve --db DB` on a free port, once it answers ``url_path``: (process, URL)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-c", "from crawler.cli import main; main()", "serve", "--db", str(db), "--port", str(port)],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}{url_path}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return server, url
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("datasette did not start: " + server.stderr.read().decode()[-2000:])
            time.sleep(0.2)
