"""Fault servers and a helper to run `entcrawl crawl` against them in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# One show: loading and compiling the full catalog costs ~1.3 s per spider, and tagging is not tested here.
TINY_CATALOG = Path(__file__).with_name("tiny_shows.yaml")
FAST = ["--local", "--catalog", str(TINY_CATALOG), "-s", "DOWNLOAD_TIMEOUT=3", "-s", "ENTCRAWL_EXTRACTION_WORKERS=0", "-s", "RETRY_TIMES=2", "-s", "ENTCRAWL_RETRY_BACKOFF_BASE=0.05",
        "-s", "REDIRECT_MAX_TIMES=3", "-s", "ENTCRAWL_RECRAWL_WINDOW_DAYS=0"]


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`entcrawl ARGS` in a fresh interpreter (Twisted's reactor runs once per process)."""
    return subprocess.run(
        [sys.executable, "-c", "from crawler.cli import main; main()", *args],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def cli_popen(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from crawler.cli import main; main()", *args],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def write_registry(path: Path, entries: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"sites": entries}, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def workdir(tmp_path) -> Path:
    return tmp_path
