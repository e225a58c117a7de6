"""Helpers for the operations tests: run `entcrawl` in a subprocess, a demo network."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from crawler.demo import demo_registry_entries

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """`entcrawl ARGS` in a fresh interpreter (Twisted's reactor runs once per process)."""
    return subprocess.run(
        [sys.executable, "-c", "from crawler.cli import main; main()", *args],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.fixture(scope="module")
def demo_entries(demo_server) -> list[dict]:
    return demo_registry_entries(demo_server.port)


@pytest.fixture(scope="module")
def demo_registry(demo_entries, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "sites.yaml"
    path.write_text(yaml.safe_dump({"sites": demo_entries}, sort_keys=False), encoding="utf-8")
    return path
