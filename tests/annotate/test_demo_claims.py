"""Kinds and claims on the demo database (crawled once per session, tagged by the real pipeline)."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from datetime import date

from datasette.app import Datasette

from crawler.cli.options import DEFAULT_CATALOG
from crawler.cli.serve_cmd import PLUGINS_DIR, metadata_for
from pipelines.database import open_database
from pipelines.retag import retag_database
from pipelines.show_catalog import load_catalog

SHOW = "all-of-us-are-dead"
# The demo storyline's windows (crawler/demo/storylines.py) as accepted date ranges.
WINDOW_RANGES = {
    "2026": [("2026-01-01", "2026-12-31")],
    "late 2026": [("2026-09-01", "2026-12-31"), ("2026-07-01", "2026-12-31")],   # 하반기 = H2
    "early August 2026": [("2026-08-01", "2026-08-10")],
    "early 2027": [("2027-01-01", "2027-04-30"), ("2027-01-01", "2027-03-31")],
}


def beats(facts: list[dict]) -> list[dict]:
    return sorted((f for f in facts if f["release_claim"] and f["release_claim"]["show_id"] == SHOW),
                  key=lambda f: f["published"])


def expected_ranges(claim: dict) -> list[tuple[str, str]]:
    if claim["status"] == "official":
        return [("2027-01-29", "2027-01-29")]
    return WINDOW_RANGES[claim["window"]]


def test_claims_cli_shows_the_season_2_window_shifting_in_publish_order(demo_db, entcrawl):
    result = entcrawl("claims", "All of Us Are Dead", "--season", "2", "--format", "json", "--db", str(demo_db.path))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["published_at"] for r in rows] == sorted(r["published_at"] for r in rows)
    assert {r["season"] for r in rows} == {2}
    copies = dict(sqlite3.connect(demo_db.path).execute("SELECT url, duplicate_of FROM articles").fetchall())
    by_url: dict[str, list[dict]] = {}
    for row in rows:
        by_url.setdefault(row["url"], []).append(row)
    checked, story = 0, []
    for beat in beats(demo_db.facts):
        if copies.get(beat["url"]) is not None:      # an exact copy: left out, its original is listed
            assert beat["url"] not in by_url
            continue
        claimed = {(r["earliest"], r["latest"]) for r in by_url.get(beat["url"], [])}
        wanted = expected_ranges(beat["release_claim"])
        assert claimed & set(wanted), (beat["title"], claimed, wanted)
        checked += 1
        story.append((beat["published"][:10], date.fromisoformat(wanted[0][1])))
    assert checked >= 9
    # the window moves later as the year goes on: 2026 → late 2026 → early Aug → early 2027 → Jan 29 2027
    ends = [end for _, end in story]
    assert ends[0] == date(2026, 12, 31) and ends[-1] == date(2027, 1, 29)
    assert any(later > earlier for earlier, later in zip(ends, ends[1:]))
    official = [r for r in rows if r["certainty"] == "official" and r["earliest"] == "2027-01-29"]
    assert official and min(r["published_at"] for r in official)[:10] == "2026-10-14"

    table = entcrawl("claims", SHOW, "--season", "2", "--db", str(demo_db.path)).output
    assert table.index("Everything points to 2026") < table.index("why late 2026 looks likely") \
        < table.index("early August 2026? What we know") < table.index("may slip into early 2027")
    assert "How the window moved" in table and "Latest official date: 2027-01-29, first stated 2026-10-14" in table


def test_claims_csv_chart_and_errors(demo_db, entcrawl, tmp_path):
    path = str(demo_db.path)
    rows = list(csv.DictReader(io.StringIO(entcrawl("claims", SHOW, "--format", "csv", "--db", path).output)))
    assert rows and {"published_at", "source", "window", "certainty", "span_text", "title"} <= set(rows[0])
    with_copies = json.loads(entcrawl("claims", SHOW, "--with-copies", "--format", "json", "--db", path).output)
    assert len(with_copies) > len(rows) and any(r["copy_of"] for r in with_copies)
    html_result = entcrawl("claims", SHOW, "--season", "2", "--db", path, "--chart", str(tmp_path / "c.html"))
    svg = (tmp_path / "c.html").read_text(encoding="utf-8")
    season2 = json.loads(entcrawl("claims", SHOW, "--season", "2", "--format", "json", "--db", path).output)
    assert html_result.exit_code == 0
    assert svg.count('class="claim"') == sum(1 for r in season2 if r["earliest"])
    entcrawl("claims", SHOW, "--season", "2", "--db", path, "--chart", str(tmp_path / "c.png"))
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = entcrawl("claims", SHOW, "--db", path, "--chart", str(tmp_path / "c.svg"))
    assert bad.exit_code == 2 and "--chart" in bad.output
    unknown = entcrawl("claims", "all of us are deadd", "--db", path)
    assert unknown.exit_code == 2
    none = entcrawl("claims", SHOW, "--season", "9", "--db", path)
    assert none.exit_code == 0 and "No release-window claims" in none.output


def test_saved_query_equals_the_cli(demo_db, entcrawl):
    async def fetch():
        ds = Datasette([str(demo_db.path)], metadata=metadata_for(demo_db.path), plugins_dir=str(PLUGINS_DIR))
        await ds.invoke_startup()
        return await ds.client.get(f"/{demo_db.path.stem}/release_claims_for_show.json"
                                   "?show=All+of+Us+Are+Dead&season=2&_shape=array")
    response = asyncio.run(fetch())
    assert response.status_code == 200, response.text[:300]
    cli = json.loads(entcrawl("claims", SHOW, "--season", "2", "--format", "json", "--db", str(demo_db.path)).output)
    keys = ("published_at", "source", "title", "earliest", "latest", "certainty", "span_text")
    assert [tuple(r[k] for k in keys) for r in response.json()] == [tuple(r[k] for k in keys) for r in cli]


def test_coverage_kinds_match_sql_and_timeline_shows_kinds(demo_db, entcrawl):
    path = str(demo_db.path)
    periods = json.loads(entcrawl("coverage", SHOW, "--by", "month", "--kinds", "--format", "json",
                                  "--db", path).output)
    conn = sqlite3.connect(demo_db.path)
    expected: dict[str, dict[str, int]] = {}
    for month, kind, count in conn.execute(
            "SELECT a.published_month, k.kind, COUNT(*) FROM article_show_kinds k"
            " JOIN articles a ON a.id = k.article_id WHERE k.show_id = ? AND a.duplicate_of IS NULL"
            " AND a.published_month IS NOT NULL GROUP BY 1, 2", [SHOW]):
        expected.setdefault(month, {})[kind] = count
    assert sum(sum(p["kinds"].values()) for p in periods) == sum(sum(k.values()) for k in expected.values()) > 20
    for period in periods:
        assert {k: v for k, v in period["kinds"].items() if v} == expected.get(period["period"], {})
        assert period["articles"] <= sum(period["kinds"].values()) <= 3 * period["articles"]
    table = entcrawl("coverage", SHOW, "--kinds", "--db", path).output
    header = next(line for line in table.splitlines() if line.startswith("period"))
    assert "release_date" in header and "articles" in header
    csv_rows = list(csv.DictReader(io.StringIO(entcrawl("coverage", SHOW, "--kinds", "--format", "csv",
                                                        "--db", path).output)))
    assert "kind_release_date" in csv_rows[0]
    timeline = json.loads(entcrawl("timeline", SHOW, "--format", "json", "--db", path).output)
    stored = {(r[0], r[1]) for r in conn.execute(
        "SELECT a.url, k.kind FROM article_show_kinds k JOIN articles a ON a.id = k.article_id"
        " WHERE k.show_id = ?", [SHOW])}
    assert timeline and all(entry["kinds"] for entry in timeline)
    assert {(e["url"], kind) for e in timeline for kind in e["kinds"]} <= stored
    conn.close()


def test_crawl_and_retag_agree(db_copy):
    """Tags, kinds and claims written by the crawl are exactly what retag derives."""
    db = open_database(db_copy)
    try:
        summary = retag_database(db, load_catalog(DEFAULT_CATALOG))
    finally:
        db.close()
    assert summary.articles > 300
    assert (summary.tags_added, summary.tags_removed, summary.tags_changed) == (0, 0, 0)
    assert summary.annotations_rederived == 0 and summary.claims_after == summary.claims_before > 50
