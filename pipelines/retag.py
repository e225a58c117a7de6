"""Re-tag every stored article after a catalog (or rules) change: ``entcrawl retag``.

For each batch of articles (one ``SELECT`` by id range, one transaction):

1. run the tagger (built once) on title + body + language, as the tag stage does;
2. compare with the stored ``article_shows``: shows added, removed, or changed
   (alias, where, mentions, season, score, about); a changed article gets its
   ``article_shows`` rewritten and its ``coverage_facts`` refreshed
   (``pipelines/coverage_facts.refresh_coverage_facts``);
3. re-derive kinds and release claims for each (article, show) whose
   ``annotation_key`` changed (pipelines/annotate.py: the text, date, show names,
   other shows, season, about flag and the rule modules' source) or, with
   ``full=True``, for all; the rest are provably unchanged and are left alone;
4. write with ``executemany``.

A ``retag_runs`` row records the run: counts, speed and the per-show changes.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from pipelines import annotation_store as store
from pipelines import database as dbq
from pipelines.annotate import annotate_show, publication_date, show_inputs, show_names
from pipelines.coverage_facts import refresh_coverage_facts
from pipelines.show_catalog import Catalog
from pipelines.show_tagger import ShowTagger

DEFAULT_BATCH_SIZE = 1000
_TAG_FIELDS = ("alias", "where", "count", "season", "score", "is_about")


@dataclass
class RetagSummary:
    run_id: int = 0
    articles: int = 0
    articles_changed: int = 0          # articles whose tags changed
    tags_added: int = 0
    tags_removed: int = 0
    tags_changed: int = 0
    annotations_rederived: int = 0     # (article, show) pairs whose kinds + claims were recomputed
    claims_before: int = 0
    claims_after: int = 0
    seconds: float = 0.0
    added: Counter[str] = field(default_factory=Counter)      # per show id
    removed: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("setup", "read", "tag", "annotate", "write"), 0.0))

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def shows_changed(self) -> dict[str, dict[str, int]]:
        shows = set(self.added) | set(self.removed) | set(self.changed)
        return {s: {"added": self.added[s], "removed": self.removed[s], "changed": self.changed[s]}
                for s in sorted(shows)}


def _stored_tags(db: Database, first_id: int, last_id: int) -> dict[int, dict[str, tuple[Any, ...]]]:
    tags: dict[int, dict[str, tuple[Any, ...]]] = {}
    for row in db.execute(
            "SELECT article_id, show_id, alias, where_found, mentions, season, score, is_about"
            " FROM article_shows WHERE article_id BETWEEN ? AND ?", [first_id, last_id]):
        tags.setdefault(row[0], {})[row[1]] = (row[2], row[3], row[4], row[5], row[6],
                                               None if row[7] is None else bool(row[7]))
    return tags


def _tag_tuple(tag: Mapping[str, Any]) -> tuple[Any, ...]:
    values = [tag.get(name) for name in _TAG_FIELDS]
    values[-1] = None if values[-1] is None else bool(values[-1])
    return tuple(values)


class _BatchWriter:
    """Collects one batch's changes; :meth:`flush` writes them in one transaction."""

    def __init__(self) -> None:
        self.retagged: list[tuple[int, list[dict[str, Any]]]] = []
        self.stale: list[store.Pair] = []
        self.rows = store.AnnotationRows()

    def flush(self, db: Database) -> None:
        with db.atomic():
            for article_id, tags in self.retagged:
                dbq.replace_article_shows(db, article_id, tags)
            store.delete_pairs(db, self.stale)
            store.insert_rows(db, self.rows)
            for article_id, _ in self.retagged:
                refresh_coverage_facts(db, article_id)


