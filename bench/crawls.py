"""Run the benchmark crawls (bench/crawl_job.py), each in its own interpreter, and measure them."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.process_watch import Measured, run_measured
from bench.site import BenchSite

PROJECT_ROOT = Path(__file__).resolve().parent.parent
JOB = Path(__file__).with_name("crawl_job.py")

LABELS = {
    "bare": "1. bare Scrapy spider (floor)",
    "bare-stock": "1b. bare floor, stock Scrapy (no gzip charset middleware)",
    "naive": "2. naive spider: trafilatura.extract(with_metadata)",
    "naive-text": "2b. naive spider: trafilatura.extract (text only)",
    "full": "3. entcrawl full pipeline",
    "full-inline": "3b. entcrawl full pipeline, extraction inline",
}


@dataclass(frozen=True)
class CrawlResult:
    key: str
    workers: str
    pages: int               # article pages fetched
    seconds: float           # Scrapy's elapsed_time_seconds (engine start to close)
    cpu_seconds: float       # the whole process tree, interpreter start included
    peak_rss_mb: float       # sum of RSS over the process tree (crawler + extraction workers)
    peak_pss_mb: float       # sum of PSS over the tree (shared pages counted once)
    peak_single_rss_mb: float
    load_before: float       # 1-minute load average when the crawl started
    stats: dict[str, Any]
    error: str = ""

    @property
    def label(self) -> str:
        return LABELS.get(self.key, self.key)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return self.cpu_seconds * 1000 / self.pages if self.pages else 0.0

    @property
    def reactor_ms_per_page(self) -> float:
        """CPU of the crawl process itself (the reactor thread's work) per page."""
        return float(self.stats.get("bench/cpu_reactor_seconds", 0.0)) * 1000 / self.pages if self.pages else 0.0

    @property
    def worker_ms_per_page(self) -> float:
        return float(self.stats.get("bench/cpu_workers_seconds", 0.0)) * 1000 / self.pages if self.pages else 0.0

    def cpu_bound_pages_per_second(self, cores: int) -> float:
        """Throughput an otherwise idle machine would allow, from the CPU each part used:
        the reactor is one thread (at most one core), the extraction workers use at
        most one core each, and all of them share the machine's cores (0 when not measured)."""
        if not self.reactor_ms_per_page:
            return 0.0
        limits = [1000 / self.reactor_ms_per_page]
        workers = int(self.stats.get("bench/extraction_workers", 0))
        if self.worker_ms_per_page:
            limits.append(1000 * max(workers, 1) / self.worker_ms_per_page)
        limits.append(1000 * cores / (self.reactor_ms_per_page + self.worker_ms_per_page))
        return min(limits)

    def as_dict(self) -> dict[str, Any]:
        resolved = self.stats.get("bench/extraction_workers")
        workers = f"{self.workers} ({resolved})" if resolved is not None and self.workers == "auto" else self.workers
        return {"key": self.key, "label": self.label, "workers": workers, "pages": self.pages,
                "seconds": round(self.seconds, 2), "pages_per_second": round(self.pages_per_second, 1),
                "cpu_seconds": round(self.cpu_seconds, 1), "cpu_ms_per_page": round(self.cpu_ms_per_page, 1),
                "reactor_ms_per_page": round(self.reactor_ms_per_page, 1),
                "worker_ms_per_page": round(self.worker_ms_per_page, 1),
                "cpu_bound_pages_per_second": round(self.cpu_bound_pages_per_second(os.cpu_count() or 1), 1),
                "peak_rss_mb": round(self.peak_rss_mb), "peak_pss_mb": round(self.peak_pss_mb),
                "peak_single_rss_mb": round(self.peak_single_rss_mb),
                "load_before": self.load_before, "error": self.error,
                "stats": {k: v for k, v in self.stats.items() if k.startswith(("entcrawl/", "item_", "log_count"))}}


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def run_crawl_job(key: str, site: BenchSite, workdir: Path, *, workers: str = "auto",
                  profile: Path | None = None) -> CrawlResult:
    mode = "full" if key.startswith("full") else key
    db = workdir / f"{key}.db"
    command = [sys.executable, str(JOB), mode, "--registry", str(site.registry),
               "--start-url", site.url("/sitemap_index.xml"), "--db", str(db), "--workers", workers]
    if profile is not None:
        command += ["--profile", str(profile)]
    load = load_average()
    measured: Measured = run_measured(command, cwd=PROJECT_ROOT,
                                      env={**os.environ, "PYTHONWARNINGS": "ignore"})
    stats: dict[str, Any] = {}
    for line in measured.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            stats = json.loads(line[len("BENCH_RESULT "):])
    error = ""
    if measured.returncode != 0 or not stats:
        error = f"exit {measured.returncode}: {measured.stderr.strip()[-1500:]}"
    pages = int(stats.get("response_received_count", 0)) - site.non_article_requests
    if not error and pages < site.pages:
        problems = {k: v for k, v in stats.items() if "exception_type" in k or k.startswith("entcrawl/errors")}
        error = f"only {pages} of {site.pages} article pages fetched {problems}"
    return CrawlResult(key=key, workers=workers if mode == "full" else "-", pages=max(0, pages),
                       seconds=float(stats.get("elapsed_time_seconds", measured.wall_seconds)),
                       cpu_seconds=measured.cpu_seconds, peak_rss_mb=measured.peak_tree_rss_mb,
                       peak_pss_mb=measured.peak_tree_pss_mb,
                       peak_single_rss_mb=measured.peak_single_rss_mb, load_before=load,
                       stats=stats, error=error)


def stored_articles(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
