"""Pipeline stages that run in the extraction worker, next to extraction.

Scrapy's reactor is one thread on one core; everything an item pipeline does
runs there.  Two stages are CPU work that depends only on the page and a few
settings: normalize (``pipelines.normalize.normalize_article``: text cleaning,
URLs, dates, authors; the language is left to the reactor, below) and the dedupe fingerprint
(``pipelines.fingerprints.compute_fingerprint``: shingles, MinHash, LSH
bands).  When the extraction pool has worker processes
(``ENTCRAWL_EXTRACTION_WORKERS``, crawler/extraction_pool.py), the spider sends
a :class:`WorkerStages` with each page and the worker runs those stages too.
The item then reaches the pipelines already normalized, with the results in
``item.prepared``; each pipeline takes its part out
(``pipelines.prepared_results.take_prepared``: ``extracted_fields`` by
``ExtractedFieldsPipeline``, ``normalize`` by ``NormalizePipeline``, which
applies the stats and the drop, ``fingerprint`` by ``DedupePipeline``).  The
items, stats and drops are the same as when the pipelines do the work.

A stage runs in the worker only when its pipeline is enabled in
``ITEM_PIPELINES`` (:func:`stages_from_settings`), so a project that removes
or replaces normalize or dedupe gets exactly what its pipelines do.

The language, normalize's last step, is always detected in the reactor
(``NormalizePipeline`` calls ``set_language`` when ``prepared["normalize"]`` says
``language_pending``): its model (~77 MB) is then loaded in one process only.

While the workers have a backlog (``ExtractionPool.backlogged``: they, not the
reactor, limit the crawl), the spider sends no stages at all: the worker only
extracts and the pipelines in the reactor, which has time to spare, do the rest.
Same items either way.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itemadapter import ItemAdapter

from crawler.items import ArticleItem
from crawler.ops.fieldfill import extracted_fields
from pipelines.normalize import NormalizeOptions, normalize_article

NORMALIZE_PIPELINE = "pipelines.normalize.NormalizePipeline"
DEDUPE_PIPELINE = "pipelines.dedupe.DedupePipeline"
EXTRACTED_FIELDS_PIPELINE = "crawler.ops.fieldfill.ExtractedFieldsPipeline"


@dataclass(frozen=True)
class WorkerStages:
    """Which stages a worker runs after extraction (picklable plain values)."""
    normalize: NormalizeOptions
    fingerprint: bool = False        # dedupe's fingerprint of the normalized body
    count_fields: bool = False       # ExtractedFieldsPipeline's flags, taken before normalizing


def _enabled(pipelines: dict[str, Any], path: str) -> bool:
    return pipelines.get(path) is not None


def stages_from_settings(settings: Any, source: str) -> WorkerStages | None:
    """The stages for a crawl of ``source`` with these Scrapy settings, or None.

    None when the normalize pipeline is not enabled: the fingerprint is taken of
    the normalized body, so without normalize nothing can run early.
    """
    pipelines = {str(k): v for k, v in settings.getwithbase("ITEM_PIPELINES").items()}
    if not _enabled(pipelines, NORMALIZE_PIPELINE):
        return None
    options = NormalizeOptions(
        min_body_words=settings.getint("ENTCRAWL_MIN_BODY_WORDS", NormalizeOptions.min_body_words),
        site_name=settings.getdict("ENTCRAWL_SITE_NAMES").get(source) or None,
        site_timezone=settings.getdict("ENTCRAWL_SITE_TIMEZONES").get(source) or None,
    )
    return WorkerStages(options, fingerprint=_enabled(pipelines, DEDUPE_PIPELINE),
                        count_fields=_enabled(pipelines, EXTRACTED_FIELDS_PIPELINE))


def run_worker_stages(item: ArticleItem, stages: WorkerStages) -> ArticleItem:
    """Normalize ``item`` but for its language (and fingerprint it) in place; results
    go to ``item.prepared``.

    A dropped item keeps its extracted values: the drop itself happens in
    ``NormalizePipeline``, which reads ``prepared["normalize"]``.
    """
    from pipelines.fingerprints import compute_fingerprint

    prepared: dict[str, Any] = {}
    if stages.count_fields:
        prepared["extracted_fields"] = extracted_fields(ItemAdapter(item), stages.normalize.min_body_words)
    outcome = normalize_article(item, stages.normalize, detect_language_now=False)
    prepared["normalize"] = {"drop": outcome.drop, "counts": outcome.counts,
                             "language_pending": outcome.language_pending}
    if stages.fingerprint and not outcome.drop:
        fp = compute_fingerprint(item.body)
        if fp.is_near_eligible:
            fp.bands()               # computed here, so the reactor only looks them up
        prepared["fingerprint"] = fp
    item.prepared = prepared
    return item
