"""A real redis-server on 127.0.0.1 (skipped when the binary is missing), the demo
network, and helpers to run workers and the ingest as subprocesses."""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from crawler.demo import demo_registry_entries

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKER = "from crawler.cli.worker_cmd import worker; worker()"
INGEST = "from crawler.cli.ingest_cmd import ingest; ingest()"
# Fast cluster timings for tests: close after 2 s of empty queue, heartbeat every 0.5 s.
WORKER_FAST = ["--local", "--idle-timeout", "2", "-s", "ENTCRAWL_WORKER_HEARTBEAT_SECONDS=0.5",
               "-s", "ENTCRAWL_IDLE_POLL_SECONDS=0.2", "-s", "LOG_LEVEL=INFO", "--no-quiet"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self, binary: str, workdir: Path) -> None:
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--requirepass", self.password, "--dir", str(workdir), "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"redis://:{self.password}@127.0.0.1:{self.port}/0"
        self.client = self._connect()

    def _connect(self):
        import redis

        client = redis.Redis.from_url(self.url, decode_responses=True)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return client
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server not installed (Debian: apt-get install redis-server)")
    pytest.importorskip("scrapy_redis")
    server = RedisServer(binary, tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture
def redis_client(redis_server):
    redis_server.client.flushall()
    return redis_server.client


def write_registry(path: Path, port: int, slugs: tuple[str, ...] = ()) -> Path:
    entries = [e for e in demo_registry_entries(port) if not slugs or e["slug"] in slugs]
    path.write_text(yaml.safe_dump({"sites": entries}, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def demo_registry(demo_server, tmp_path_factory) -> Path:
    return write_registry(tmp_path_factory.mktemp("registry") / "sites.yaml", demo_server.port)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONWARNINGS": "always::DeprecationWarning"}


def start_worker(redis_url: str, registry: Path, worker_id: str, log_dir: Path, *extra: str,
                 workers: int = 2) -> subprocess.Popen:
    out = open(log_dir / f"{worker_id}.out", "w")
    err = open(log_dir / f"{worker_id}.err", "w")
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, "--redis", redis_url, "--registry", str(registry),
         "--workers", str(workers), "--worker-id", worker_id, *WORKER_FAST, *extra],
        cwd=PROJECT_ROOT, stdout=out, stderr=err, env=_env())


def start_ingest(redis_url: str, db: Path, log_dir: Path, name: str, *extra: str) -> subprocess.Popen:
    out = open(log_dir / f"{name}.out", "w")
    err = open(log_dir / f"{name}.err", "w")
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, "--redis", redis_url, "--db", str(db), "--idle-timeout", "1",
         "--batch-size", "50", "--no-quiet", *extra],
        cwd=PROJECT_ROOT, stdout=out, stderr=err, env=_env())


def finish(process: subprocess.Popen, timeout: float = 120) -> int:
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"{process.args[3:8]} did not exit by itself within {timeout} s") from None


def read(log_dir: Path, name: str, kind: str = "out") -> str:
    return (log_dir / f"{name}.{kind}").read_text(encoding="utf-8", errors="replace")
