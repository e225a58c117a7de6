"""End to end: crawl the four demo sites with the real pipeline and check the
database against the demo's ground truth.  Then re-crawl after the demo's
articles are updated: no new article, but new versions."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from crawler.demo import expected_facts

from .conftest import LOCAL, PROJECT_ROOT, crawl_demo, open_db


def utc(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)


@pytest.fixture(scope="module")
def crawled(demo_server, demo_registry, demo_network, tmp_path_factory):
    demo_server.set_phase(1)
    db_path = tmp_path_factory.mktemp("db") / "demo.db"
    crawl_demo(demo_registry, db_path)
    facts = expected_facts(demo_network, demo_server.port, phase=1)
    return db_path, {fact["url"]: fact for fact in facts}


def stored_by_url(db):
    rows = db.execute("select * from articles").fetchall()
    columns = [c[0] for c in db.execute("select * from articles limit 0").description]
    return {row[columns.index("canonical_url")]: dict(zip(columns, row)) for row in rows}


def test_every_article_is_stored_once_and_nothing_else(crawled):
    db_path, facts = crawled
    db = open_db(db_path)
    stored = stored_by_url(db)
    missing = sorted(set(facts) - set(stored))
    assert not missing, f"{len(missing)} demo articles not stored, e.g. {missing[:3]}"
    extra = sorted(set(stored) - set(facts))
    assert not extra, f"pages stored that are not demo articles (tag/gallery/AMP/print?): {extra[:5]}"


def test_crawl_runs_record_each_site(crawled):
    db_path, facts = crawled
    db = open_db(db_path)
    runs = {r["source"]: r for r in db["crawl_runs"].rows}
    assert set(runs) == {f["site"] for f in facts.values()}
    for source, run in runs.items():
        assert run["status"] == "finished", source
        assert run["pages_fetched"] > 0
        stored = run["articles_new"] + run["duplicates"]  # copies are stored as linked rows
        assert stored == sum(1 for f in facts.values() if f["site"] == source), source


def test_dates_authors_and_titles_match_the_truth(crawled):
    db_path, facts = crawled
    stored = stored_by_url(open_db(db_path))
    exact_dates = close_dates = authors_ok = titles_ok = 0
    for url, fact in facts.items():
        row = stored[url]
        truth = dt.datetime.fromisoformat(fact["published"])
        delta = abs(utc(row["published_at"]) - truth)
        # A page that only says "3 days ago" gives the day, not the time: stored at day precision.
        day_only = row["published_at"].endswith("T00:00:00+00:00") and row["published_source"] in ("text", "url")
        exact_dates += delta <= dt.timedelta(minutes=1) or (day_only and row["published_at"][:10] == truth.date().isoformat())
        close_dates += delta <= dt.timedelta(hours=36)
        authors_ok += json.loads(row["authors"] or "[]") == fact["authors"]
        titles_ok += row["title"] == fact["title"]
    n = len(facts)
    assert close_dates == n, f"{n - close_dates} dates off by more than a day"
    assert exact_dates / n >= 0.95, exact_dates / n
    assert authors_ok / n >= 0.95, authors_ok / n
    assert titles_ok / n >= 0.97, titles_ok / n


def test_body_has_no_boilerplate(crawled):
    db_path, _ = crawled
    db = open_db(db_path)
    for phrase in ("LEAVE A REPLY", "Please enter your comment", "spot_img", "Share post:", "More like this"):
        hits = db.execute("select count(*) from articles where body like ?", [f"%{phrase}%"]).fetchone()[0]
        assert hits == 0, phrase


def test_syndicated_copies_link_to_their_originals(crawled):
    db_path, facts = crawled
    stored = stored_by_url(open_db(db_path))
    copies = [f for f in facts.values() if f["syndication"]]
    assert copies
    for fact in copies:
        copy, original = stored[fact["url"]], stored[fact["syndication_of"]]
        if fact["syndication"] == "verbatim":
            # linked to whichever of the two was seen first (sites are crawled concurrently)
            pair = {copy["duplicate_of"], original["duplicate_of"]}
            assert pair in ({original["id"], None}, {copy["id"], None}), fact["url"]
        else:
            assert copy["duplicate_of"] is None
        assert copy["story_id"] == original["story_id"], fact["url"]


def test_unrelated_articles_are_not_merged_into_one_story(crawled):
    db_path, facts = crawled
    stored = stored_by_url(open_db(db_path))
    family = {url: fact["syndication_of"] or url for url, fact in facts.items()}
    story_members: dict[int, set[str]] = {}
    for url in facts:
        story_members.setdefault(stored[url]["story_id"], set()).add(family[url])
    merged = {story: members for story, members in story_members.items() if len(members) > 1}
    assert not merged, f"{len(merged)} stories merge unrelated articles: {list(merged.values())[:2]}"


def test_articles_are_tagged_with_their_shows(crawled):
    db_path, facts = crawled
    db = open_db(db_path)
    stored = stored_by_url(db)
    tags: dict[int, set[str]] = {}
    for row in db["article_shows"].rows:
        tags.setdefault(row["article_id"], set()).add(row["show_id"])
    expected = found = wrong = 0
    for url, fact in facts.items():
        got = tags.get(stored[url]["id"], set())
        truth = set(fact["shows"]) | set(fact.get("mentions") or [])
        expected += len(set(fact["shows"]))
        found += len(set(fact["shows"]) & got)
        wrong += len(got - truth)
    assert found / expected >= 0.95, found / expected
    assert wrong <= 0.03 * max(found, 1), wrong


def test_scrapy_crawl_runs_one_site(demo_registry, tmp_path):
    db_path = tmp_path / "one.db"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "demo-hallyuko", "-a", "max_articles=10",
         "-s", f"ENTCRAWL_REGISTRY={demo_registry}", "-s", f"ENTCRAWL_DB={db_path}", *LOCAL],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    db = open_db(db_path)
    assert db["articles"].count == 10
    assert {r["language"] for r in db["articles"].rows} == {"ko"}


def test_scrapy_list_shows_registry_entries(demo_registry):
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "list", "-s", f"ENTCRAWL_REGISTRY={demo_registry}"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["demo-hallyuko", "demo-reelbuzz", "demo-screenwire", "demo-tvgazette"]


def test_bad_spider_argument_fails_before_crawling(demo_registry, tmp_path):
    from .conftest import run_cli

    result = run_cli("crawl", "--local", "--registry", str(demo_registry), "--db",
                     str(tmp_path / "x.db"), "-a", "since=yesterday-ish")
    assert result.returncode == 2
    assert "since: 'yesterday-ish' is not a date" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_second_crawl_adds_nothing_and_versions_updates(demo_server, demo_registry, demo_network, tmp_path):
    db_path = tmp_path / "twice.db"
    demo_server.set_phase(1)
    crawl_demo(demo_registry, db_path)
    db = open_db(db_path)
    before = db["articles"].count
    demo_server.set_phase(2)
    try:  # re-fetch everything: one edited article is old and only on a listing (no date hint)
        crawl_demo(demo_registry, db_path, "-s", "ENTCRAWL_INCREMENTAL=False")
    finally:
        demo_server.set_phase(1)
    assert db["articles"].count == before
    updated = {f["url"] for f in expected_facts(demo_network, demo_server.port, phase=2)
               if f["updated_in_phase"] == 2}
    assert updated
    versioned = {r[0] for r in db.execute(
        "select a.canonical_url from articles a where a.version > 1").fetchall()}
    assert updated <= versioned, sorted(updated - versioned)[:3]
    runs = list(db.execute("select articles_new, articles_updated from crawl_runs order by id").fetchall())
    assert sum(new for new, _ in runs[-4:]) == 0
    assert sum(upd for _, upd in runs[-4:]) >= len(updated)
