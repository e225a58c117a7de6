"""In-process measurements: extraction vs trafilatura, tagging with a 10,000-show catalog.

CPU time (``time.process_time``) of one process, after a warm-up, so other
load on the machine affects these numbers less than the crawls.  Tagging on
all cores (``pipelines/tagging_pool.py``, what ``entcrawl retag`` uses) is
wall-clock time: its workers are other processes.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.extraction import ExtractionError, extract_article


@dataclass(frozen=True)
class ExtractionTiming:
    pages: int
    entcrawl_ms: float            # extract_article
    trafilatura_ms: float         # trafilatura.extract(page) (text only)
    trafilatura_meta_ms: float    # trafilatura.extract(page, with_metadata=True, output_format="json")
    articles: list[dict[str, Any]]  # what extract_article returned (reused by the tagging step)


def _interleaved_cpu_ms(functions: list[Callable[[bytes, str], Any]],
                        pages: list[tuple[bytes, str]]) -> list[float]:
    """CPU ms/page of each function, timed page by page in turn, so that load from
    other processes during the run affects every function alike.  The order rotates
    from page to page: whichever function runs second on a page measured up to 10 %
    faster (caches and allocator warm from the first), which would favour one of them."""
    for body, url in pages[:10]:     # warm-up: imports, caches
        for function in functions:
            function(body, url)
    totals = [0.0] * len(functions)
    count = len(functions)
    for number, (body, url) in enumerate(pages):
        for step in range(count):
            index = (number + step) % count
            started = time.process_time()
            functions[index](body, url)
            totals[index] += time.process_time() - started
    return [total * 1000 / len(pages) for total in totals]


def time_extraction(pages: list[tuple[bytes, str]]) -> ExtractionTiming:
    import trafilatura

    articles: list[dict[str, Any]] = []

    def ours(body: bytes, url: str) -> None:
        try:
            articles.append(extract_article(body, url))
        except ExtractionError:
            pass

    def plain(body: bytes, url: str) -> None:
        trafilatura.extract(body, url=url)

    def with_metadata(body: bytes, url: str) -> None:
        trafilatura.extract(body, url=url, with_metadata=True, output_format="json")

    entcrawl_ms, plain_ms, meta_ms = _interleaved_cpu_ms([ours, plain, with_metadata], pages)
    del articles[:10]
    return ExtractionTiming(len(pages), entcrawl_ms, plain_ms, meta_ms, articles)


@dataclass(frozen=True)
class TaggingTiming:
    shows: int
    articles: int                 # distinct articles in the sample
    tagged_per_second: float      # one process, CPU time
    tags_found: int
    build_seconds: float
    pool_workers: int = 0         # TaggingPool workers (0: not measured)
    pool_per_second: float = 0.0  # all cores, wall-clock time


def time_tagging(catalog: Any, texts: list[tuple[str, str, str]], min_seconds: float = 2.0,
                 pool_workers: int = 0) -> TaggingTiming:
    """Articles per second of ``ShowTagger.tag`` over ``texts`` (title, body, language),
    repeated; with ``pool_workers``, also of ``TaggingPool.tag_many`` on that many workers
    (the same tags, checked)."""
    from pipelines.show_tagger import ShowTagger

    started = time.process_time()
    tagger = ShowTagger(catalog)
    build = time.process_time() - started
    expected = [tagger.tag(t, b, language=lang) for t, b, lang in texts]     # warm-up pass
    done, started = 0, time.process_time()
    while True:
        for title, body, language in texts:
            tagger.tag(title, body, language=language)
        done += len(texts)
        elapsed = time.process_time() - started
        if elapsed >= min_seconds:
            break
    pool_rate = _time_tagging_pool(tagger, texts, expected, pool_workers, min_seconds) if pool_workers else 0.0
    return TaggingTiming(len(catalog), len(texts), done / elapsed, sum(map(len, expected)), build,
                         pool_workers, pool_rate)


def _time_tagging_pool(tagger: Any, texts: list[tuple[str, str, str]], expected: list[Any],
                       workers: int, min_seconds: float) -> float:
    """Wall-clock articles/s of ``TaggingPool.tag_many`` streaming ``texts`` again and again
    (the pool's start-up and first pass are not timed; the first pass must equal ``expected``)."""
    from pipelines.tagging_pool import TaggingPool

    with TaggingPool(tagger, workers) as pool:
        got = [tags for batch in pool.tag_many(texts) for tags in batch]
        if got != expected:
            raise AssertionError("TaggingPool.tag_many gave other tags than ShowTagger.tag")
        rounds = 8                      # one stream of 8 passes keeps every worker busy
        done, started = 0, time.perf_counter()
        while True:
            for batch in pool.tag_many(texts * rounds):
                done += len(batch)
            elapsed = time.perf_counter() - started
            if elapsed >= min_seconds:
                return done / elapsed


def demo_texts() -> list[tuple[str, str, str]]:
    """Entertainment articles of the demo network (titles and bodies that name shows)."""
    from crawler.demo import DemoNetwork

    return [(a.title, "\n\n".join(a.paragraphs), a.language) for a in DemoNetwork().articles(3)]


def extraction_accuracy(doc: Path) -> list[tuple[str, str, str]]:
    """(metric, entcrawl, trafilatura) rows of the corpus score table in docs/extraction.md."""
    if not doc.is_file():
        return []
    rows = []
    for line in doc.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.search(r"(eval) .*(exact|contains|day|present|absent)", cells[0]):
            rows.append((cells[0], cells[1].strip("*"), cells[2]))
    return rows


def percent(value: str) -> float | None:
    match = re.search(r"([\d.]+)\s*%", value)
    return float(match.group(1)) if match else None
