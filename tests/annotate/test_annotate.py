"""annotate_article (pure), the tag stage wiring and the store's kinds/claims tables."""
from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from pipelines.annotate import annotate_article, publication_date, show_inputs
from pipelines.show_catalog import load_catalog
from pipelines.tag import TagPipeline

NAMES = {"glass-harbor": ("Glass Harbor", "GH"), "lantern-street": ("Lantern Street",)}
TITLE = "Glass Harbor season 2 trailer: Netflix teases a late 2026 return"
BODY = ("Netflix released the first trailer for Glass Harbor season 2 on Monday. "
        "Trade reports favour a late 2026 return, while insiders suggest it could slip into early 2027.\n\n"
        "Lantern Street, meanwhile, premiered its first season in January 2022.")
TAGS = [{"show_id": "glass-harbor", "alias": "Glass Harbor", "where": "headline", "count": 2,
         "season": 2, "score": 0.9, "is_about": True},
        {"show_id": "lantern-street", "alias": "Lantern Street", "where": "body", "count": 1,
         "season": None, "score": 0.12, "is_about": False}]


def annotate(**changes):
    args = dict(language="en", published_at="2026-01-20T23:30:00-05:00", shows=TAGS, names=NAMES)
    args.update(changes)
    return annotate_article(args.pop("title", TITLE), args.pop("body", BODY), **args)


def test_tags_get_kinds_and_the_article_its_claims():
    result = annotate()
    harbor, lantern = result.shows
    assert {k: harbor[k] for k in TAGS[0]} == TAGS[0]                 # the tag itself is untouched
    assert harbor["kinds"][0]["kind"] == "trailer" and harbor["kinds"][0]["where"] == "headline"
    assert all(len(s["annotation_key"]) == 24 for s in result.shows)
    assert lantern["kinds"]                                           # at least "other"
    windows = [(c["show_id"], c["span_text"], c["earliest"], c["latest"], c["season"])
               for c in result.release_claims]
    assert ("glass-harbor", "late 2026", "2026-09-01", "2026-12-31", 2) in windows
    assert ("glass-harbor", "early 2027", "2027-01-01", "2027-04-30", 2) in windows
    assert not [w for w in windows if w[0] == "lantern-street"]        # a past premiere is no claim
    rumour = next(c for c in result.release_claims if c["span_text"] == "early 2027")
    assert rumour["certainty"] in ("rumoured", "speculation") and rumour["sentence"].startswith("Trade")


def test_publication_time_is_read_as_a_utc_day():
    assert publication_date("2026-01-20T23:30:00-05:00") == date(2026, 1, 21)
    assert publication_date("2026-01-20T08:00:00+09:00") == date(2026, 1, 19)
    assert publication_date("2026-01-20") == date(2026, 1, 20)
    assert publication_date("not a date") is None and publication_date(None) is None
    # "this fall" needs a publication day; without one there are kinds but no claims
    undated = annotate(published_at=None, body="Glass Harbor season 2 arrives this fall on Netflix.")
    assert undated.release_claims == [] and undated.shows[0]["kinds"]
    fall = annotate(title="Glass Harbor news", body="Glass Harbor season 2 arrives this fall on Netflix.")
    assert [(c["earliest"], c["latest"]) for c in fall.release_claims] == [("2026-09-01", "2026-11-30")]


def test_names_absent_from_the_text_do_not_change_results_or_keys():
    padded = {**NAMES, "glass-harbor": ("Glass Harbor", "GH", "Harbour of Glass", "Vidro")}
    assert annotate(names=padded) == annotate()
    present = {**NAMES, "glass-harbor": ("Glass Harbor", "GH", "Netflix")}   # occurs in the text
    assert annotate(names=present).shows[0]["annotation_key"] != annotate().shows[0]["annotation_key"]
    other_date = annotate(published_at="2026-02-20T00:00:00+00:00")
    assert other_date.shows[0]["annotation_key"] != annotate().shows[0]["annotation_key"]


def test_show_inputs_are_cheap_and_deterministic():
    first = show_inputs(TITLE, BODY, language="en", published=date(2026, 1, 21), shows=TAGS, names=NAMES)
    again = show_inputs(TITLE, BODY, language="en", published=date(2026, 1, 21), shows=TAGS, names=NAMES)
    assert [i.key for i in first] == [i.key for i in again]
    assert first[0].aliases == ("Glass Harbor",) and first[0].others == ("Lantern Street",)


def test_bad_input_is_a_clear_error_and_empty_input_gives_nothing():
    with pytest.raises(TypeError):
        annotate(body=None)
    with pytest.raises(TypeError):
        annotate(title=b"bytes")
    empty = annotate(title="", body="", shows=[])
    assert empty.shows == [] and empty.release_claims == []


def test_tag_pipeline_fills_kinds_and_release_claims(catalog_v1, make_item):
    pipeline = TagPipeline(load_catalog(catalog_v1))
    item = pipeline.process_item(make_item(1, TITLE, BODY))
    assert [s["show_id"] for s in item.shows] == ["glass-harbor", "lantern-street"]
    assert item.shows[0]["kinds"][0]["kind"] == "trailer"
    assert {c["span_text"] for c in item.release_claims} >= {"late 2026", "early 2027"}
    as_dict = pipeline.process_item({"title": TITLE, "body": BODY, "published_at": "2026-01-21"})
    assert as_dict["release_claims"] and as_dict["shows"][0]["kinds"]     # plain dict items too


def test_store_writes_kinds_and_claims_and_replaces_them(tmp_path, catalog_v1, make_item, store_articles):
    db_path = tmp_path / "entcrawl.db"
    store_articles(db_path, catalog_v1, [make_item(1, TITLE, BODY, "2026-01-21T09:00:00+09:00")])
    conn = sqlite3.connect(db_path)
    kinds = conn.execute("SELECT show_id, kind, where_found FROM article_show_kinds"
                         " WHERE show_id = 'glass-harbor'").fetchall()
    assert ("glass-harbor", "trailer", "headline") in kinds
    claims = conn.execute("SELECT show_id, season, kind, earliest, latest, certainty, span_text, cues,"
                          " published_at, source FROM release_claims ORDER BY span_start").fetchall()
    assert ("glass-harbor", 2, "part_of_year", "2026-09-01", "2026-12-31") == claims[0][:5]
    assert claims[0][8] == "2026-01-21T00:00:00+00:00" and claims[0][9] == "example"
    assert isinstance(json.loads(claims[0][7]), list)
    keys = conn.execute("SELECT COUNT(*) FROM annotation_keys").fetchone()[0]
    assert keys == 2
    conn.close()
    # The same URL re-crawled without the release talk: claims and kinds follow the new text.
    store_articles(db_path, catalog_v1, [make_item(1, "Glass Harbor review: a slow burn",
                                                   "Glass Harbor is a patient drama. Four stars.",
                                                   "2026-01-21T09:00:00+09:00")])
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM release_claims").fetchone()[0] == 0
    assert conn.execute("SELECT show_id, kind FROM article_show_kinds").fetchall() == [("glass-harbor", "review")]
    assert conn.execute("SELECT COUNT(*) FROM annotation_keys").fetchone()[0] == 1
    conn.close()
