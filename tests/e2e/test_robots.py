"""robots.txt is obeyed: a disallowed article is never fetched."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from .conftest import crawl_demo, open_db

BODY = " ".join(
    f"Paragraph {i}: the second season of the drama keeps its cast and moves the story to a new city."
    for i in range(12)
)
PAGES = {
    "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\n"),
    "/feed.xml": ("application/rss+xml", """<?xml version="1.0"?><rss version="2.0"><channel>
<item><title>Allowed</title><link>http://127.0.0.1:{port}/news/2026/allowed-story/</link>
<pubDate>Tue, 03 Mar 2026 10:00:00 +0000</pubDate></item>
<item><title>Blocked</title><link>http://127.0.0.1:{port}/private/news/2026/blocked-story/</link>
<pubDate>Tue, 03 Mar 2026 11:00:00 +0000</pubDate></item></channel></rss>"""),
}
ARTICLE = """<html lang="en"><head><title>{title}</title>
<meta property="article:published_time" content="2026-03-03T10:00:00+00:00"></head>
<body><article><h1>{title}</h1><p class="byline">By Ana Pérez</p><p>{body}</p></article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    requested: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        self.requested.append(self.path)
        port = self.server.server_address[1]
        if self.path in PAGES:
            kind, text = PAGES[self.path]
            payload = text.replace("{port}", str(port)).encode()
        elif self.path.endswith("-story/"):
            kind = "text/html; charset=utf-8"
            title = "Allowed story" if "allowed" in self.path else "Blocked story"
            payload = ARTICLE.format(title=title, body=BODY).encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def robots_site(tmp_path):
    Handler.requested = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    registry = tmp_path / "sites.yaml"
    registry.write_text(yaml.safe_dump({"sites": [{
        "slug": "robots-test", "name": "Robots Test", "homepage": f"http://127.0.0.1:{port}/",
        "language": "en", "feeds": ["/feed.xml"], "allowed_domains": ["127.0.0.1"],
        "article_url_patterns": [r"/news/2026/[a-z-]+/$"], "demo": True,
        "allow_private_network": True,
    }]}), encoding="utf-8")
    yield registry
    server.shutdown()


def test_disallowed_article_is_not_fetched(robots_site, tmp_path):
    db_path = tmp_path / "robots.db"
    crawl_demo(robots_site, db_path)
    assert "/robots.txt" in Handler.requested
    assert not any(path.startswith("/private/") for path in Handler.requested)
    titles = [row["title"] for row in open_db(db_path)["articles"].rows]
    assert titles == ["Allowed story"]
