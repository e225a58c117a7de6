"""One crawl of the fault site: it completes, stores every good article, counts every failure by kind."""
from __future__ import annotations

import json
import sqlite3

import pytest

from .conftest import FAST, cli, write_registry
from .server import FaultServer
from .site import (
    CHARSET_TITLES,
    EXPECTED_ERRORS,
    EXPECTED_STORED,
    MAX_SIZE,
    SECRET,
    fault_routes,
    registry_entry,
)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    work = tmp_path_factory.mktemp("faults")
    with FaultServer(host="127.0.0.2") as offsite, FaultServer() as server:
        server.routes.update(fault_routes(server.base, offsite.base))
        offsite.routes.update(fault_routes(offsite.base, offsite.base))
        registry = write_registry(work / "sites.yaml", [registry_entry(server.base)])
        db = work / "fault.db"
        log = work / "crawl.log"
        result = cli("crawl", "--registry", str(registry), "--db", str(db), "--log-file", str(log),
                     *FAST, "-s", f"DOWNLOAD_MAXSIZE={MAX_SIZE}", "-s", f"DOWNLOAD_WARNSIZE={MAX_SIZE // 2}",
                     "-s", "LOG_LEVEL=DEBUG")
        yield {"result": result, "db": db, "log": log, "server": server, "offsite": offsite}


def stored_slugs(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        urls = [row[0] for row in conn.execute("select canonical_url from articles")]
    return {url.split("/news/", 1)[1].split("/", 1)[0] for url in urls}


def last_run(db) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("select * from crawl_runs order by id desc limit 1").fetchone())


def test_crawl_completes_and_exits_zero(crawled):
    result = crawled["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert last_run(crawled["db"])["status"] == "finished"


def test_every_good_article_is_stored_once(crawled):
    assert stored_slugs(crawled["db"]) == set(EXPECTED_STORED)
    with sqlite3.connect(crawled["db"]) as conn:
        (rows,) = conn.execute("select count(*) from articles").fetchone()
    assert rows == len(EXPECTED_STORED)


def test_every_failure_is_counted_by_kind(crawled):
    errors = json.loads(last_run(crawled["db"])["errors"])
    kinds = {k.removeprefix("entcrawl/errors/"): v for k, v in errors.items() if k.startswith("entcrawl/errors/")}
    short = {kind: (kinds.get(kind, 0), minimum) for kind, minimum in EXPECTED_ERRORS.items()
             if kinds.get(kind, 0) < minimum}
    assert not short, f"under-counted kinds (got, expected): {short}; all: {kinds}"
    unexpected = set(kinds) - set(EXPECTED_ERRORS)
    assert not unexpected, unexpected


def test_charsets_are_decoded(crawled):
    with sqlite3.connect(crawled["db"]) as conn:
        titles = {url.split("/news/", 1)[1].split("/", 1)[0]: title
                  for url, title in conn.execute("select canonical_url, title from articles")}
    for slug in ("cp1252-meta", "utf8-bare"):
        assert titles[slug] == CHARSET_TITLES[slug], (slug, titles[slug])
    assert titles["wrong-charset"]  # stored; a lying header may leave mojibake


def test_never_leaves_the_allowed_domain(crawled):
    assert crawled["offsite"].requested == []
    assert "/private/news/hidden/" not in crawled["server"].requested


def test_size_caps_hold(crawled):
    # nothing over DOWNLOAD_MAXSIZE was stored (gzip bomb, big pages, big sitemap)
    with sqlite3.connect(crawled["db"]) as conn:
        (longest,) = conn.execute("select max(length(body)) from articles").fetchone()
    assert longest < MAX_SIZE
    assert "gzip-bomb" not in stored_slugs(crawled["db"])


def test_transient_faults_were_retried(crawled):
    hits = crawled["server"].hits
    assert (hits["/news/flaky-1/"], hits["/news/reset-once/"]) == (3, 2), dict(hits)
    assert hits["/news/always-500/"] == 3  # RETRY_TIMES=2


def test_no_secret_in_the_log(crawled):
    text = crawled["log"].read_text(encoding="utf-8")
    assert "with-token" in text      # the URL was logged (DEBUG) ...
    assert SECRET not in text        # ... with its token redacted
    assert "token=[REDACTED]" in text


def test_fill_rates_are_recorded(crawled):
    with sqlite3.connect(crawled["db"]) as conn:
        conn.row_factory = sqlite3.Row
        health = dict(conn.execute("select * from crawl_health order by crawl_run_id desc limit 1").fetchone())
    assert health["stored"] == len(EXPECTED_STORED)
    assert health["title_rate"] == 1.0 and health["authors_rate"] == 1.0


def test_fetch_state_is_keyed_by_the_discovered_url(crawled):
    with sqlite3.connect(crawled["db"]) as conn:
        rows = conn.execute("select s.url, a.canonical_url from fetch_state s join articles a on a.id = s.article_id"
                            " where s.url like '%/news/moved/'").fetchall()
    assert len(rows) == 1 and rows[0][1].endswith("/news/moved-target/")  # a redirect is not re-fetched as new
