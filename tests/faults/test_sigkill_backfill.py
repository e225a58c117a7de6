"""A backfill (`-a since=DATE`, sitemaps) killed with SIGKILL mid-run: the database
stays consistent, and the next run stores the rest without duplicates and
without fetching again what the killed run stored."""
from __future__ import annotations

import datetime as dt
import signal
import sqlite3
import time

from .conftest import FAST, cli, cli_popen, write_registry
from .server import FaultServer, page, sleeping
from .site import article_html

SINCE = "2025-10-01"
NEW = 24        # articles dated after SINCE
OLD = 6         # articles in an old child sitemap, never fetched
DELAY = 0.12    # seconds per article page, one connection at a time


def article_path(n: int) -> str:
    return f"/news/backfill-{n}/"


def dated_article(n: int, when: dt.date) -> bytes:
    text = article_html(f"backfill-{n}", f"Backfill story {n}")
    return text.replace("2026-03-03T10:00:00+00:00", f"{when.isoformat()}T09:00:00+00:00").encode()


def build_site(server: FaultServer) -> dict[str, dt.date]:
    dates = {article_path(n): dt.date(2025, 10, 2) + dt.timedelta(days=5 * n) for n in range(NEW)}
    old = {article_path(100 + n): dt.date(2025, 1, 2) + dt.timedelta(days=n) for n in range(OLD)}
    for path, when in {**dates, **old}.items():
        server.routes[path] = sleeping(DELAY, page(dated_article(int(path.split("-")[1].strip("/")), when)))

    def urlset(items: dict[str, dt.date]) -> bytes:
        urls = "".join(f"<url><loc>{server.base}{p}</loc><lastmod>{d.isoformat()}</lastmod></url>"
                       for p, d in items.items())
        return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()

    server.routes["/sitemap.xml"] = page(
        (f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         f"<sitemap><loc>{server.base}/sitemap-new.xml</loc><lastmod>2026-03-01</lastmod></sitemap>"
         f"<sitemap><loc>{server.base}/sitemap-old.xml</loc><lastmod>2025-01-31</lastmod></sitemap>"
         "</sitemapindex>").encode(), "application/xml")
    server.routes["/sitemap-new.xml"] = page(urlset(dates), "application/xml")
    server.routes["/sitemap-old.xml"] = page(urlset(old), "application/xml")
    server.routes["/robots.txt"] = page(b"User-agent: *\nAllow: /\n", "text/plain")
    return dates


def count_articles(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def stored_paths(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {"/" + url.split("/", 3)[3] for (url,) in conn.execute("select canonical_url from articles")}


def test_killed_backfill_resumes_without_refetching(tmp_path):
    with FaultServer() as server:
        dates = build_site(server)
        registry = write_registry(tmp_path / "sites.yaml", [{
            "slug": "backfill", "name": "Backfill", "homepage": server.base + "/", "language": "en",
            "allowed_domains": ["127.0.0.1"], "sitemaps": ["/sitemap.xml"],
            "article_url_patterns": [r"^/news/backfill-\d+/$"], "allow_private_network": True,
        }])
        db = tmp_path / "backfill.db"
        args = ["crawl", "backfill", "--registry", str(registry), "--db", str(db), "--log-file", "-",
                *FAST, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-a", f"since={SINCE}",
                "-a", "discovery=sitemaps"]

        process = cli_popen(*args)
        deadline = time.monotonic() + 60
        while count_articles(db) < 5 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL

        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("select status from crawl_runs").fetchall() == [("running",)]
        before = stored_paths(db)
        assert 5 <= len(before) < NEW, len(before)
        hits_before = len(server.requested)

        result = cli(*args)
        assert result.returncode == 0, result.stderr[-3000:]
        refetched = [p for p in server.requested[hits_before:] if p.startswith("/news/")]

    assert stored_paths(db) == set(dates)                     # everything after SINCE, nothing older
    assert not set(refetched) & before                        # what the killed run stored is not fetched again
    assert set(dates) - before <= set(refetched) <= set(dates)  # the rest is (in flight at the kill: again)
    assert len(refetched) == len(set(refetched))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(distinct canonical_url), count(*) from articles").fetchone() == (NEW, NEW)
        assert conn.execute("select count(*) from article_versions").fetchone()[0] == NEW
        statuses = [s for (s,) in conn.execute("select status from crawl_runs order by id")]
    assert statuses == ["interrupted", "finished"]
    assert not {article_path(100 + n) for n in range(OLD)} & set(server.requested)  # before SINCE: never fetched
