"""A running demo network and helpers to crawl it in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from crawler.demo import DemoNetwork, DemoServer, demo_registry_entries

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LOCAL = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=WARNING"]


@pytest.fixture(scope="module")
def demo_network() -> DemoNetwork:
    return DemoNetwork()


@pytest.fixture(scope="module")
def demo_server(demo_network):
    with DemoServer(demo_network, port=0) as server:
        yield server


@pytest.fixture(scope="module")
def demo_registry(demo_server, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "sites.yaml"
    entries = demo_registry_entries(demo_server.port)
    path.write_text(yaml.safe_dump({"sites": entries}, sort_keys=False), encoding="utf-8")
    return path


def run_cli(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    """Run `entcrawl ARGS` in a fresh interpreter (Twisted's reactor runs once per process)."""
    return subprocess.run(
        [sys.executable, "-c", "from crawler.cli import main; main()", *args],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def crawl_demo(registry: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    result = run_cli("crawl", "--local", "--registry", str(registry), "--db", str(db),
                     "-s", "LOG_LEVEL=WARNING", *extra)
    assert result.returncode == 0, result.stderr[-4000:]
    return result


def open_db(path: Path) -> sqlite_utils.Database:
    return sqlite_utils.Database(path)
