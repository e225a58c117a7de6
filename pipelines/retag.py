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

With ``workers > 1`` the tagging runs in a ``TaggingPool`` (pipelines/tagging_pool.py),
started once for the run: the workers tag ahead (up to two batches of 128 articles
each) while this process reads, compares, annotates and writes; the results are the
same as with ``workers=1``.
"""
from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlite_utils import Database

from pipelines import annotation_store as store
from pipelines import database as dbq
from pipelines.annotate import annotate_show, publication_date, show_inputs, show_names
from pipelines.coverage_facts import refresh_coverage_facts
from pipelines.show_catalog import Catalog
from pipelines.show_tagger import ShowTag, ShowTagger
from pipelines.tagging_pool import TaggingPool, tag_articles

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
                   progress: Callable[[RetagSummary], None] | None = None,
                   workers: int = 1) -> RetagSummary:
    """Re-tag all articles of ``db`` with ``catalog``; returns (and records) what changed.
    ``workers > 1``: tag in that many worker processes (same results)."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    started = time.perf_counter()
    summary = RetagSummary(claims_before=store.count_claims(db))
    summary.run_id = store.start_retag_run(db, dbq.utc_now(), catalog_label or catalog.source, full)
    pool: TaggingPool | None = None
    try:
        clock = time.perf_counter()
        tagger = ShowTagger(catalog)             # built once: ~0.1-0.3 s for 239 shows
        names = show_names(catalog)
        if workers > 1:
            pool = TaggingPool(tagger, workers)  # forks: the workers inherit the tagger
        summary.timings["setup"] = time.perf_counter() - clock
        reader = _ArticleReader(db, batch_size, summary.timings)
        tag_batches = pool.tag_many(reader.texts()) if pool else tag_articles(tagger, reader.texts(), 1)
        _retag_batches(db, reader, _TagStream(tag_batches, summary.timings), names, full, summary, progress)
    except BaseException:
        store.finish_retag_run(db, summary.run_id, {"finished_at": dbq.utc_now(), "status": "failed",
                                                    "articles": summary.articles})
        raise
    finally:
        if pool is not None:
            pool.close()
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


class _ArticleReader:
    """Reads the articles ``batch_size`` at a time (one ``SELECT`` by id) as the tagger's
    input; each batch read waits in ``batches`` until its tags come back."""

    def __init__(self, db: Database, batch_size: int, timings: dict[str, float]):
        self._db, self._batch_size, self._timings = db, batch_size, timings
        self.batches: deque[list[tuple[Any, ...]]] = deque()

    def texts(self) -> Iterator[tuple[str, str, str]]:
        """(title, body, language) of every article, in id order, exactly as the tag stage saw them."""
        last_id = 0
        while True:
            clock = time.perf_counter()
            rows = self._db.execute(
                "SELECT id, title, body, language, published_at, source FROM articles"
                " WHERE id > ? ORDER BY id LIMIT ?", [last_id, self._batch_size]).fetchall()
            self._timings["read"] += time.perf_counter() - clock
            if not rows:
                return
            last_id = rows[-1][0]
            self.batches.append(rows)
            for row in rows:
                yield row[1] or "", row[2] or "", row[3] or ""


class _TagStream:
    """One article's tags at a time from batches of tags; times the wait for them as "tag"
    (minus the reading the tagging input did meanwhile, which counts as "read")."""

    def __init__(self, batches: Iterator[list[list[ShowTag]]], timings: dict[str, float]):
        self._tags = chain.from_iterable(batches)
        self._timings = timings

    def next(self) -> list[ShowTag] | None:
        clock, read = time.perf_counter(), self._timings["read"]
        tags = next(self._tags, None)
        self._timings["tag"] += time.perf_counter() - clock - (self._timings["read"] - read)
        return tags


def _retag_batches(db: Database, reader: _ArticleReader, stream: _TagStream,
                   names: Mapping[str, tuple[str, ...]], full: bool, summary: RetagSummary,
                   progress: Callable[[RetagSummary], None] | None) -> None:
    """Every article, ``batch_size`` at a time; each batch written in one transaction."""
    while (tags := stream.next()) is not None:
        rows = reader.batches.popleft()          # the batch of the first article tagged
        clock = time.perf_counter()
        first_id, last_id = rows[0][0], rows[-1][0]
        old_tags = _stored_tags(db, first_id, last_id)
        old_keys = {} if full else store.load_keys(db, first_id, last_id)
        summary.timings["read"] += time.perf_counter() - clock
        writer = _BatchWriter()
        for index, row in enumerate(rows):
            if index:
                tags = stream.next()
            if tags is None:
                raise RuntimeError(f"the tagger returned no tags for article {row[0]}")
            _retag_article(row, tags, names, old_tags.get(row[0], {}), old_keys, full, summary, writer)
        clock = time.perf_counter()
        writer.flush(db)
        summary.timings["write"] += time.perf_counter() - clock
        summary.articles += len(rows)
        if progress is not None:
            progress(summary)


def _retag_article(row: tuple[Any, ...], found: list[ShowTag], names: Mapping[str, tuple[str, ...]],
                   old: dict[str, tuple[Any, ...]], old_keys: Mapping[store.Pair, str], full: bool,
                   summary: RetagSummary, writer: _BatchWriter) -> None:
    article_id, title, body, language, published_at, source = row
    title, body, language = title or "", body or "", language or ""
    tags = [tag.as_dict() for tag in found]
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
