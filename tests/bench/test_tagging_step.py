"""The benchmark's tagging step (bench/micro.py) and its verdict line (bench/report.py).

No timing is asserted: only that the step measures what it says (the pool gives
the same tags as one process) and that the verdict reads the right figure.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:         # bench/ is not an installed package
    sys.path.insert(0, str(PROJECT_ROOT))

from bench import micro, report  # noqa: E402
from pipelines.show_catalog import load_catalog  # noqa: E402


def _tagging_check(tagging: dict) -> report.Check:
    checks = report.verdict({"crawls": [], "tagging": tagging})
    return next(c for c in checks if c.name.startswith("tagging"))


def test_verdict_reads_the_pool_figure_and_prints_both():
    check = _tagging_check({"per_second": 14_000.0, "pool_per_second": 25_000.0, "pool_workers": 2,
                            "articles": 646})
    assert check.status == "PASS"
    assert "25,000 articles/s on 2 processes" in check.detail and "14,000 in one process" in check.detail


def test_verdict_fails_when_neither_figure_reaches_the_target():
    check = _tagging_check({"per_second": 14_000.0, "pool_per_second": 19_999.0, "pool_workers": 2,
                            "articles": 646})
    assert check.status == "FAIL"


def test_verdict_of_a_run_without_the_pool_uses_the_one_process_figure():
    assert _tagging_check({"per_second": 21_000.0, "articles": 646}).status == "PASS"
    assert _tagging_check({"per_second": 10_572.0, "articles": 646}).status == "FAIL"


def test_time_tagging_measures_one_process_and_the_pool():
    catalog = load_catalog(PROJECT_ROOT / "data" / "shows.yaml")
    texts = micro.demo_texts()[:40]
    timing = micro.time_tagging(catalog, texts, min_seconds=0.05, pool_workers=2)
    assert timing.articles == 40 and timing.shows == len(catalog)
    assert timing.tags_found > 0                 # the demo articles name shows
    assert timing.tagged_per_second > 0 and timing.pool_per_second > 0 and timing.pool_workers == 2


def test_time_tagging_refuses_a_pool_that_tags_differently(monkeypatch):
    from pipelines import tagging_pool

    class WrongPool(tagging_pool.TaggingPool):
        def tag_many(self, articles, *, batch_size=tagging_pool.DEFAULT_TAG_BATCH):
            for batch in super().tag_many(articles, batch_size=batch_size):
                yield [[] for _ in batch]

    monkeypatch.setattr(tagging_pool, "TaggingPool", WrongPool)
    catalog = load_catalog(PROJECT_ROOT / "data" / "shows.yaml")
    with pytest.raises(AssertionError, match="other tags"):
        micro.time_tagging(catalog, micro.demo_texts()[:10], min_seconds=0.01, pool_workers=2)
