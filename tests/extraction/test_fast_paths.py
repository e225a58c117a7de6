"""The fast paths added for speed answer exactly like the slower code they replace.

Each test compares a fast helper with the straightforward version (an XPath
query, a case-insensitive regex, a Python loop) on synthetic inputs chosen to
hit the edge cases: empty attributes, non-ASCII class names, several <body>
elements, control characters, upper-case charset declarations.
"""
from __future__ import annotations

import re

import pytest
from lxml import etree
from lxml.html import HtmlElement, document_fromstring

from crawler.extraction import decoding, extract_article
from crawler.extraction.authors import _byline_elements
from crawler.extraction.dateparse import find_relative, iter_formatted
from crawler.extraction.dates import _DATE_CLASS, has_date_hint
from crawler.extraction.maintext import count_words, strip_header_lines
from crawler.extraction.pagetype import PageShape, classify_page, measure_page
from crawler.extraction.parsing import parse_html
from crawler.extraction.scan import scan_page

PAGE = """<html><head><title>t</title><meta itemprop="datePublished" content="2024-01-01"></head><body>
<div class="" id="main"><p itemprop="datePublished">May 2, 2024</p>
<span rel="author">Ana</span><span class="post-Byline">By Bo</span><span id="the-author">Cy</span>
<em class="WRITER">x</em><em class="İnfo">y</em><b>plain</b><b data-x="1">data only</b>
<a href="/x" class="comment-author">Dee</a></div></body></html>"""


def _xpath_marked(tree: HtmlElement) -> list[HtmlElement]:
    return tree.xpath("//body//*[@class or @id or @itemprop or @rel]")


def test_scan_matches_xpath_in_document_order() -> None:
    tree = parse_html(PAGE)
    scan = scan_page(tree)
    assert scan.elements == _xpath_marked(tree)
    records = list(scan.records())
    assert records[0][1:] == ("div", "", "main", None, None)
    assert records[1][1:] == ("p", None, None, "datePublished", None)
    assert [r[0] for r in records] == scan.elements
    assert "meta" not in scan.tags  # <head> is not scanned
    assert len(scan.tags) == len(scan.classes) == len(scan.ids) == len(scan.itemprops) == len(scan.rels)


def test_scan_with_a_second_body_outside_the_first_uses_xpath() -> None:
    tree = parse_html(PAGE)
    extra = etree.SubElement(tree, "body")
    etree.SubElement(extra, "span", {"class": "byline"}).text = "By Late Body"
    assert scan_page(tree).elements == _xpath_marked(tree)
    assert scan_page(tree).classes[-1] == "byline"


def test_scan_without_body_is_empty() -> None:
    tree = document_fromstring("<html><head><title>only a head</title></head></html>")
    assert scan_page(tree).elements == []


@pytest.mark.parametrize("hints", [
    "post-date", "DATE", "entry-meta", "Posted", "timestamp", "ArticleInfo", "zeitangabe", "fecha", "col-md-4",
    "menu-item", "İnfo", "poſted", "\u212aeta", "métadonnées", "entry-footer", "Entry-Footer", "", "created-at",
])
def test_has_date_hint_equals_the_regex(hints: str) -> None:
    assert has_date_hint(hints) == bool(_DATE_CLASS.search(hints))


def test_byline_elements_equal_the_xpath_query() -> None:
    tree = parse_html(PAGE)
    expected = tree.xpath(
        "//body//*[@rel='author' or @itemprop='author' or contains(@class,'uthor') "
        "or contains(@class,'byline') or contains(@class,'Byline') or contains(@id,'uthor') "
        "or contains(@class,'autor') or contains(@class,'Autor') or contains(@class,'verfasser') "
        "or contains(@class,'auteur') or contains(@class,'firma') or contains(@class,'writer') "
        "or contains(@class,'reporter')]")
    found = [record[0] for record in _byline_elements(scan_page(tree))]
    assert found == expected
    assert [e.text for e in found] == ["Ana", "By Bo", "Cy", "Dee"]  # "WRITER" is case-sensitive, like XPath


def test_date_prefilters_keep_every_match() -> None:
    assert iter_formatted("no digits at all, only May and words") == []
    assert [v for _, v, _ in iter_formatted("am 12. März 2024 und 2024-05-02")] == ["2024-03-12", "2024-05-02"]
    from datetime import datetime, timezone
    now = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    assert find_relative("posted 3 days AGO", now) == ("2026-02-26", "3 days AGO")
    assert find_relative("vor 2 Stunden", now) == ("2026-03-01T10:00:00+00:00", "vor 2 Stunden")
    assert find_relative("2시간 전", now)[1] == "2시간 전"
    assert find_relative("Yesterday", now) == ("2026-02-28", "Yesterday")
    assert find_relative("nothing relative here", now) is None


def test_parse_html_control_characters_and_nul_bytes() -> None:
    tree = parse_html("<html><body><p>a\x01b\x0bc\x1fd\te</p></body></html>")
    assert tree.findtext(".//p") == "a b c d\te"
    tree = parse_html("<html><body><p>clean é ✓ \U0001F600</p></body></html>")
    assert tree.findtext(".//p") == "clean é ✓ \U0001F600"
    with pytest.raises(Exception, match="binary"):
        parse_html("<p>x</p>" + "\x00" * 50)


def test_parsed_elements_are_plain_html_elements() -> None:
    tree = parse_html("<html><body><form><input name='q'><label>L</label></form><p>x</p></body></html>")
    assert {type(e) for e in tree.iter()} == {HtmlElement}
    assert tree.find(".//form").text_content() == "L"


