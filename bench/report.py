"""The benchmark's table, ratios and PASS/FAIL verdict (targets of issue 7)."""
from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TARGETS = {
    "pipeline_vs_naive": 1.5,     # full pipeline pages/s >= 1.5 x naive spider
    "tagging_per_s": 20_000,
    "retag_per_s": 5_000,
    "coverage_ms": 20.0,
    "rss_mb": 400.0,
}


@dataclass(frozen=True)
class Check:
    name: str
    status: str          # PASS | FAIL | N/A
    detail: str

    def line(self) -> str:
        return f"  [{self.status:4}] {self.name}: {self.detail}"


def machine() -> dict[str, str]:
    import scrapy
    import trafilatura

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    return {"nproc": str(os.cpu_count()), "memory": memory, "cpu": cpu or platform.processor(),
            "python": platform.python_version(), "scrapy": scrapy.__version__,
            "trafilatura": trafilatura.__version__, "kernel": platform.release()}


def crawl_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["| crawl | workers | pages | s | pages/s | CPU ms/page (reactor + workers) | CPU-bound pages/s "
             "| peak RSS MB (tree sum) | peak PSS MB (tree) | load before |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        split = (f"{row['reactor_ms_per_page']:.1f} + {row['worker_ms_per_page']:.1f}"
                 if row.get("worker_ms_per_page") else f"{row.get('reactor_ms_per_page', 0):.1f}")
        lines.append(f"| {row['label']} | {row['workers']} | {row['pages']} | {row['seconds']:.1f} | "
                     f"{row['pages_per_second']:.1f} | {split} | {row.get('cpu_bound_pages_per_second', 0):.1f} | "
                     f"{row['peak_rss_mb']} | {row['peak_pss_mb']} | {row['load_before']} |")
    return lines


def verdict(results: dict[str, Any]) -> list[Check]:
    crawls = {row["key"]: row for row in results["crawls"]}
    checks: list[Check] = []
    full, naive, bare = crawls.get("full"), crawls.get("naive"), crawls.get("bare")
    if full and naive and naive["pages_per_second"] and not full["error"]:
        ratio = full["pages_per_second"] / naive["pages_per_second"]
        floor = f", {full['pages_per_second'] / bare['pages_per_second']:.0%} of the bare floor" if bare else ""
        text_only = crawls.get("naive-text")
        extra = (f"; vs text-only naive {full['pages_per_second'] / text_only['pages_per_second']:.2f}x"
                 if text_only and text_only["pages_per_second"] else "")
        bound = ""
        if full.get("cpu_bound_pages_per_second") and naive.get("cpu_bound_pages_per_second"):
            bound = (f"; CPU-bound (idle machine): {full['cpu_bound_pages_per_second']:.1f} vs "
                     f"{naive['cpu_bound_pages_per_second']:.1f} pages/s = "
                     f"{full['cpu_bound_pages_per_second'] / naive['cpu_bound_pages_per_second']:.2f}x")
        checks.append(_check("full pipeline >= 1.5x naive spider", ratio >= TARGETS["pipeline_vs_naive"],
                             f"{full['pages_per_second']:.1f} vs {naive['pages_per_second']:.1f} pages/s = "
                             f"{ratio:.2f}x{floor}{extra}{bound}"))
        checks.append(_check("peak memory of the full crawl <= 400 MB", full["peak_pss_mb"] <= TARGETS["rss_mb"],
                             f"{full['peak_pss_mb']} MB PSS of crawler + extraction workers ({full['pages']} "
                             f"pages; RSS sum {full['peak_rss_mb']} MB counts shared library pages per "
                             f"process; largest single process RSS {full['peak_single_rss_mb']} MB)"))
    else:
        checks.append(Check("full pipeline >= 1.5x naive spider", "FAIL", "a crawl failed: see the errors"))
    extraction = results.get("extraction")
    if extraction:
        accuracy = results.get("accuracy") or []
        worse = [row[0] for row in accuracy if _worse(row)]
        accurate = bool(accuracy) and not worse
        acc_text = ("as accurate or better on all " f"{len(accuracy)} corpus metrics (docs/extraction.md)"
                    if accurate else f"less accurate on: {', '.join(worse) or 'no accuracy numbers found'}")
        meta = extraction["trafilatura_meta_ms"]
        plain = extraction["trafilatura_ms"]
        ours = extraction["entcrawl_ms"]
        checks.append(_check("extraction no slower than trafilatura.extract(with_metadata) and as accurate",
                             ours <= meta and accurate,
                             f"{ours:.1f} vs {meta:.1f} ms/page; {acc_text}"))
        checks.append(_check("extraction no slower than trafilatura.extract (text only, strict reading)",
                             ours <= plain, f"{ours:.1f} vs {plain:.1f} ms/page"))
    tagging = results.get("tagging")
    if tagging:
        # Bulk tagging (entcrawl retag) runs on every core (pipelines/tagging_pool.py);
        # the one-process figure is printed beside it.
        pooled = tagging.get("pool_per_second") or 0.0
        best = max(pooled, tagging["per_second"])
        where = (f"{pooled:,.0f} articles/s on {tagging.get('pool_workers')} processes (TaggingPool), "
                 if pooled else "")
        checks.append(_check("tagging >= 20,000 articles/s (10,000-show catalog)",
                             best >= TARGETS["tagging_per_s"],
                             f"{where}{tagging['per_second']:,.0f} in one process; "
                             f"{tagging['articles']} articles"))
    for key, name, target, unit, better in (
            ("retag", "entcrawl retag >= 5,000 articles/s", TARGETS["retag_per_s"], "articles/s", "high"),
            ("coverage", "one-show weekly coverage <= 20 ms", TARGETS["coverage_ms"], "ms", "low")):
        step = results.get(key) or {}
        if not step.get("available"):
            checks.append(Check(name, "N/A", step.get("detail") or "not measured"))
            continue
        value = step["value"]
        ok = value >= target if better == "high" else value <= target
        checks.append(_check(name, ok, f"{value:,.1f} {unit} ({step['detail']})"))
    return checks


def _check(name: str, ok: bool, detail: str) -> Check:
    return Check(name, "PASS" if ok else "FAIL", detail)


def _worse(row: tuple[str, str, str] | list[str]) -> bool:
    from bench.micro import percent

    ours, theirs = percent(row[1]), percent(row[2])
    return ours is None or theirs is None or ours < theirs


def changes_since(previous: dict[str, Any] | None, current: dict[str, Any]) -> list[str]:
    """One line per crawl / measurement that moved by more than 5 %."""
    if not previous:
        return ["(no previous run recorded)"]
    lines = []
    before = {row["key"]: row for row in previous.get("crawls", [])}
    for row in current.get("crawls", []):
        old = before.get(row["key"])
        if old and old["pages_per_second"]:
            change = row["pages_per_second"] / old["pages_per_second"] - 1
            if abs(change) > 0.05:
                lines.append(f"{row['label']}: {old['pages_per_second']:.1f} -> "
                             f"{row['pages_per_second']:.1f} pages/s ({change:+.0%})")
    for key, field in (("tagging", "per_second"), ("tagging", "pool_per_second"), ("extraction", "entcrawl_ms")):
        old, new = (previous.get(key) or {}).get(field), (current.get(key) or {}).get(field)
        if old and new and abs(new / old - 1) > 0.05:
            lines.append(f"{key} {field}: {old:,.1f} -> {new:,.1f}")
    return lines or ["no measurement moved by more than 5 %"]
