"""Distributed crawl throughput: pages/s for 1 and 2 workers on the same local sites.

    .venv/bin/python bench/distributed.py                 # 1 and 2 workers, the four demo sites
    .venv/bin/python bench/distributed.py --workers 1,2,4 --json bench/distributed.json

Starts a redis-server on 127.0.0.1 (free port, random password, no
persistence) and the demo network, then for each worker count N runs N
`entcrawl worker --workers N --local` processes against an empty Redis and
reports pages/s from the workers' own stats: pages fetched / (last spider
close - first spider open - the idle-close wait).  Politeness is divided by
N (per-domain concurrency 8 -> 8/N per worker), so more workers only help
when the workers, not the sites, are the bottleneck.  The ingest then
drains the items into a fresh database and its items/s is reported too.
Needs redis-server (Debian: apt-get install redis-server).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from crawler.demo import DemoNetwork, DemoServer, demo_registry_entries  # noqa: E402
from crawler.distributed.keys import RedisKeys  # noqa: E402

WORKER = "from crawler.cli.worker_cmd import worker; worker()"
INGEST = "from crawler.cli.ingest_cmd import ingest; ingest()"
KEYS = RedisKeys()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(workdir: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server not found (Debian: apt-get install redis-server)")
    port, password = free_port(), secrets.token_hex(16)
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--requirepass", password, "--dir", str(workdir)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, f"redis://:{password}@127.0.0.1:{port}/0"


def connect(url: str):
    import redis

    client = redis.Redis.from_url(url, decode_responses=True)
    for _ in range(200):
        try:
            client.ping()
            return client
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def run_workers(url: str, registry: Path, workers: int, idle: float) -> list[dict]:
    processes = [
        subprocess.Popen([sys.executable, "-c", WORKER, "--redis", url, "--registry", str(registry), "--local",
                          "--workers", str(workers), "--worker-id", f"bench-{workers}-{i}", "--idle-timeout",
                          str(idle), "-s", "LOG_LEVEL=WARNING", "--quiet"],
                         cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL)
        for i in range(workers)
    ]
    for process in processes:
        if process.wait(timeout=900) != 0:
            raise RuntimeError(f"a worker exited with {process.returncode}")
    return [json.loads(r) for r in connect(url).lrange(KEYS.reports, 0, -1)]


def measure(reports: list[dict], idle: float) -> dict:
    starts = [dt.datetime.fromisoformat(r["stats"]["start_time"]) for r in reports]
    ends = [dt.datetime.fromisoformat(r["stats"]["finish_time"]) for r in reports]
    pages = sum(int(r["stats"].get("response_received_count") or 0) for r in reports)
    seconds = max((max(ends) - min(starts)).total_seconds() - idle, 0.001)
    per_worker: dict[str, int] = {}
    for r in reports:
        per_worker[r["worker"]] = per_worker.get(r["worker"], 0) + int(r["stats"].get("response_received_count") or 0)
    return {"pages": pages, "seconds": round(seconds, 2), "pages_per_second": round(pages / seconds, 1),
            "pages_per_worker": per_worker}


def run_ingest(url: str, db: Path) -> dict:
    items = connect(url).llen(KEYS.items)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", INGEST, "--redis", url, "--db", str(db), "--idle-timeout", "0",
                    "--start-timeout", "0", "--no-reconcile", "--quiet"], cwd=PROJECT_ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return {"items": items, "seconds": round(seconds, 2), "items_per_second": round(items / seconds, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--idle", type=float, default=2.0, help="workers' idle-close seconds (subtracted)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",") if n.strip()]
    results = []
    with tempfile.TemporaryDirectory() as tmp, DemoServer(DemoNetwork(), port=0) as server:
        workdir = Path(tmp)
        registry = workdir / "sites.yaml"
        import yaml

        registry.write_text(yaml.safe_dump({"sites": demo_registry_entries(server.port)}, sort_keys=False))
        redis_process, url = start_redis(workdir)
        try:
            client = connect(url)
            for n in counts:
                client.flushall()
                crawl = measure(run_workers(url, registry, n, args.idle), args.idle)
                ingest = run_ingest(url, workdir / f"bench-{n}.db")
                results.append({"workers": n, **crawl, "ingest": ingest})
                print(f"{n} worker(s): {crawl['pages']} pages in {crawl['seconds']} s = "
                      f"{crawl['pages_per_second']} pages/s {crawl['pages_per_worker']}; ingest "
                      f"{ingest['items']} items in {ingest['seconds']} s = {ingest['items_per_second']} items/s",
                      flush=True)
        finally:
            redis_process.terminate()
            redis_process.wait(timeout=10)
    if args.json:
        args.json.write_text(json.dumps({"cpus": os.cpu_count(), "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
