"""The Datasette side: saved queries, facets, search, read-only, chart plugin, headless Chromium."""
from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from datasette.app import Datasette

from crawler.cli.serve_cmd import PLUGINS_DIR, datasette_command, metadata_for
from crawler.reports.coverage import coverage_report
from pipelines.database import open_database

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def get(db_path: Path, path: str, allow_sql: bool = False):
    async def fetch():
        ds = Datasette([str(db_path)], metadata=metadata_for(db_path), plugins_dir=str(PLUGINS_DIR),
                       settings={"default_allow_sql": allow_sql})
        await ds.invoke_startup()
        return await ds.client.get(path)
    return asyncio.run(fetch())


def rows(db_path: Path, path: str) -> list[dict]:
    response = get(db_path, path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text[:500]
    return response.json()


def python_report(db_path: Path, show: str, title: str):
    db = open_database(db_path)
    try:
        return coverage_report(db, show, title, "week")
    finally:
        db.close()


def test_coverage_by_week_query_equals_the_cli_report(demo_db, db_copy, add_crawl_run):
    add_crawl_run(db_copy, "demo-hallyuko", "2026-05-05T01:00:00+00:00", None, "running")  # killed run
    report = python_report(db_copy, "squid-game", "Squid Game")
    for show in ("squid-game", "Squid Game"):             # id or title
        got = rows(db_copy, f"/entcrawl/show_coverage_by_week.json?show={show.replace(' ', '+')}")
        assert [(r["week"], r["articles"], r["stories"], r["headline"], r["about"]) for r in got] == \
            [(p.period, p.articles, p.stories, p.headline, p.about) for p in report.periods]
        assert [r["share"] for r in got] == [pytest.approx(round(p.share, 4)) for p in report.periods]
        assert [r["gap"] for r in got] == ["; ".join(g.label() for g in p.gap) for p in report.periods]
    assert [r["gap"] for r in got if r["gap"]] == ["demo-hallyuko failed"]
    assert sum(r["articles"] for r in got) == sum(p.articles for p in report.periods) > 30


def test_latest_articles_compare_story_and_health_queries(demo_db):
    path = demo_db.path
    latest = rows(path, "/entcrawl/latest_articles_for_show.json?show=the-bear")
    with sqlite3.connect(path) as conn:
        bear = conn.execute(
            "SELECT COUNT(*) FROM article_shows s JOIN articles a ON a.id = s.article_id"
            " WHERE s.show_id = 'the-bear' AND a.duplicate_of IS NULL").fetchone()[0]
        story_id, members, first_id = conn.execute(
            "SELECT st.id, COUNT(a.id), st.first_article_id FROM stories st"
            " JOIN articles a ON a.story_id = st.id GROUP BY st.id"
            " ORDER BY COUNT(a.id) DESC, st.id LIMIT 1").fetchone()
        runs = dict(conn.execute("SELECT source, SUM(articles_new) FROM crawl_runs GROUP BY source"))
    assert len(latest) == bear > 15
    stamps = [r["published_at"] for r in latest]
    assert stamps == sorted(stamps, reverse=True)
    compare = rows(path, "/entcrawl/compare_shows.json?show_a=squid-game&show_b=Wednesday")
    squid = python_report(path, "squid-game", "Squid Game")
    wednesday = {p.period: p.articles for p in python_report(path, "wednesday", "Wednesday").periods}
    assert [r["a_articles"] for r in compare] == [p.articles for p in squid.periods]
    assert [r["b_articles"] for r in compare] == [wednesday.get(r["week"], 0) for r in compare]
    assert sum(r["b_articles"] for r in compare) == sum(wednesday.values()) > 15
    story = rows(path, f"/entcrawl/story_articles.json?story={story_id}")
    assert len(story) == members > 1
    assert story[0]["id"] == first_id and story[0]["first_publisher"] == 1
    health = rows(path, "/entcrawl/crawl_health.json")
    assert {r["source"]: r["articles_new"] for r in health} == runs
    assert all(r["failed_runs"] == 0 and r["last_status"] == "finished" for r in health)
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
    assert sum(r["articles_new"] for r in health) == stored > 300


def test_search_with_snippets_and_facets(demo_db):
    found = rows(demo_db.path, "/entcrawl/search_articles.json?q=Squid+Game")
    assert found and all("[" in r["snippet"] and "]" in r["snippet"] for r in found)
    assert rows(demo_db.path, '/entcrawl/search_articles.json?q=%22unbalanced') == []   # no error
    facets = get(demo_db.path, "/entcrawl/show_articles.json?_size=0").json()["facet_results"]
    assert {"show_title", "source", "language", "season"} <= set(facets)
    shows = {f["value"]: f["count"] for f in facets["show_title"]["results"]}
    with sqlite3.connect(demo_db.path) as conn:
        squid = conn.execute(
            "SELECT COUNT(*) FROM article_shows s JOIN articles a ON a.id = s.article_id WHERE"
            " s.show_id = 'squid-game' AND a.duplicate_of IS NULL AND a.published_day IS NOT NULL"
        ).fetchone()[0]
    assert shows["Squid Game"] == squid > 30
    search = get(demo_db.path, "/entcrawl/articles.json?_search=Squid&_size=0").json()
    assert search["filtered_table_rows_count"] > 0


def test_read_only_without_opt_in(demo_db):
    assert get(demo_db.path, "/entcrawl.json?sql=select+1").status_code == 403
    assert get(demo_db.path, "/entcrawl.json?sql=select+1", allow_sql=True).status_code == 200
    command = datasette_command(str(demo_db.path), host="127.0.0.1", port=8001, allow_sql=False)
    assert command[command.index("default_allow_sql") + 1] == "off"
    assert "--plugins-dir" in command and "127.0.0.1" in command
    metadata = metadata_for(demo_db.path)
    assert all(not q.get("write") for q in metadata["databases"]["entcrawl"]["queries"].values())


def test_chart_script_is_injected_only_on_chart_queries(demo_db):
    page = get(demo_db.path, "/entcrawl/show_coverage_by_week?show=squid-game").text
    assert "entcrawl-chart" in page and '"bars": ["articles"]' in page
    assert not re.search(r"<script[^>]+src=\"https?://", page)
    assert "entcrawl-chart" not in get(demo_db.path, "/entcrawl/crawl_health").text


def test_renamed_database_file_keeps_the_metadata(demo_db, tmp_path):
    other = tmp_path / "my-crawl.db"
    shutil.copyfile(demo_db.path, other)
    assert "my-crawl" in metadata_for(other)["databases"]
    assert len(rows(other, "/my-crawl/show_coverage_by_week.json?show=moving")) > 10


# ---------------------------------------------------------------- headless Chromium
CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium",
                             shutil.which("chromium-browser")) if p and Path(p).exists()), None)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium found (apt-get install chromium)")
def test_chart_renders_in_headless_chromium(demo_db, tmp_path, serve):
    server, url = serve(demo_db.path, "/entcrawl/show_coverage_by_week?show=squid-game")
    try:
        dom = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom", url],
            capture_output=True, text=True, timeout=60).stdout
    finally:
        server.terminate()
        server.wait(timeout=10)
    svg = re.search(r'<svg[^>]*class="entcrawl-chart".*?</svg>', dom, flags=re.S)
    assert svg, dom[-2000:]
    bars = re.findall(r'<rect class="bar"[^>]*height="([\d.]+)"', svg.group(0))
    periods = python_report(demo_db.path, "squid-game", "").periods
    assert len(bars) == len(periods) > 30                    # one bar per week of the table
    assert sum(float(h) > 0 for h in bars) == sum(p.articles > 0 for p in periods)