def retag_database(db: Database, catalog: Catalog, *, batch_size: int = DEFAULT_BATCH_SIZE,
                   full: bool = False, catalog_label: str = "",
                   progress: Callable[[RetagSummary], None] | None = None) -> RetagSummary:
    """Re-tag all articles of ``db`` with ``catalog``; returns (and records) what changed."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.perf_counter()
    summary = RetagSummary(claims_before=store.count_claims(db))
    summary.run_id = store.start_retag_run(db, dbq.utc_now(), catalog_label or catalog.source, full)
    clock = time.perf_counter()
    tagger = ShowTagger(catalog)                 # built once: ~0.1-0.3 s for 239 shows
    names = show_names(catalog)
    summary.timings["setup"] = time.perf_counter() - clock
    try:
        _retag_batches(db, tagger, names, batch_size, full, summary, progress)
    except BaseException:
        store.finish_retag_run(db, summary.run_id, {"finished_at": dbq.utc_now(), "status": "failed",
                                                    "articles": summary.articles})
        raise
    summary.claims_after = store.count_claims(db)
    summary.seconds = time.perf_counter() - started
    store.finish_retag_run(db, summary.run_id, {
        "finished_at": dbq.utc_now(), "status": "finished", "articles": summary.articles,
        "articles_changed": summary.articles_changed, "tags_added": summary.tags_added,
        "tags_removed": summary.tags_removed, "tags_changed": summary.tags_changed,
        "annotations_rederived": summary.annotations_rederived,
        "claims_before": summary.claims_before, "claims_after": summary.claims_after,
        "seconds": round(summary.seconds, 3),
        "articles_per_second": round(summary.articles_per_second, 1),
        "shows_changed": summary.shows_changed(),
    })
    return summary


def _retag_batches(db: Database, tagger: ShowTagger, names: Mapping[str, tuple[str, ...]], batch_size: int,
                   full: bool, summary: RetagSummary,
                   progress: Callable[[RetagSummary], None] | None) -> None:
    """Every article, ``batch_size`` at a time; each batch written in one transaction."""
    last_id = 0
    while True:
        clock = time.perf_counter()
        rows = db.execute(
            "SELECT id, title, body, language, published_at, source FROM articles"
            " WHERE id > ? ORDER BY id LIMIT ?", [last_id, batch_size]).fetchall()
        if not rows:
            break
        first_id, last_id = rows[0][0], rows[-1][0]
        old_tags = _stored_tags(db, first_id, last_id)
        old_keys = {} if full else store.load_keys(db, first_id, last_id)
        summary.timings["read"] += time.perf_counter() - clock
        writer = _BatchWriter()
        for row in rows:
            _retag_article(row, tagger, names, old_tags.get(row[0], {}), old_keys, full, summary, writer)
        clock = time.perf_counter()
        writer.flush(db)
        summary.timings["write"] += time.perf_counter() - clock
        summary.articles += len(rows)
        if progress is not None:
            progress(summary)


def _retag_article(row: tuple[Any, ...], tagger: ShowTagger, names: Mapping[str, tuple[str, ...]],
                   old: dict[str, tuple[Any, ...]], old_keys: Mapping[store.Pair, str], full: bool,
                   summary: RetagSummary, writer: _BatchWriter) -> None:
    article_id, title, body, language, published_at, source = row
    title, body, language = title or "", body or "", language or ""
    clock = time.perf_counter()
    tags = [tag.as_dict() for tag in tagger.tag(title, body, language=language)]
    summary.timings["tag"] += time.perf_counter() - clock
    new = {str(tag["show_id"]): tag for tag in tags}
    added = [s for s in new if s not in old]
    removed = [s for s in old if s not in new]
    changed = [s for s in new if s in old and _tag_tuple(new[s]) != old[s]]
    summary.added.update(added)
    summary.removed.update(removed)
    summary.changed.update(changed)
    summary.tags_added += len(added)
    summary.tags_removed += len(removed)
    summary.tags_changed += len(changed)
    if added or removed or changed:
        summary.articles_changed += 1
        writer.retagged.append((article_id, tags))
    writer.stale += [(article_id, s) for s in removed]
    if not tags:                       # nothing to annotate (most articles of a crawl)
        return
    clock = time.perf_counter()
    published = publication_date(published_at)
    for inputs in show_inputs(title, body, language=language, published=published, shows=tags, names=names):
        pair = (article_id, str(inputs.tag["show_id"]))
        if not full and old_keys.get(pair) == inputs.key:
            continue
        show, claims = annotate_show(title, body, language=language, published=published, inputs=inputs)
        writer.stale.append(pair)
        writer.rows.add(article_id, published_at, source, show, claims)
        summary.annotations_rederived += 1
    summary.timings["annotate"] += time.perf_counter() - clock
