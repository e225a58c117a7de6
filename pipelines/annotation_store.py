"""SQL for article kinds, release claims, annotation keys and retag runs.

Tables from migration ``0005_kinds_and_claims`` (pipelines/migrations.py):

* ``article_show_kinds(article_id, show_id, kind, confidence, evidence,
  where_found, season, episode)``, PK (article_id, show_id, kind);
* ``release_claims(id, article_id, show_id, season, kind, earliest, latest,
  certainty, span_text, span_start, span_end, sentence, cues JSON, relative,
  published_at, source)``: ``published_at`` / ``source`` copied from the
  article so claims sort by publication without a join;
* ``annotation_keys(article_id, show_id, annotation_key)``: what the kinds and
  claims of that (article, show) were derived from (pipelines/annotate.py);
* ``retag_runs``: one row per ``entcrawl retag``.

Every helper runs inside the caller's transaction.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

Pair = tuple[int, str]          # (article_id, show_id)

_KIND_INSERT = ("INSERT OR REPLACE INTO article_show_kinds (article_id, show_id, kind, confidence,"
                " evidence, where_found, season, episode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_KEY_INSERT = ("INSERT OR REPLACE INTO annotation_keys (article_id, show_id, annotation_key)"
               " VALUES (?, ?, ?)")
_CLAIM_INSERT = ("INSERT INTO release_claims (article_id, show_id, season, kind, earliest, latest,"
                 " certainty, span_text, span_start, span_end, sentence, cues, relative,"
                 " published_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_TABLES = ("article_show_kinds", "release_claims", "annotation_keys")


@dataclass
class AnnotationRows:
    """Rows to insert for some (article, show) pairs, ready for ``executemany``."""
    kinds: list[tuple[Any, ...]] = field(default_factory=list)
    claims: list[tuple[Any, ...]] = field(default_factory=list)
    keys: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, article_id: int, published_at: str | None, source: str | None,
            show: Mapping[str, Any], claims: Iterable[Mapping[str, Any]]) -> None:
        """One show's kinds and key (when annotated) and the claims about it."""
        show_id = str(show.get("show_id"))
        for kind in show.get("kinds") or ():
            self.kinds.append((article_id, show_id, kind.get("kind"), kind.get("confidence"),
                               kind.get("evidence"), kind.get("where"), kind.get("season"),
                               kind.get("episode")))
        if show.get("annotation_key"):
            self.keys.append((article_id, show_id, show["annotation_key"]))
        for claim in claims:
            if str(claim.get("show_id")) != show_id:
                continue
            self.claims.append((article_id, show_id, claim.get("season"), claim.get("kind"),
                                claim.get("earliest"), claim.get("latest"), claim.get("certainty"),
                                claim.get("span_text"), claim.get("span_start"), claim.get("span_end"),
                                claim.get("sentence"),
                                json.dumps(list(claim.get("cues") or ()), ensure_ascii=False),
                                int(bool(claim.get("relative"))), published_at, source))


def insert_rows(db: Database, rows: AnnotationRows) -> None:
    db.conn.executemany(_KIND_INSERT, rows.kinds)
    db.conn.executemany(_CLAIM_INSERT, rows.claims)
    db.conn.executemany(_KEY_INSERT, rows.keys)


def delete_pairs(db: Database, pairs: Sequence[Pair]) -> None:
    """Remove the kinds, claims and keys of these (article, show) pairs."""
    for table in _TABLES:
        db.conn.executemany(f"DELETE FROM {table} WHERE article_id = ? AND show_id = ?", pairs)


def replace_annotations(db: Database, article_id: int, shows: Sequence[Mapping[str, Any]],
                        claims: Sequence[Mapping[str, Any]]) -> None:
    """The store's call: replace one article's kinds, claims and keys with the item's."""
    for table in _TABLES:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
    valid = [s for s in shows if isinstance(s, Mapping) and s.get("show_id") not in (None, "")]
    if not valid:
        return
    row = db.execute("SELECT published_at, source FROM articles WHERE id = ?", [article_id]).fetchone()
    published_at, source = (row[0], row[1]) if row else (None, None)
    rows = AnnotationRows()
    seen: set[str] = set()
    claim_dicts = [c for c in claims if isinstance(c, Mapping)]
    for show in valid:
        if str(show["show_id"]) in seen:             # article_shows keeps one row per show too
            continue
        seen.add(str(show["show_id"]))
        rows.add(article_id, published_at, source, show, claim_dicts)
    insert_rows(db, rows)


def load_keys(db: Database, first_id: int, last_id: int) -> dict[Pair, str]:
    """Stored annotation keys of the articles with ids in [first_id, last_id]."""
    return {(r[0], r[1]): r[2] for r in db.execute(
        "SELECT article_id, show_id, annotation_key FROM annotation_keys"
        " WHERE article_id BETWEEN ? AND ?", [first_id, last_id])}


def claims_per_pair(db: Database, first_id: int, last_id: int) -> dict[Pair, int]:
    return {(r[0], r[1]): int(r[2]) for r in db.execute(
        "SELECT article_id, show_id, COUNT(*) FROM release_claims WHERE article_id BETWEEN ? AND ?"
        " GROUP BY article_id, show_id", [first_id, last_id])}


def count_claims(db: Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM release_claims").fetchone()[0])


# --------------------------------------------------------------------- retag runs
def start_retag_run(db: Database, started_at: str, catalog: str, full: bool) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO retag_runs (started_at, status, catalog, full_rederive) VALUES (?, 'running', ?, ?)",
            [started_at, catalog, int(full)])
    return int(cursor.lastrowid)


def finish_retag_run(db: Database, run_id: int, values: Mapping[str, Any]) -> None:
    """Fill the run row; ``values`` maps retag_runs columns to values (dicts become JSON)."""
    encoded = {k: json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (dict, list)) else v
               for k, v in values.items()}
    assignments = ", ".join(f"{column} = ?" for column in encoded)
    with db.atomic():
        db.execute(f"UPDATE retag_runs SET {assignments} WHERE id = ?", [*encoded.values(), run_id])
