"""Benchmark: `entcrawl retag` (pipelines/retag.py) in articles per second.

    .venv/bin/python bench/retag_speed.py [--articles 20000] [--batch-size 1000]
                                          [--demo-db PATH] [--keep DIR]

Builds a synthetic database with the real migrations: ``--articles`` English
articles of about 2,000-3,000 characters written from templates around real
catalog titles (30 % no show, 45 % one show, 15 % two shows, 10 % an
everyday-word title with or without show evidence; a third carry release-window
sentences), tags and annotates them once (a full retag, the same work as the
crawl's tag stage), then times:

* ``full``: re-derive everything (tagger + kinds + claims for every tag);
* ``unchanged``: the same catalog again (tagger on every article; kinds and
  claims skipped by their annotation keys);
* ``alias added``: one show gains an alias that a share of the articles use.

With ``--demo-db`` the same three runs are timed on a copy of a demo database
(`entcrawl demo --db PATH`).  A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.database import open_database  # noqa: E402
from pipelines.retag import RetagSummary, retag_database  # noqa: E402
from pipelines.show_catalog import Catalog, load_catalog  # noqa: E402
from pipelines.store import published_periods  # noqa: E402

CATALOG = Path(__file__).resolve().parent.parent / "data" / "shows.yaml"
DISTINCT = ("Squid Game", "Stranger Things", "All of Us Are Dead", "House of the Dragon",
            "The Last of Us", "Money Heist", "Alice in Borderland", "Slow Horses", "Bridgerton",
            "The White Lotus", "Crash Landing on You", "Sweet Home")
EVERYDAY = ("Wednesday", "The Bear", "Severance", "Moving", "Euphoria")
NEW_ALIAS = ("bridgerton", "Bridgy")        # the catalog change timed in "alias added"
FILLER = (
    "The streaming market keeps shifting as platforms chase subscribers across regions.",
    "Critics and audiences did not always agree about the pacing of the middle episodes.",
    "Industry analysts point to rising production costs and longer gaps between seasons.",
    "A spokesperson declined to comment on the schedule when reached on Monday.",
    "Fans have spent months trading theories about the cliffhanger on social media.",
    "The writers room reportedly reassembled earlier this spring in Los Angeles.",
    "Several cast members posted photos from a table read over the weekend.",
    "Viewing figures released by the company suggest steady interest abroad.",
)
CLAIMS = (
    "{show} season 2 is expected to premiere in late 2026, according to people familiar with the plans.",
    "Insiders suggest {show} could slip into early 2027.",
    "Netflix confirmed that {show} returns on March 12, 2027.",
    "There is still no official premiere date for {show}.",
    "Rumours circulating online point to early August 2026 for the next season of {show}.",
)
SOURCES = [f"site-{i:02d}" for i in range(10)]


def synthetic_article(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    shows: list[str] = []
    everyday = ""
    if roll < 0.45:
        shows = [rng.choice(DISTINCT)]
    elif roll < 0.60:
        shows = rng.sample(DISTINCT, 2)
    elif roll < 0.70:                         # everyday-word title, as the show or as a word
        word = rng.choice(EVERYDAY)
        everyday = (f"{word} season 3 is streaming now on the platform." if rng.random() < 0.5
                    else f"It was a {word.lower()} moment for everyone in the room.")
    title = f"{shows[0]} season 2: what we know" if shows else "What to watch this week"
    sentences: list[str] = [everyday] if everyday else []
    length = rng.randint(2000, 3000)
    while sum(len(s) for s in sentences) < length:
        sentences.append(rng.choice(FILLER))
        if shows and rng.random() < 0.12:
            sentences.append(f"{rng.choice(shows)} remains one of the most talked-about series.")
        if shows and rng.random() < 0.05:
            sentences.append(rng.choice(CLAIMS).format(show=rng.choice(shows)))
        if "Bridgerton" in shows and rng.random() < 0.02:
            sentences.append("Fans call it Bridgy, and Bridgy season 4 has them hooked.")
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return title, "\n\n".join(paragraphs)


def build(path: Path, articles: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    db.execute("PRAGMA synchronous = OFF")
    db.conn.executemany("INSERT INTO sources (slug) VALUES (?)", [(s,) for s in SOURCES])
    start = datetime(2026, 1, 5, tzinfo=timezone.utc)
    rows = []
    for article_id in range(1, articles + 1):
        title, body = synthetic_article(rng)
        periods = published_periods((start + timedelta(minutes=37 * article_id)).isoformat())
        rows.append((article_id, f"https://x/{article_id}", f"https://x/{article_id}", rng.choice(SOURCES),
                     title, body, "en", periods.published_at, periods.day, periods.week, periods.month))
    db.conn.executemany(
        "INSERT INTO articles (id, url, canonical_url, source, title, body, language, published_at,"
        " published_day, published_week, published_month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.conn.commit()
    db.close()


def with_alias(catalog: Catalog, show_id: str, alias: str) -> Catalog:
    shows = tuple(replace(s, aliases=(*s.aliases, alias)) if s.id == show_id else s for s in catalog.shows)
    return Catalog(shows, source=f"{catalog.source} + alias {alias!r}")


def report(label: str, summary: RetagSummary) -> None:
    parts = "  ".join(f"{k} {v:.2f}s" for k, v in summary.timings.items())
    work = summary.seconds - summary.timings.get("setup", 0.0)
    parts += f"; {summary.articles / work:,.0f}/s without building the tagger" if work > 0 else ""
    print(f"  {label:14} {summary.articles:6} articles in {summary.seconds:6.2f}s = "
          f"{summary.articles_per_second:8,.0f}/s   re-derived {summary.annotations_rederived:6}"
          f"  +{summary.tags_added} -{summary.tags_removed} ~{summary.tags_changed}   ({parts})")


def measure_parts(path: Path, catalog: Catalog, sample: int = 2000) -> None:
    """Per-tag cost of kinds and of claims on ``sample`` tagged articles (the full-retag cost)."""
    from pipelines.annotate import publication_date, show_inputs, show_names
    from pipelines.article_kinds import classify_kinds
    from pipelines.release_claims import extract_release_claims
    from pipelines.show_tagger import ShowTagger

    tagger, names = ShowTagger(catalog), show_names(catalog)
    db = open_database(path)
    rows = db.execute("SELECT title, body, language, published_at FROM articles a WHERE EXISTS"
                      " (SELECT 1 FROM article_shows s WHERE s.article_id = a.id) LIMIT ?", [sample]).fetchall()
    db.close()
    spent = dict.fromkeys(("tag", "keys", "kinds", "claims"), 0.0)
    tags = 0
    for title, body, language, published_at in rows:
        clock = time.perf_counter()
        shows = [tag.as_dict() for tag in tagger.tag(title, body, language=language)]
        spent["tag"] += time.perf_counter() - clock
        clock = time.perf_counter()
        published = publication_date(published_at)
        inputs = show_inputs(title, body, language=language, published=published, shows=shows, names=names)
        spent["keys"] += time.perf_counter() - clock
        for one in inputs:
            tags += 1
            clock = time.perf_counter()
            classify_kinds(title, body, one.aliases, language=language)
            spent["kinds"] += time.perf_counter() - clock
            clock = time.perf_counter()
            extract_release_claims(f"{title}\n\n{body}", show_aliases=one.aliases, published_at=published,
                                   season_hint=one.tag.get("season"), other_show_aliases=one.others)
            spent["claims"] += time.perf_counter() - clock
    print(f"  parts on {len(rows)} tagged articles ({tags} tags): " + ", ".join(
        f"{k} {1000 * v / max(1, len(rows) if k in ('tag', 'keys') else tags):.3f} ms/"
        f"{'article' if k in ('tag', 'keys') else 'tag'}" for k, v in spent.items()))


def measure(path: Path, catalog: Catalog, batch_size: int) -> None:
    db = open_database(path)
    try:
        retag_database(db, catalog, batch_size=batch_size)          # initial tags + annotations
        tagged = db.execute("SELECT COUNT(DISTINCT article_id), COUNT(*) FROM article_shows").fetchone()
        claims = db.execute("SELECT COUNT(*) FROM release_claims").fetchone()[0]
        print(f"  {tagged[0]} tagged articles, {tagged[1]} tags, {claims} claims")
        report("full", retag_database(db, catalog, batch_size=batch_size, full=True))
        report("unchanged", retag_database(db, catalog, batch_size=batch_size))
        report("alias added", retag_database(db, with_alias(catalog, *NEW_ALIAS), batch_size=batch_size))
    finally:
        db.close()
    measure_parts(path, catalog)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--demo-db", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="Keep the synthetic database here.")
    args = parser.parse_args()
    catalog = load_catalog(CATALOG)
    with tempfile.TemporaryDirectory(prefix="retag-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if args.demo_db:
            copy = folder / "demo.db"
            shutil.copyfile(args.demo_db, copy)
            print(f"demo database {args.demo_db}:")
            measure(copy, catalog, args.batch_size)
        path = folder / "synthetic.db"
        path.unlink(missing_ok=True)
        clock = time.perf_counter()
        build(path, args.articles)
        print(f"synthetic database: {args.articles} articles built in {time.perf_counter() - clock:.1f}s")
        measure(path, catalog, args.batch_size)


if __name__ == "__main__":
    main()
