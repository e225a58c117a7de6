"""`entcrawl retag` after a catalog change: exactly the right tags, kinds, claims and facts move."""
from __future__ import annotations

import json
import multiprocessing
import re
import sqlite3

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.cli.retag_cmd import POOL_MIN_ARTICLES, resolve_workers
from pipelines.coverage_facts import rebuild_coverage_facts
from pipelines.database import open_database
from pipelines.retag import retag_database
from pipelines.show_catalog import load_catalog
from pipelines import retag as retag_module
from pipelines.tagging_pool import TaggingWorkerError, default_tagging_workers

ARTICLES = [
    ("Glass Harbor season 2 is eyed for late 2026",
     "Glass Harbor season 2 is expected to premiere in late 2026, according to people familiar with the plans.",
     "2026-03-02T10:00:00+00:00"),
    ("Harbor of Glass: the sequel question",
     "Harbor of Glass season 2 is expected to premiere in early 2027, Variety reports. The first season "
     "premiered in 2024.", "2026-03-09T10:00:00+00:00"),
    ("Lantern Street season 3 review: fog and feuds",
     "Lantern Street returns in summer 2026 on HBO. The review copy shows a sharper season.",
     "2026-03-10T10:00:00+00:00"),
    ("Ten podcasts for a long drive", "Nothing here is about television at all.", "2026-03-11T10:00:00+00:00"),
    ("North Pier Nights renewed for season 4", "Hulu renewed North Pier Nights for a fourth season.",
     "2026-03-12T10:00:00+00:00"),
]


def catalog_v2(catalog_v1):
    """The alias "Harbor of Glass" added to glass-harbor, lantern-street removed."""
    text = catalog_v1.read_text(encoding="utf-8").replace("aliases: [GH]", "aliases: [GH, Harbor of Glass]")
    start = text.index("- id: lantern-street")
    text = text[:start] + text[text.index("- id: north-pier"):]
    path = catalog_v1.with_name("shows_v2.yaml")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def stored(tmp_path, catalog_v1, make_item, store_articles):
    db_path = tmp_path / "entcrawl.db"
    store_articles(db_path, catalog_v1, [make_item(i + 1, *a) for i, a in enumerate(ARTICLES)])
    return db_path


def snapshot(db_path) -> dict[str, list]:
    conn = sqlite3.connect(db_path)
    try:
        return {
            "tags": conn.execute("SELECT a.url, s.show_id, s.alias, s.where_found, s.mentions, s.season,"
                                 " s.score, s.is_about FROM article_shows s JOIN articles a ON a.id = s.article_id"
                                 " ORDER BY 1, 2").fetchall(),
            "kinds": conn.execute("SELECT a.url, k.show_id, k.kind, k.confidence, k.evidence FROM article_show_kinds k"
                                  " JOIN articles a ON a.id = k.article_id ORDER BY 1, 2, 3").fetchall(),
            "claims": conn.execute("SELECT a.url, c.show_id, c.season, c.kind, c.earliest, c.latest, c.certainty,"
                                   " c.span_text, c.published_at, c.source FROM release_claims c"
                                   " JOIN articles a ON a.id = c.article_id ORDER BY 1, 2, c.span_start").fetchall(),
            "facts": conn.execute("SELECT a.url, f.show_id, f.published_week, f.is_about FROM coverage_facts f"
                                  " JOIN articles a ON a.id = f.article_id ORDER BY 1, 2").fetchall(),
            "totals": conn.execute("SELECT * FROM coverage_totals ORDER BY 1, 2, 3").fetchall(),
        }
    finally:
        conn.close()


def retag_cli(*args: str):
    return CliRunner().invoke(main, ["retag", "--quiet", *args], catch_exceptions=False)


