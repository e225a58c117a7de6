"""`entcrawl coverage / timeline / compare` against the demo crawl, numbers checked by direct SQL."""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections import Counter

import pytest

from crawler.reports.periods import period_range
from pipelines.store import published_periods

SHOW = "squid-game"


def sql_weekly(path, show: str) -> dict[str, tuple[int, int, int, int]]:
    """Weekly counts straight from articles + article_shows (not from coverage_facts)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT a.published_week, COUNT(*), COUNT(DISTINCT a.story_id),"
            " SUM(s.where_found = 'headline'), SUM(COALESCE(s.is_about, 0))"
            " FROM article_shows s JOIN articles a ON a.id = s.article_id"
            " WHERE s.show_id = ? AND a.duplicate_of IS NULL AND a.published_week IS NOT NULL"
            " GROUP BY 1", [show]).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def sql_tagged_per_week(path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute(
            "SELECT a.published_week, COUNT(DISTINCT a.id) FROM article_shows s"
            " JOIN articles a ON a.id = s.article_id"
            " WHERE a.duplicate_of IS NULL AND a.published_week IS NOT NULL GROUP BY 1").fetchall())


def coverage_json(entcrawl, db, *args) -> list[dict]:
    result = entcrawl("coverage", *args, "--format", "json", "--db", str(db))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_matches_direct_sql_and_is_zero_filled(entcrawl, demo_db):
    rows = coverage_json(entcrawl, demo_db.path, "Squid Game", "--by", "week")
    expected = sql_weekly(demo_db.path, SHOW)
    tagged = sql_tagged_per_week(demo_db.path)
    weeks = [r["period"] for r in rows]
    assert weeks[0] == min(expected) and weeks[-1] == max(tagged)
    assert weeks == period_range(min(expected), max(tagged), "week")    # every week listed
    assert len(weeks) > 30
    assert any(r["articles"] == 0 for r in rows)
    for row in rows:
        articles, stories, headline, about = expected.get(row["period"], (0, 0, 0, 0))
        assert (row["articles"], row["stories"], row["headline"], row["about"]) == \
            (articles, stories, headline, about), row
        assert row["share"] == pytest.approx(articles / tagged[row["period"]] if articles else 0, abs=1e-4)
        assert row["gap"] == []
    assert sum(r["articles"] for r in rows) == sum(v[0] for v in expected.values()) > 30


def test_counts_agree_with_the_demo_ground_truth(entcrawl, demo_db):
    """The demo knows which articles cover or mention the show; the report is close to it
    (the tagger and date extraction are not perfect, so a few articles may move)."""
    truth = Counter(
        published_periods(f["published"]).week for f in demo_db.facts
        if SHOW in (*f["shows"], *f["mentions"]) and f["syndication"] != "verbatim")
    rows = coverage_json(entcrawl, demo_db.path, SHOW)
    got = Counter({r["period"]: r["articles"] for r in rows if r["articles"]})
    moved = sum(((truth - got) + (got - truth)).values())
    assert moved <= 0.2 * sum(truth.values()), (truth, got)


def test_month_and_day_periods_and_source_filter(entcrawl, demo_db):
    months = coverage_json(entcrawl, demo_db.path, SHOW, "--by", "month")
    assert [m["period"] for m in months] == [f"2026-{m:02d}" for m in range(2, 12)]
    assert sum(m["articles"] for m in months) == sum(v[0] for v in sql_weekly(demo_db.path, SHOW).values())
    # the crawl ran on 2026-11-30: November was not over, every source is marked
    assert sorted(months[-1]["gap"]) == [f"{s} incomplete" for s in
                                        ("demo-hallyuko", "demo-reelbuzz", "demo-screenwire", "demo-tvgazette")]
    days = coverage_json(entcrawl, demo_db.path, SHOW, "--by", "day", "--since", "2026-04-01",
                         "--until", "2026-04-30")
    assert [d["period"] for d in days][0] == "2026-04-01" and len(days) == 30
    assert sum(d["articles"] for d in days) == months[2]["articles"]
    with sqlite3.connect(demo_db.path) as conn:
        expected = conn.execute(
            "SELECT COUNT(*) FROM article_shows s JOIN articles a ON a.id = s.article_id"
            " WHERE s.show_id = ? AND a.duplicate_of IS NULL AND a.source = 'demo-screenwire'"
            " AND a.published_week IS NOT NULL", [SHOW]).fetchone()[0]
    only = coverage_json(entcrawl, demo_db.path, SHOW, "--source", "demo-screenwire")
    assert sum(r["articles"] for r in only) == expected > 0


def test_table_has_bars_zero_rows_and_per_source_summary(entcrawl, demo_db):
    result = entcrawl("coverage", "squid game", "--db", str(demo_db.path))
    assert result.exit_code == 0
    out = result.stdout
    weekly = sql_weekly(demo_db.path, SHOW)
    weeks = period_range(min(weekly), max(sql_tagged_per_week(demo_db.path)), "week")
    assert out.startswith(f"Coverage of Squid Game (squid-game) by week, {weeks[0]} … {weeks[-1]}")
    rows = [line for line in out.splitlines() if re.match(r"2026-W\d\d ", line)]
    assert len(rows) == len(weeks)
    peak_row = max(rows, key=lambda line: int(line.split()[1]))
    assert "█" * 24 in peak_row
    assert any(line.split()[1] == "0" and "█" not in line for line in rows)
    total = sum(v[0] for v in weekly.values())
    assert f"{total} articles in {len(weeks)} weeks" in out
    assert "Per source:" in out and "demo-screenwire" in out


def test_csv_has_the_same_numbers_as_json(entcrawl, demo_db):
    result = entcrawl("coverage", SHOW, "--format", "csv", "--db", str(demo_db.path))
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    as_json = coverage_json(entcrawl, demo_db.path, SHOW)
    assert [(r["period"], int(r["articles"]), int(r["stories"])) for r in records] == \
        [(r["period"], r["articles"], r["stories"]) for r in as_json]
    assert {"share", "headline", "about", "gap"} <= set(records[0])


def test_failed_crawl_is_marked_as_a_gap_not_a_drop(entcrawl, db_copy, add_crawl_run):
    add_crawl_run(db_copy, "demo-reelbuzz", "2026-06-10T03:00:00+00:00", "2026-06-10T03:01:00+00:00",
                  "failed")
    rows = {r["period"]: r for r in coverage_json(entcrawl, db_copy, SHOW)}
    assert rows["2026-W24"]["gap"] == ["demo-reelbuzz failed"]
    assert [p for p, r in rows.items() if r["gap"]] == ["2026-W24"]
    # the same week for a source set without demo-reelbuzz has no gap
    other = coverage_json(entcrawl, db_copy, SHOW, "--source", "demo-screenwire")
    assert all(not r["gap"] for r in other)
    table = entcrawl("coverage", SHOW, "--db", str(db_copy)).stdout
    assert re.search(r"^2026-W24 .*⚠ demo-reelbuzz failed$", table, flags=re.M)
    # a successful run later in the same week repairs it
    add_crawl_run(db_copy, "demo-reelbuzz", "2026-06-11T03:00:00+00:00", "2026-06-11T03:10:00+00:00",
                  "finished")
    assert {r["period"]: r for r in coverage_json(entcrawl, db_copy, SHOW)}["2026-W24"]["gap"] == []


def test_unknown_show_exits_2_with_the_closest_matches(entcrawl, demo_db):
    result = entcrawl("coverage", "sqid gme", "--db", str(demo_db.path))
    assert result.exit_code == 2
    assert "unknown show 'sqid gme'" in result.stderr
    assert "squid-game" in result.stderr and "Squid Game" in result.stderr
    nothing = entcrawl("timeline", "zzqqxx", "--db", str(demo_db.path))
    assert nothing.exit_code == 2 and "No close match" in nothing.stderr


def test_timeline_lists_headlines_in_order_with_evidence(entcrawl, demo_db):
    result = entcrawl("timeline", "Squid Game", "--format", "json", "--db", str(demo_db.path))
    entries = json.loads(result.stdout)
    with sqlite3.connect(demo_db.path) as conn:
        count = conn.execute(
            "SELECT COUNT(*) FROM article_shows s JOIN articles a ON a.id = s.article_id"
            " WHERE s.show_id = ? AND a.duplicate_of IS NULL", [SHOW]).fetchone()[0]
    assert len(entries) == count > 30
    dates = [e["published_at"] for e in entries]
    assert dates == sorted(dates)
    assert {"source", "title", "season", "alias", "where", "mentions", "about"} <= set(entries[0])
    assert any(e["season"] == 4 and e["about"] and e["where"] == "headline" for e in entries)
    table = entcrawl("timeline", SHOW, "--limit", "3", "--db", str(demo_db.path)).stdout
    assert table.count("↳ 'Squid Game' in") == 3


def test_compare_side_by_side_equals_single_reports(entcrawl, demo_db):
    result = entcrawl("compare", SHOW, "The Bear", "--format", "json", "--db", str(demo_db.path))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    single = {r["period"]: r for r in coverage_json(entcrawl, demo_db.path, SHOW)}
    bear = sql_weekly(demo_db.path, "the-bear")
    assert [r["period"] for r in rows] == list(single)
    for row in rows:
        assert row["shows"]["squid-game"]["articles"] == single[row["period"]]["articles"]
        assert row["shows"]["the-bear"]["articles"] == bear.get(row["period"], (0,))[0]
    table = entcrawl("compare", SHOW, "the-bear", "wednesday", "--by", "month",
                     "--db", str(demo_db.path)).stdout
    assert "squid-game" in table and "wednesday" in table and "⚠ all 4 sources incomplete" in table
    assert entcrawl("compare", SHOW, "--db", str(demo_db.path)).exit_code == 2


def test_charts_png_and_offline_html(entcrawl, demo_db, tmp_path):
    png, page = tmp_path / "c.png", tmp_path / "c.html"
    assert entcrawl("coverage", SHOW, "--db", str(demo_db.path), "--chart", str(png)).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert entcrawl("compare", SHOW, "the-bear", "--db", str(demo_db.path),
                    "--chart", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.count('class="series"') == 2 and "<svg" in html
    assert not re.search(r"(src|href)=", html) and "<script" not in html
    single = tmp_path / "one.html"
    entcrawl("coverage", SHOW, "--db", str(demo_db.path), "--chart", str(single))
    weeks = len(coverage_json(entcrawl, demo_db.path, SHOW))
    assert single.read_text(encoding="utf-8").count('class="bar"') == weeks
    bad = entcrawl("coverage", SHOW, "--db", str(demo_db.path), "--chart", str(tmp_path / "c.txt"))
    assert bad.exit_code == 2 and not (tmp_path / "c.txt").exists()
