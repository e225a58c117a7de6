"""Database-side measurements: `entcrawl retag` and the one-show weekly coverage query.

Both depend on code other engineers write; when it is missing the step says
"not available" instead of failing the benchmark.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COVERAGE_SCRIPT = Path(__file__).with_name("coverage_query.py")


@dataclass(frozen=True)
class StepResult:
    available: bool
    value: float | None = None     # articles/s (retag) or ms (coverage)
    detail: str = ""


def _cli(*args: str, timeout: float = 1800) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", "from crawler.cli import main; main()", *args],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return result, time.perf_counter() - started


def retag_available() -> bool:
    if not (PROJECT_ROOT / "pipelines" / "retag.py").is_file():
        return False
    result, _ = _cli("retag", "--help", timeout=120)
    return result.returncode == 0


def measure_retag(db: Path, articles: int, catalog: Path | None = None) -> StepResult:
    """`entcrawl retag --db DB` on the full-pipeline database; CLI start-up time is subtracted."""
    if not retag_available():
        return StepResult(False, detail="not available (pipelines/retag.py / `entcrawl retag` missing)")
    if articles == 0:
        return StepResult(False, detail="not available (no stored articles to retag)")
    _, startup = _cli("retag", "--help", timeout=120)
    args = ["retag", "--db", str(db)] + (["--catalog", str(catalog)] if catalog else [])
    result, seconds = _cli(*args)
    if result.returncode != 0:
        return StepResult(False, detail=f"`entcrawl {' '.join(args)}` failed: {result.stderr.strip()[-300:]}")
    work = max(seconds - startup, 1e-3)
    # The command times its own work (read, tagger build, tagging, kinds/claims, writes):
    # "Retagged N articles in S s (R articles/s)"; steadier than wall time minus start-up.
    own = re.search(r"Retagged ([\d,]+) articles in ([\d.]+) s \(([\d,]+) articles/s\)", result.stdout)
    if own:
        return StepResult(True, float(own.group(3).replace(",", "")),
                          f"{own.group(1)} articles in {own.group(2)} s as the command reports; whole command "
                          f"{seconds:.2f} s minus {startup:.2f} s CLI start-up = {articles / work:,.0f}/s")
    return StepResult(True, articles / work,
                      f"{articles} articles in {seconds:.2f} s minus {startup:.2f} s CLI start-up")


def measure_coverage(articles: int) -> StepResult:
    """Run bench/coverage_query.py (another engineer's script) and read its worst median."""
    if not COVERAGE_SCRIPT.is_file():
        return StepResult(False, detail="not available (bench/coverage_query.py missing)")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(COVERAGE_SCRIPT), "--articles", str(articles)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        return StepResult(False, detail=f"not available (coverage_query.py failed: "
                                        f"{result.stderr.strip()[-300:]})")
    medians = [float(m) for m in re.findall(r"weekly coverage query(?: \([^)]*\))?: median ([\d.]+) ms",
                                                result.stdout)]
    if not medians:
        return StepResult(False, detail="not available (no timing in coverage_query.py output)")
    return StepResult(True, max(medians),
                      f"worst of {len(medians)} shows' medians ({', '.join(f'{m:.2f}' for m in medians)} ms)"
                      f" on {articles:,} articles; build+query {time.perf_counter() - started:.0f} s")
