"""Helpers to crawl the demo network (fixtures in tests/conftest.py) in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlite_utils

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LOCAL = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=WARNING"]


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
