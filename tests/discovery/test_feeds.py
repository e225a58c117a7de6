from __future__ import annotations

import pytest

from crawler.discovery import FeedParseError, looks_like_feed, parse_feed

FEED_URL = "https://showbiz.example/feed/"


def test_rss2_entries_fields_and_skips(fixture_bytes) -> None:
    feed = parse_feed(fixture_bytes("rss2.xml"), FEED_URL)
    assert (feed.kind, feed.title, feed.link, feed.language) == (
        "rss", "Showbiz Daily", "https://showbiz.example/", "en-us")
    assert not feed.repaired
    urls = [e.url for e in feed.entries]
    assert urls == [
        # feedburner:origLink wins over the feedburner redirect <link>
        "https://showbiz.example/tv/2026/03/harbor-lights-finale-recap/",
        # relative <link> resolved against the feed URL
        "https://showbiz.example/movies/2026/03/tom-and-jerry-reboot/",
        # no <link>: a permalink guid is used
        "https://showbiz.example/tv/2026/02/guid-only/",
    ]
    # opaque guid without link, and a javascript: link
    assert feed.skipped_without_link == 2
    first, second, third = feed.entries
    assert first.title == 'Finale recap: "Harbor Lights" season 2'
    assert first.published == "2026-03-02T09:30:00+09:00"
    assert first.published_raw == "Mon, 02 Mar 2026 09:30:00 +0900"
    assert first.authors == ["Mina Park"]
    assert first.categories == ["TV", "Recaps"]
    assert first.id == "showbiz-4411"
    assert second.title == "Casting news: Tom & Jerry reboot"  # double-escaped &amp;amp;
    assert second.published == "2026-03-01T23:05:00+00:00"
    assert second.authors == ["Alex Rivera"]  # "email (Name)"
    assert third.published == "2026-02-28T08:00:00-05:00"
    assert third.authors == []  # a bare e-mail address is not a name


def test_atom_links_bases_dates_authors(fixture_bytes) -> None:
    feed = parse_feed(fixture_bytes("atom.xml"), "https://kdrama.example/atom.xml")
    assert (feed.kind, feed.title, feed.link, feed.language) == (
        "atom", "K-Drama Watch", "https://kdrama.example/", "ko")
    assert [e.url for e in feed.entries] == [
        # the text/html alternate, not the enclosure or the JSON alternate
        "https://kdrama.example/news/101-spring-promise-ratings",
        # nested xml:base on the entry
        "https://kdrama.example/reviews/102-midnight-bakery-ep4",
    ]
    assert feed.skipped_without_link == 1  # only rel=self
    first, second = feed.entries
    assert first.title == "봄날의 약속 ratings hit a new high"  # type="html" markup removed
    assert first.published == "2026-03-02T08:15:00+09:00"
    assert first.updated == "2026-03-02T09:00:00+00:00"
    assert first.authors == ["Kim Ji-woo", "Lee Seo-yeon"]
    assert first.categories == ["Ratings", "kdrama"]
    assert first.id == "tag:kdrama.example,2026:101"
    assert second.published is None
    assert second.updated == "2026-03-01T21:00:00.500000+09:00"


def test_rss1_rdf_in_latin1(fixture_bytes) -> None:
    feed = parse_feed(fixture_bytes("rdf.xml"), "https://cine.example/rss")
    assert feed.kind == "rdf"
    assert feed.title == "Ciné Hebdo"
    assert [e.url for e in feed.entries] == [
        "https://cine.example/critique/le-retour",
        "https://cine.example/festival/cannes-2026",  # rdf:about when no <link>
    ]
    review, festival = feed.entries
    assert review.title == "Critique : « Le Retour », un film à voir"
    assert review.published == "2026-03-01T18:00:00+01:00"
    assert review.authors == ["Julie Martin"]
    assert review.categories == ["Critique"]
    assert festival.published == "2026-02-28"  # date-only stays date-only