def test_retag_after_a_catalog_change_moves_exactly_the_changed_tags(stored, catalog_v1, tmp_path,
                                                                      make_item, store_articles):
    before = snapshot(stored)
    assert {(t[0][-1], t[1]) for t in before["tags"]} == {("1", "glass-harbor"), ("3", "lantern-street"),
                                                          ("5", "north-pier")}
    assert [c[7] for c in before["claims"] if c[1] == "lantern-street"] == ["summer 2026"]
    v2 = catalog_v2(catalog_v1)
    result = retag_cli("--db", str(stored), "--catalog", str(v2))
    assert result.exit_code == 0, result.output
    assert "+1 added, -1 removed, ~0 changed, in 2 articles" in result.output
    assert "Retagged 5 articles" in result.output and "articles/s" in result.output
    table = result.output[result.output.index("Changes per show"):]
    assert [line.split() for line in table.splitlines()[2:4]] == [["glass-harbor", "1", "0", "0"],
                                                                  ["lantern-street", "0", "1", "0"]]
    after = snapshot(stored)
    assert {(t[0][-1], t[1]) for t in after["tags"]} == {("1", "glass-harbor"), ("2", "glass-harbor"),
                                                         ("5", "north-pier")}
    assert not [k for k in after["kinds"] if k[1] == "lantern-street"]
    assert not [c for c in after["claims"] if c[1] == "lantern-street"]
    new_claims = [c for c in after["claims"] if c[0].endswith("/2")]
    assert [(c[1], c[2], c[4], c[5], c[7]) for c in new_claims] == [
        ("glass-harbor", 2, "2027-01-01", "2027-04-30", "early 2027")]
    # untouched articles keep their rows exactly
    assert [r for r in after["kinds"] if r[0].endswith(("/1", "/5"))] == \
        [r for r in before["kinds"] if r[0].endswith(("/1", "/5"))]
    # coverage facts were maintained incrementally: a full rebuild gives the same tables
    db = open_database(stored)
    rebuild_coverage_facts(db)
    db.close()
    rebuilt = snapshot(stored)
    assert (rebuilt["facts"], rebuilt["totals"]) == (after["facts"], after["totals"])
    assert ("https://example.test/2", "glass-harbor", "2026-W11", 1) in after["facts"]
    # and everything equals crawling the same pages with the new catalog from scratch
    fresh = tmp_path / "fresh.db"
    store_articles(fresh, v2, [make_item(i + 1, *a) for i, a in enumerate(ARTICLES)])
    assert snapshot(fresh) == after
    # recorded
    conn = sqlite3.connect(stored)
    run = conn.execute("SELECT status, articles, articles_changed, tags_added, tags_removed, tags_changed,"
                       " claims_before, claims_after, shows_changed, catalog FROM retag_runs").fetchall()
    conn.close()
    assert len(run) == 1
    status, articles, changed, added, removed, changed_tags, claims_before, claims_after, shows, catalog = run[0]
    assert (status, articles, changed, added, removed, changed_tags) == ("finished", 5, 2, 1, 1, 0)
    assert (claims_before, claims_after) == (len(before["claims"]), len(after["claims"]))
    assert json.loads(shows) == {"glass-harbor": {"added": 1, "removed": 0, "changed": 0},
                                 "lantern-street": {"added": 0, "removed": 1, "changed": 0}}
    assert catalog == str(v2)


def test_retag_with_an_unchanged_catalog_changes_and_rederives_nothing(stored, catalog_v1):
    before = snapshot(stored)
    db = open_database(stored)
    try:
        summary = retag_database(db, load_catalog(catalog_v1), batch_size=2)
        assert (summary.articles, summary.articles_changed, summary.annotations_rederived) == (5, 0, 0)
        full = retag_database(db, load_catalog(catalog_v1), batch_size=2, full=True)
        assert full.annotations_rederived == 3 and full.articles_changed == 0
    finally:
        db.close()
    assert snapshot(stored) == before


def test_small_batches_give_the_same_result_as_one(stored, catalog_v1, tmp_path):
    v2 = catalog_v2(catalog_v1)
    copy = tmp_path / "copy.db"
    copy.write_bytes(stored.read_bytes())
    for path, size in ((stored, 1), (copy, 1000)):
        db = open_database(path)
        retag_database(db, load_catalog(v2), batch_size=size)
        db.close()
    assert snapshot(stored) == snapshot(copy)


def test_bad_input_gives_clear_errors(stored, catalog_v1, tmp_path):
    db = open_database(stored)
    with pytest.raises(ValueError, match="batch_size"):
        retag_database(db, load_catalog(catalog_v1), batch_size=0)
    db.close()
    missing = CliRunner().invoke(main, ["retag", "--db", str(tmp_path / "nope.db"), "--catalog", str(catalog_v1)])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("shows:\n- id: x\n  title: [not, a, title\n", encoding="utf-8")
    bad = CliRunner().invoke(main, ["retag", "--db", str(stored), "--catalog", str(broken)])
    assert bad.exit_code == 1 and "cannot read the show catalog" in bad.output