@pytest.mark.parametrize("head", [
    b'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; CHARSET=ISO-8859-15">',
    b'<meta charset="Windows-1252">', b"<?XML version='1.0' ENCODING='UTF-8'?>", b"<meta name=x>",
    b'<meta content="a"><meta Charset = " utf-8 ">',
])
def test_declared_charset_equals_the_case_insensitive_patterns(head: bytes) -> None:
    meta = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)
    xml = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.IGNORECASE)
    match = meta.search(head) or xml.search(head)
    expected = decoding.normalize_codec(match.group(1).decode()) if match else None
    assert decoding.declared_charset(head + b"<html></html>") == expected


def test_mostly_utf8_counts_like_the_loop() -> None:
    data = "Grüße aus Köln, ein kaputtes Byte: ".encode() + b"\xff" + " ✓ fertig".encode()
    text = data.decode("utf-8", errors="replace")
    loop = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    assert len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd") == loop
    assert decoding._mostly_utf8(data) == text


def _link_page(teasers: int, filler_words: int) -> HtmlElement:
    links = " ".join(f'<a href="/s{i}">A teaser headline number {i}</a>' for i in range(teasers))
    return parse_html(f"<html><body><nav>{links}</nav>\n<p>{'word ' * filler_words}</p>"
                      "<script>var a = 1 + 2;</script></body></html>")


def test_link_density_is_measured_where_classify_page_reads_it() -> None:
    shape = measure_page(_link_page(20, 10), body_words=10)
    # 20 links of 5 words; body text = 100 link words + 10 filler words (script text excluded)
    assert shape.teasers == 20 and shape.link_density == pytest.approx(100 / 110)
    assert classify_page("https://x.test/hub", [], "", shape) == "section"
    few = measure_page(_link_page(3, 10), body_words=10)
    assert few.teasers == 3 and few.link_density == 0.0  # not read by classify_page: not measured
    assert classify_page("https://x.test/hub", [], "", few) == classify_page(
        "https://x.test/hub", [], "", PageShape(body_words=10, teasers=3, link_density=0.9))


def test_strip_header_lines_only_looks_at_the_first_paragraphs() -> None:
    body = "\n\n".join(["The Title", "By Jane Doe", "March 3, 2024", "First real paragraph here.",
                        "By Jane Doe", "March 3, 2024"])
    assert strip_header_lines(body, ["Jane Doe"]) == "\n\n".join(
        ["The Title", "First real paragraph here.", "By Jane Doe", "March 3, 2024"])
    assert strip_header_lines("", []) == ""


def test_count_words_with_and_without_cjk() -> None:
    assert count_words("one two_three, four!") == 4
    assert count_words("ドラマは来年 returns soon") == 8
    assert count_words("") == 0


def test_extract_article_uses_the_scan_for_dates_and_authors() -> None:
    html = ('<html><body><h1>Hello there world</h1><div class="entry-meta">Posted on May 2, 2024 '
            '<span class="byline">by Harold Benning</span></div><p>' + "text " * 100 + "</p></body></html>")
    article = extract_article(html, "https://x.test/hello-there-world-story")
    assert article["published_at"] == "2024-05-02"
    assert article["authors"] == ["Harold Benning"]
    assert ("label", "2024-05-02") in {(c["source"], c["value"]) for c in article["date_candidates"]}


def test_month_prefix_tree_matches_like_the_longest_first_alternation() -> None:
    import random

    from crawler.extraction.dateparse import MONTH_PATTERN, MONTHS, _FORMATS, prefix_tree_pattern

    assert prefix_tree_pattern(["mar", "march", "mars", "may"]) == "ma(?:r(?:ch|s|)|y)"
    tail = r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)"
    slow = re.compile(r"\b(?P<mname>" + MONTH_PATTERN + tail, re.IGNORECASE)
    fast = re.compile(r"\b(?P<mname>" + prefix_tree_pattern(sorted(MONTHS, key=len, reverse=True)) + tail,
                      re.IGNORECASE)
    rng = random.Random(7)
    names = list(MONTHS) + ["Sept", "MÄRZ", "Décembre", "ſeptember", "İ", "Mars", "Marzo", "mart", "Juni"]
    pieces = names + ["1", "12", "31st", "2024", "20245", " ", ". ", ", ", "x", "th", "\u212aw"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 8)))
        assert [m.groupdict() | {"span": m.span()} for m in slow.finditer(text)] == \
               [m.groupdict() | {"span": m.span()} for m in fast.finditer(text)], text
    assert dict(_FORMATS)["mdy_name"].search("on Sept. 3rd, 2024 at 5:30 pm")["mname"] == "Sept"


@pytest.mark.parametrize(("text", "expected"), [
    ("<html><body><p>a\ud800b</p></body></html>", "<html><body><p>a</p></body></html>"),  # lone surrogate: str path
    ("<?xml version='1.0' encoding='latin-1'?><html><body><p>é\x01</p></body></html>",
     "<html><body><p>é </p></body></html>"),
    ("<html><head><meta charset='shift_jis'></head><body><p>日本語 ü</p></body></html>",
     '<html><head><meta charset="shift_jis"/></head><body><p>日本語 ü</p></body></html>'),  # text is already decoded
])
def test_parse_html_bytes_path_keeps_the_text(text: str, expected: str) -> None:
    assert etree.tostring(parse_html(text), encoding="unicode") == expected
