from __future__ import annotations

import pytest

from pipelines import fingerprints as fp
from pipelines.dedupe import DedupePipeline, decide
from pipelines.store import StorePipeline


@pytest.fixture
def pipelines(make_crawler, example_site):
    """Dedupe then store, each with its own connection, as in a crawl."""
    crawler = make_crawler(example_site)
    dedupe = DedupePipeline.from_crawler(crawler)
    store = StorePipeline.from_crawler(crawler)
    dedupe.open_spider()
    store.open_spider()

    def run(item):
        return store.process_item(dedupe.process_item(item))

    run.crawler = crawler
    run.db = store.db
    yield run
    store.close_spider()
    dedupe.close_spider()


def story_row(db, story_id):
    cur = db.execute("SELECT * FROM stories WHERE id = ?", [story_id])
    return dict(zip([d[0] for d in cur.description], cur.fetchone()))


# ---------------------------------------------------------------- pure fingerprints
def test_content_hash_ignores_case_spacing_and_punctuation():
    a = fp.content_hash("The  show is BACK!\n\nSeason two, in May.")
    assert a == fp.content_hash("the show is back season two in may")
    assert a != fp.content_hash("The show is back! Season three, in May.")
    assert fp.content_hash("") == fp.content_hash("  \n ")


def test_shingles_and_similarity():
    assert fp.shingles("") == frozenset()
    assert fp.shingles("one two") == frozenset({"one two"})
    assert fp.shingles("a b c d e") == frozenset({"a b c d", "b c d e"})
    long = fp.shingles(" ".join(f"w{i}" for i in range(100)))
    part = fp.shingles(" ".join(f"w{i}" for i in range(40)))
    sim = fp.similarity(long, part)
    assert sim.containment == 1.0 and sim.jaccard < 0.4 and sim.is_same_story
    assert not fp.similarity(long, fp.shingles(" ".join(f"w{i}" for i in range(5)))).is_same_story


def test_signatures_and_bands_are_deterministic():
    text = " ".join(f"word{i}" for i in range(200))
    first = fp.fingerprint(text).bands()
    assert first == fp.fingerprint(text).bands()
    assert len(first) == fp.BANDS and all(-(2**63) <= h < 2**63 for _, h in first)
    with pytest.raises(ValueError):
        fp.band_hashes(fp.minhash_signature({"x"})[:10])


# ---------------------------------------------------------------- pipeline behaviour
def test_identical_body_under_another_url_is_a_linked_duplicate(pipelines, make_item, dedupe_corpus):
    base = dedupe_corpus.articles["harbor_base"]
    original = pipelines(make_item(url="https://wire.test/harbor", source="wire", title=base.title, body=base.body))
    printed = pipelines(make_item(url="https://wire.test/harbor?print=1", source="wire", title=base.title,
                                  body=base.body.replace("\n\n", "\n")))
    assert printed.store_outcome == "duplicate"
    assert printed.duplicate_of == original.article_id
    assert printed.story_id == original.story_id
    story = story_row(pipelines.db, original.story_id)
    assert (story["article_count"], story["duplicate_count"]) == (1, 1)
    # a duplicate of a duplicate points at the first-seen original
    third = pipelines(make_item(url="https://copy.test/x", source="copy", title="Other", body=base.body))
    assert third.duplicate_of == original.article_id
    assert pipelines.crawler.stats.get_value("entcrawl/dedupe/exact") == 2
    assert pipelines.crawler.stats.get_value("entcrawl/store/duplicate") == 2


def test_syndicated_copy_with_a_credit_line_is_a_linked_duplicate(pipelines, make_item, dedupe_corpus):
    base = dedupe_corpus.articles["harbor_base"]
    original = pipelines(make_item(url="https://wire.test/harbor", source="wire", title=base.title, body=base.body))
    credited = base.body + "\n\nOriginally published by Wire Test. Republished with permission."
    copy = pipelines(make_item(url="https://partner.test/harbor-story", source="partner",
                               title="Another headline", body=credited))
    assert copy.store_outcome == "duplicate"
    assert copy.duplicate_of == original.article_id
    assert copy.story_id == original.story_id
    assert pipelines.crawler.stats.get_value("entcrawl/dedupe/copy") == 1


def test_wire_copy_with_new_intro_joins_the_story(pipelines, make_item, dedupe_corpus):
    base = dedupe_corpus.articles["meridian_base"]
    wire = dedupe_corpus.articles["meridian_wire_intro"]
    other = dedupe_corpus.articles["meridian_other_resume"]
    first = pipelines(make_item(url="https://a.test/1", source="a", body=base.body,
                                published_at="2026-03-02T10:00:00+00:00"))
    copy = pipelines(make_item(url="https://b.test/1", source="b", body=wire.body,
                               published_at="2026-03-02T09:00:00+00:00"))
    different = pipelines(make_item(url="https://a.test/2", source="a", body=other.body))
    assert copy.store_outcome == "new" and copy.duplicate_of is None
    assert copy.story_id == first.story_id
    assert different.story_id != first.story_id
    story = story_row(pipelines.db, first.story_id)
    # first publisher = earliest published_at, not first crawled
    assert (story["first_article_id"], story["first_source"]) == (copy.article_id, "b")
    assert story["first_published_at"] == "2026-03-02T09:00:00+00:00"
    assert story["article_count"] == 2
    assert pipelines.db.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 2


