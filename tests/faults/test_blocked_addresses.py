"""Sites on loopback without `allow_private_network` are never fetched (IP literal, or a name that
resolves to loopback); the same server with the flag is crawled."""
from __future__ import annotations

import json
import sqlite3

from .conftest import FAST, cli, write_registry
from .server import FaultServer, page
from .site import article_html, rss


def site(slug: str, base: str, host: str, allow: bool) -> dict:
    return {"slug": slug, "name": slug, "homepage": base.replace("127.0.0.1", host) + "/", "language": "en",
            "allowed_domains": [host], "feeds": ["/feed.xml"], "article_url_patterns": [r"^/news/[a-z0-9-]+/$"],
            "allow_private_network": allow}


def serve_one_article(server: FaultServer, host: str) -> None:
    base = server.base.replace("127.0.0.1", host)
    server.routes["/feed.xml"] = page(rss([f"{base}/news/only-story/"]), "application/rss+xml")
    server.routes["/news/only-story/"] = page(article_html("only-story", "Only story").encode())


def test_private_addresses_are_blocked_unless_the_entry_allows_them(tmp_path):
    with FaultServer() as forbidden, FaultServer() as allowed:
        serve_one_article(forbidden, "127.0.0.1")
        serve_one_article(allowed, "127.0.0.1")
        registry = write_registry(tmp_path / "sites.yaml", [
            site("loopback-ip", forbidden.base, "127.0.0.1", allow=False),
            site("loopback-name", forbidden.base, "localhost", allow=False),
            site("loopback-allowed", allowed.base, "127.0.0.1", allow=True),
        ])
        db = tmp_path / "blocked.db"
        result = cli("crawl", "--registry", str(registry), "--db", str(db), "--log-file", "-", *FAST)
        assert forbidden.requested == []          # not even robots.txt
        assert "/news/only-story/" in allowed.requested
    assert result.returncode == 1, result.stderr[-3000:]
    assert "2 of 3 sites failed: loopback-ip, loopback-name" in result.stderr
    with sqlite3.connect(db) as conn:
        runs = {source: (status, json.loads(errors)) for source, status, errors
                in conn.execute("select source, status, errors from crawl_runs")}
        (articles,) = conn.execute("select count(*) from articles").fetchone()
    for slug in ("loopback-ip", "loopback-name"):
        status, errors = runs[slug]
        assert status == "failed" and errors.get("entcrawl/errors/blocked_address", 0) >= 1, runs[slug]
    assert runs["loopback-allowed"][0] == "finished" and articles == 1
