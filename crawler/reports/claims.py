"""Release-window claims of one show in publication order (`entcrawl claims`, docs/claims.md).

Reads ``release_claims`` (written by the store and by ``entcrawl retag``)
joined with the article's title and URL.  Exact copies of another article
(``articles.duplicate_of``) are left out unless asked for, as in coverage.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

CERTAINTY_ORDER = ("official", "reported", "rumoured", "speculation")


@dataclass(frozen=True)
class ClaimRow:
    published_at: str
    source: str
    title: str
    url: str
    article_id: int
    season: int | None
    kind: str                  # exact | month | season | part_of_year | quarter | year | none
    earliest: str | None       # ISO dates, inclusive; None for "none"
    latest: str | None
    certainty: str
    span_text: str
    sentence: str
    copy_of: int | None = None

    @property
    def window(self) -> str:
        if self.kind == "none" or not self.earliest:
            return "no date"
        return self.earliest if self.earliest == self.latest else f"{self.earliest} … {self.latest}"


def load_claims(db: Database, show_id: str, season: int | None = None,
                with_copies: bool = False) -> list[ClaimRow]:
    """The show's claims, oldest publication first (undated last), in text order per article."""
    clause, params = "", [show_id]
    if season is not None:
        clause += " AND c.season = ?"
        params.append(season)
    if not with_copies:
        clause += " AND a.duplicate_of IS NULL"
    rows = db.execute(
        "SELECT c.published_at, c.source, a.title, a.url, c.article_id, c.season, c.kind, c.earliest,"
        " c.latest, c.certainty, c.span_text, c.sentence, a.duplicate_of"
        " FROM release_claims c JOIN articles a ON a.id = c.article_id"
        f" WHERE c.show_id = ?{clause}"
        " ORDER BY c.published_at IS NULL, c.published_at, c.article_id, c.span_start", params)
    return [ClaimRow(r[0] or "", r[1] or "", r[2] or "", r[3] or "", int(r[4]), r[5], r[6], r[7], r[8],
                     r[9], r[10] or "", r[11] or "", r[12]) for r in rows]


@dataclass(frozen=True)
class WindowStep:
    """The first time a window (earliest, latest) was claimed."""
    first_published: str
    source: str
    window: str
    phrase: str
    claims: int                # how many claims named this window in all
    certainties: tuple[str, ...]


def window_steps(rows: Sequence[ClaimRow]) -> list[WindowStep]:
    """Distinct windows in the order they first appeared ("no date" claims left out)."""
    order: list[tuple[str | None, str | None]] = []
    first: dict[tuple[str | None, str | None], ClaimRow] = {}
    counts: dict[tuple[str | None, str | None], list[str]] = {}
    for row in rows:
        if row.kind == "none":
            continue
        key = (row.earliest, row.latest)
        if key not in first:
            first[key] = row
            order.append(key)
        counts.setdefault(key, []).append(row.certainty)
    return [WindowStep(first[k].published_at, first[k].source, first[k].window, first[k].span_text,
                       len(counts[k]), tuple(c for c in CERTAINTY_ORDER if c in counts[k]))
            for k in order]


def official_date(rows: Sequence[ClaimRow]) -> ClaimRow | None:
    """The first claim of the latest official exact date (rows in publication order)."""
    official = [r for r in rows if r.kind == "exact" and r.certainty == "official"]
    if not official:
        return None
    latest = official[-1].earliest
    return next(r for r in official if r.earliest == latest)


# ------------------------------------------------------------------ rendering
def claim_record(row: ClaimRow) -> dict[str, Any]:
    record = asdict(row)
    record["window"] = row.window
    return record


def claims_json(rows: Sequence[ClaimRow]) -> str:
    return json.dumps([claim_record(r) for r in rows], ensure_ascii=False, indent=2)


def claims_csv(rows: Sequence[ClaimRow]) -> str:
    out = io.StringIO()
    columns = ["published_at", "source", "season", "kind", "earliest", "latest", "window",
               "certainty", "span_text", "title", "url", "article_id", "copy_of", "sentence"]
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(claim_record(row))
    return out.getvalue()


def claims_table(rows: Sequence[ClaimRow], show_title: str, season: int | None = None,
                 with_copies: bool = False) -> str:
    scope = f"{show_title}" + (f", season {season}" if season is not None else "")
    if not rows:
        return (f"No release-window claims for {scope}. (Claims are written by the crawl and by "
                "`entcrawl retag`.)\n")
    articles = len({r.article_id for r in rows})
    copies = "exact copies included" if with_copies else "exact copies left out"
    lines = [f"Release-window claims for {scope}: {len(rows)} claims in {articles} articles, "
             f"in publication order ({copies})", ""]
    width = max(len(r.window) for r in rows)
    current = None
    for row in rows:
        if row.article_id != current:
            current = row.article_id
            day = row.published_at[:10] if row.published_at else "undated   "
            copy = f"  [copy of #{row.copy_of}]" if row.copy_of else ""
            lines.append(f"{day}  {row.source:18} {row.title}{copy}")
        season_text = f"S{row.season}" if row.season is not None else "S?"
        lines.append(f"    {season_text:>3}  {row.window:<{width}}  {row.certainty:<11}  "
                     f"{json.dumps(row.span_text, ensure_ascii=False)}")
    steps = window_steps(rows)
    if steps:
        lines += ["", "How the window moved (each window the first time it was claimed):"]
        step_width = max(len(s.window) for s in steps)
        for step in steps:
            lines.append(f"  {step.first_published[:10]}  {step.window:<{step_width}}  "
                         f"{json.dumps(step.phrase, ensure_ascii=False):24} {step.claims:3}× "
                         f"{'/'.join(step.certainties):20} {step.source}")
    official = official_date(rows)
    if official is not None:
        lines += ["", f"Latest official date: {official.window}, first stated {official.published_at[:10]} "
                      f"by {official.source} ({official.title})"]
    return "\n".join(lines) + "\n"