def _retag_counts(db_path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT status, articles, articles_changed, tags_added, tags_removed, tags_changed,"
                            " annotations_rederived, claims_before, claims_after, shows_changed"
                            " FROM retag_runs ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("batch_size", [2, 1000])
def test_tagging_in_worker_processes_gives_the_same_result(stored, catalog_v1, tmp_path, batch_size):
    v2 = catalog_v2(catalog_v1)
    copy = tmp_path / "copy.db"
    copy.write_bytes(stored.read_bytes())
    summaries = {}
    for path, workers in ((stored, 1), (copy, 2)):
        db = open_database(path)
        try:
            summary = retag_database(db, load_catalog(v2), batch_size=batch_size, workers=workers)
        finally:
            db.close()
        summaries[workers] = (summary.articles, summary.articles_changed, summary.tags_added,
                              summary.tags_removed, summary.tags_changed, summary.annotations_rederived,
                              summary.claims_before, summary.claims_after, summary.shows_changed())
        assert summary.timings["tag"] >= 0 and summary.timings["read"] > 0
    assert summaries[1] == summaries[2] and summaries[1][:2] == (5, 2)
    assert snapshot(stored) == snapshot(copy)
    assert _retag_counts(stored) == _retag_counts(copy)


def test_a_failing_tagging_worker_fails_the_run(stored, catalog_v1, monkeypatch):
    class BrokenTagger(retag_module.ShowTagger):
        def tag(self, title, body, *, language="", html_title_cues=None):
            if title.startswith("Lantern Street"):
                raise ValueError("no lanterns today")
            return super().tag(title, body, language=language, html_title_cues=html_title_cues)

    monkeypatch.setattr(retag_module, "ShowTagger", BrokenTagger)
    before = snapshot(stored)
    db = open_database(stored)
    try:
        with pytest.raises(TaggingWorkerError, match="no lanterns today"):
            retag_database(db, load_catalog(catalog_v1), batch_size=2, workers=2)
    finally:
        db.close()
    assert [run[0] for run in _retag_counts(stored)] == ["failed"]
    assert snapshot(stored) == before
    assert not multiprocessing.active_children()


def test_a_failing_worker_is_a_clear_cli_error(stored, catalog_v1, monkeypatch):
    from crawler.cli import retag_cmd

    def failing(*args, **kwargs):
        raise TaggingWorkerError("tagging worker 0 (pid 4242) was killed by signal SIGKILL (exit code -9)")

    monkeypatch.setattr(retag_cmd, "retag_database", failing)
    result = CliRunner().invoke(main, ["retag", "--db", str(stored), "--catalog", str(catalog_v1), "--workers", "2"])
    assert result.exit_code == 1
    assert "retag stopped: tagging worker 0 (pid 4242) was killed by signal SIGKILL" in result.output
    assert "recorded as failed" in result.output and "Traceback" not in result.output


def test_the_workers_option(stored, catalog_v1):
    for workers in ("2", "auto", "1"):
        result = retag_cli("--db", str(stored), "--catalog", str(catalog_v1), "--workers", workers)
        assert result.exit_code == 0, result.output
        assert re.search(r"^Retagged 5 articles in [\d.]+ s \([\d,]+ articles/s\)", result.output, re.M)
    for bad in ("0", "-1", "two"):
        rejected = CliRunner().invoke(main, ["retag", "--db", str(stored), "--catalog", str(catalog_v1),
                                             "--workers", bad])
        assert rejected.exit_code == 2
        assert "Invalid value for '--workers'" in rejected.output and "whole number >= 1 or 'auto'" in rejected.output
    assert [run[0] for run in _retag_counts(stored)] == ["finished"] * 3


def test_auto_workers_tag_small_databases_in_process():
    assert resolve_workers("auto", POOL_MIN_ARTICLES - 1) == 1
    assert resolve_workers("auto", POOL_MIN_ARTICLES) == default_tagging_workers()
    assert resolve_workers(3, 10) == 3