def test_broken_xml_is_repaired_and_truncation_tolerated(fixture_bytes) -> None:
    feed = parse_feed(fixture_bytes("broken_feed.xml"), "https://glam.example/feed")
    assert feed.repaired
    assert feed.title == "Gossip & Glam"
    first = feed.entries[0]
    assert first.title == "Stars & stripes: red carpet looks"  # bare & and &nbsp;
    assert first.url == "https://glam.example/style/red-carpet?id=7&ref=feed"
    assert first.published == "2026-03-03T14:00:00+01:00"
    assert feed.entries[1].url == "https://glam.example/interviews/qa-director"
    assert feed.entries[1].title == "Q&A with the director"
    assert len(feed.entries) == 2
    assert feed.skipped_without_link == 1  # the truncated last item


def test_unparseable_date_keeps_raw_value() -> None:
    body = (b"<rss><channel><item><link>https://a.example/x</link>"
            b"<pubDate>sometime last week</pubDate></item></channel></rss>")
    entry = parse_feed(body, "https://a.example/feed").entries[0]
    assert entry.published is None
    assert entry.published_raw == "sometime last week"


def test_declared_utf8_but_really_windows_1252() -> None:
    body = ('<?xml version="1.0" encoding="utf-8"?><rss><channel><item>'
            "<title>Caf\xe9 \u201cstars\u201d</title><link>https://a.example/cafe</link>"
            "</item></channel></rss>").encode("cp1252")
    feed = parse_feed(body, "https://a.example/feed")
    assert feed.repaired
    assert feed.entries[0].title == "Café “stars”"


def test_utf16_feed_with_bom() -> None:
    text = ('<?xml version="1.0" encoding="utf-16"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<entry><title>드라마</title><link href="https://a.example/k"/></entry></feed>')
    feed = parse_feed(text.encode("utf-16"), "https://a.example/atom")
    assert [(e.title, e.url) for e in feed.entries] == [("드라마", "https://a.example/k")]


def test_external_entities_are_never_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">'
            '<!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>'
            "<rss><channel><title>&xxe;&remote;</title><item><title>&xxe;</title>"
            "<link>https://a.example/1</link></item></channel></rss>").encode()
    feed = parse_feed(body, "https://a.example/feed")
    assert "TOP-SECRET-VALUE" not in repr(feed)
    assert feed.title == "" and "&" not in feed.entries[0].title
    assert feed.entries[0].url == "https://a.example/1"


def test_billion_laughs_is_not_expanded() -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]>'
            "<rss><channel><title>&a9;</title><item><link>https://a.example/1</link>"
            "</item></channel></rss>").encode()
    feed = parse_feed(body, "https://a.example/feed")
    assert len(feed.title) < 1000
    assert len(feed.entries) == 1


@pytest.mark.parametrize("body", [b"", b"   \n", b"\xef\xbb\xbf"])
def test_empty_body_is_a_clear_error(body: bytes) -> None:
    with pytest.raises(FeedParseError, match="empty"):
        parse_feed(body, FEED_URL)


@pytest.mark.parametrize("body, message", [
    (b"<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</body></html>",
     "not a feed"),
    (b'<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>',
     "not a feed"),
    (b"just some text, no markup at all", "not XML"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not XML"),
])
def test_non_feeds_are_rejected(body: bytes, message: str) -> None:
    with pytest.raises(FeedParseError, match=message):
        parse_feed(body, FEED_URL)


def test_str_input_is_rejected_with_clear_error() -> None:
    with pytest.raises(FeedParseError, match="expected bytes"):
        parse_feed("<rss/>", FEED_URL)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["rss2.xml", "atom.xml", "rdf.xml", "broken_feed.xml"])
def test_looks_like_feed_on_fixtures(fixture_bytes, name: str) -> None:
    assert looks_like_feed(fixture_bytes(name))


@pytest.mark.parametrize("body, expected", [
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- generator -->\n<rss version="2.0">', True),
    (b'<?xml-stylesheet href="x.xsl"?><feed xmlns="http://www.w3.org/2005/Atom">', True),
    ('<?xml version="1.0"?><rss>'.encode("utf-16"), True),
    (b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head>', False),
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', False),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><foaf:Person/>', False),
    (b"<rssfeed>", False),
    (b"", False),
])
def test_looks_like_feed_sniffing(body: bytes, expected: bool) -> None:
    assert looks_like_feed(body) is expected