def test_same_canonical_url_is_left_to_store(pipelines, make_item):
    first = pipelines(make_item(url="https://a.test/1"))
    again = pipelines(make_item(url="https://a.test/1", title="Changed headline"))
    assert again.store_outcome == "updated" and again.article_id == first.article_id
    assert again.story_id == first.story_id and again.duplicate_of is None
    assert pipelines.crawler.stats.get_value("entcrawl/dedupe/same_url") == 1


def test_short_bodies_are_never_linked(pipelines, make_item):
    a = pipelines(make_item(url="https://a.test/1", body="Watch the trailer below."))
    b = pipelines(make_item(url="https://b.test/1", body="Watch the trailer below."))
    assert b.store_outcome == "new" and b.story_id != a.story_id
    assert pipelines.crawler.stats.get_value("entcrawl/dedupe/no_text") == 2


def test_clusters_survive_across_runs(make_crawler, example_site, make_item, dedupe_corpus):
    def one_run(items):
        crawler = make_crawler(example_site)
        dedupe, store = DedupePipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
        dedupe.open_spider(), store.open_spider()
        out = [store.process_item(dedupe.process_item(i)) for i in items]
        store.close_spider(), dedupe.close_spider()
        return out

    arts = dedupe_corpus.articles
    (first,) = one_run([make_item(url="https://a.test/1", body=arts["ledger_base"].body)])
    trunc, head = one_run([
        make_item(url="https://b.test/1", body=arts["ledger_truncated"].body),
        make_item(url="https://c.test/1", body=arts["ledger_headline"].body),
    ])
    assert trunc.story_id == head.story_id == first.story_id


def test_decide_uses_indexed_lookups_only(fresh_db, make_item, dedupe_corpus):
    from pipelines.store import store_item

    for key in ("copper_base", "copper_other_renewal", "signal_base"):
        store_item(fresh_db, make_item(url=f"https://x.test/{key}", body=dedupe_corpus.articles[key].body))
    statements: list[str] = []
    fresh_db.conn.set_trace_callback(statements.append)
    decision = decide(fresh_db, "https://y.test/new", dedupe_corpus.articles["copper_headline"].body)
    fresh_db.conn.set_trace_callback(None)
    assert decision.kind == "near"
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            plans += [str(r) for r in fresh_db.execute("EXPLAIN QUERY PLAN " + sql)]
    assert plans and not any("SCAN articles" in p or "SCAN l" in p or "SCAN lsh_bands" in p for p in plans), plans


def test_index_is_rebuilt_when_the_scheme_changes(fresh_db, make_item, dedupe_corpus):
    from pipelines.store import store_item

    store_item(fresh_db, make_item(url="https://x.test/1", body=dedupe_corpus.articles["dust_base"].body))
    fresh_db.execute("DELETE FROM lsh_bands")
    fresh_db.execute("INSERT OR REPLACE INTO lsh_state (key, value) VALUES ('scheme', 'old')")
    assert fp.ensure_index_scheme(fresh_db) is True
    assert fp.ensure_index_scheme(fresh_db) is False
    assert fresh_db.execute("SELECT COUNT(*) FROM lsh_bands").fetchone()[0] == fp.BANDS
    assert decide(fresh_db, "https://y.test/1", dedupe_corpus.articles["dust_wire_intro"].body).kind in ("near", "copy")


def test_body_update_that_diverges_from_its_original_stops_being_a_duplicate(pipelines, make_item):
    body = "Identical wire text about a renewal and a premiere date in the spring. " * 4
    original = pipelines(make_item(url="https://a.test/1", body=body))
    copy = pipelines(make_item(url="https://b.test/1", body=body))
    assert copy.duplicate_of == original.article_id
    edited = pipelines(make_item(url="https://b.test/1", body=body + " Plus an exclusive interview."))
    assert edited.store_outcome == "updated" and edited.duplicate_of is None
    story = story_row(pipelines.db, original.story_id)
    assert (story["article_count"], story["duplicate_count"]) == (2, 0)


def test_body_update_replaces_its_lsh_bands(pipelines, make_item, dedupe_corpus):
    arts = dedupe_corpus.articles
    first = pipelines(make_item(url="https://a.test/1", body=arts["orchard_base"].body))
    pipelines(make_item(url="https://a.test/1", body=arts["dust_base"].body))
    db = pipelines.db
    assert db.execute("SELECT COUNT(*) FROM lsh_bands WHERE article_id = ?", [first.article_id]).fetchone()[0] == fp.BANDS
    assert decide(db, "https://z.test/1", arts["orchard_wire_intro"].body).kind == "new_story"
    assert decide(db, "https://z.test/2", arts["dust_wire_intro"].body).story_id == first.story_id
