"""The HTTP server: four hosts, one free port, concurrency, phases, HTTP details."""
from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from crawler.demo import DemoServer

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))   # never use a proxy


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


RAW_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)


def fetch(url: str, headers: dict | None = None, opener=OPENER) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def clock_box():
    return {"now": datetime(2026, 11, 26, 17, 0, tzinfo=timezone.utc)}


@pytest.fixture(scope="module")
def server(network, clock_box):
    with DemoServer(network, port=0, clock=lambda: clock_box["now"]) as running:
        yield running


def test_four_hosts_share_one_free_port(server):
    assert server.port > 0
    for index, slug in enumerate(("demo-reelbuzz", "demo-screenwire", "demo-tvgazette", "demo-hallyuko")):
        assert server.base_url(slug) == f"http://127.0.0.{21 + index}:{server.port}/"
        status, headers, body = fetch(server.base_url(slug) + "robots.txt")
        assert status == 200 and b"User-agent: *" in body


def test_each_host_serves_only_its_own_site(server, network):
    reel = network.articles(1, "demo-reelbuzz")[0]
    assert fetch(server.base_url("demo-reelbuzz").rstrip("/") + reel.path)[0] == 200
    assert fetch(server.base_url("demo-screenwire").rstrip("/") + reel.path)[0] == 404


def test_concurrent_requests(server, network):
    urls = [server.base_url(a.site).rstrip("/") + a.path for a in network.articles(1)[:80]]
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(fetch, urls))
    assert [status for status, _, _ in results] == [200] * len(urls)
    assert all(b"</html>" in body for _, _, body in results)


def test_http_details(server, network):
    base = server.base_url("demo-screenwire").rstrip("/")
    article = network.articles(1, "demo-screenwire")[5]
    status, headers, body = fetch(base + article.path)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    tracked = fetch(base + article.path + "?utm_source=x&utm_medium=y")
    assert tracked[0] == 200 and tracked[2] == body
    assert f'rel="canonical" href="{base}{article.path}"' in body.decode()
    assert fetch(base + article.path, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(base + article.path, {"If-Modified-Since": "Thu, 01 Jan 2026 00:00:00 GMT"})[0] == 200
    assert fetch(base + "/no/such/page")[0] == 404
    reel = network.articles(1, "demo-reelbuzz")[0]
    status, headers, _ = fetch(server.base_url("demo-reelbuzz").rstrip("/") + reel.path.rstrip("/"),
                               opener=RAW_OPENER)
    assert status == 301 and headers["Location"] == reel.path


def test_gzipped_sitemap_is_served(server):
    status, headers, body = fetch(server.base_url("demo-reelbuzz") + "sitemap-posts-2026-03.xml.gz")
    assert status == 200 and body[:2] == b"\x1f\x8b" and "gzip" in headers["Content-Type"]


def test_tvgazette_charset_detection_pages(server, network):
    base = server.base_url("demo-tvgazette").rstrip("/")
    cp1252 = next(a for a in network.articles(1, "demo-tvgazette") if "cp1252" in a.flags)
    status, headers, body = fetch(base + cp1252.path)
    assert headers["Content-Type"] == "text/html"
    assert b"charset=windows-1252" in body and b"\xa9 1998\x962026" in body   # literal (c) and en dash in windows-1252
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert html.escape(cp1252.paragraphs[0]) in body.decode("cp1252")
    bare = next(a for a in network.articles(1, "demo-tvgazette") if "no_charset" in a.flags)
    status, headers, body = fetch(base + bare.path)
    assert headers["Content-Type"] == "text/html" and b"charset" not in body


def test_tvgazette_relative_dates_follow_the_clock(server, network, clock_box):
    base = server.base_url("demo-tvgazette").rstrip("/")
    newest = network.articles(1, "demo-tvgazette")[0]          # 2026-11-25 08:45 EST
    clock_box["now"] = newest.published + timedelta(hours=5, minutes=3)
    text = fetch(base + newest.path)[2].decode()
    assert "Posted 5 hours ago" in text
    clock_box["now"] = newest.published + timedelta(days=3)
    assert "Posted 3 days ago" in fetch(base + newest.path)[2].decode()
    clock_box["now"] = newest.published + timedelta(days=30)
    assert "Posted November 25, 2026 at 8:45 AM" in fetch(base + newest.path)[2].decode()
    assert "\x00" not in fetch(base + "/news/?page=1")[2].decode()
    print_page = fetch(base + f"/print/{newest.number}")[2].decode()
    assert all(html.escape(p) in print_page for p in newest.paragraphs)


def test_set_phase_while_running(network):
    with DemoServer(network, port=0, phase=1) as server:
        edited = network.updated_articles()[0]
        url = server.base_url(edited.site).rstrip("/") + edited.path
        new = network.new_in_phase3()[0]
        new_url = server.base_url(new.site).rstrip("/") + new.path
        before = fetch(url)[2]
        assert fetch(new_url)[0] == 404
        server.set_phase(2)
        assert server.phase == 2 and fetch(url)[2] != before
        assert fetch(url)[1]["X-Demo-Phase"] == "2"
        server.set_phase(3)
        assert fetch(new_url)[0] == 200
        with pytest.raises(ValueError):
            server.set_phase(5)


def test_server_stops_and_frees_the_port(network):
    server = DemoServer(network, port=0).start()
    port = server.port
    server.stop()
    with DemoServer(network, port=port) as again:      # same port can be bound again
        assert fetch(again.base_url("demo-hallyuko"))[0] == 200
    assert re.match(r"http://127\.0\.0\.24:\d+/$", again.base_url("demo-hallyuko"))
