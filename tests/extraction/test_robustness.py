"""Bad input: empty, not HTML, malformed markup, wrong charsets -> a clear error or a best effort, never a crash."""
from __future__ import annotations

import pytest

from crawler.extraction import ExtractionError, extract_article
from crawler.extraction.decoding import decode_html, declared_charset

PAGE = """<html><head><meta charset="{charset}"><title>Café society</title></head>
<body><article><h1>Café society</h1><p>{para}</p><p>{para}</p><p>{para}</p></article></body></html>"""
PARA = "Die Schauspielerin spricht über ihre Rolle in der neuen Serie, über Drehtage am Meer und über Müdigkeit."


@pytest.mark.parametrize("bad", ["", "   \n ", b"", "just some plain words, no markup at all", b"\x00\x01\x02" * 50])
def test_not_html_raises_extraction_error(bad: str | bytes) -> None:
    with pytest.raises(ExtractionError):
        extract_article(bad, "https://x.test/a")


def test_wrong_input_type_raises_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        extract_article(12345, "https://x.test/a")  # type: ignore[arg-type]


@pytest.mark.parametrize("html", [
    "<html><body><p>unclosed <b>bold <i>italic</p></div></table>",
    "<p>fragment only",
    "<html><head><script type='application/ld+json'>{not json at all</script></head><body><h1>T</h1></body></html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>xml prolog</p></body></html>",
    "<html><body>" + "<div>" * 3000 + "deep" + "</div>" * 10 + "</body></html>",
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=nonsense-7'></head><body>x</body></html>",
])
def test_malformed_html_does_not_raise(html: str) -> None:
    article = extract_article(html, "https://x.test/a")
    assert isinstance(article["body"], str) and isinstance(article["date_candidates"], list)


def test_declared_charset_is_used() -> None:
    data = PAGE.format(charset="iso-8859-1", para=PARA).encode("latin-1")
    assert declared_charset(data) == "cp1252"
    article = extract_article(data, "https://x.test/a")
    assert article["title"] == "Café society" and "Müdigkeit" in article["body"]


def test_caller_encoding_wins_over_declared_charset() -> None:
    data = PAGE.format(charset="utf-8", para=PARA).encode("cp1252")
    assert "Müdigkeit" in extract_article(data, "https://x.test/a", encoding="windows-1252")["body"]


def test_wrong_declared_charset_falls_back_without_crashing() -> None:
    data = PAGE.format(charset="utf-8", para=PARA).encode("cp1252")  # says UTF-8, is Windows-1252
    article = extract_article(data, "https://x.test/a")
    assert article["title"] == "Café society" and "\ufffd" not in article["body"]


def test_mostly_utf8_page_with_a_broken_byte_stays_utf8() -> None:
    data = PAGE.format(charset="utf-8", para=PARA).encode("utf-8") + b"\xff<!-- cut -->"
    assert "Müdigkeit" in decode_html(data)


def test_unknown_encoding_name_is_ignored() -> None:
    data = PAGE.format(charset="utf-8", para=PARA).encode("utf-8")
    assert "Müdigkeit" in decode_html(data, encoding="no-such-codec")


def test_korean_legacy_charset() -> None:
    page = '<html><head><meta charset="euc-kr"><title>드라마 소식</title></head><body><p>배우 한서진이 주연을 맡는다.</p></body></html>'
    assert extract_article(page.encode("euc-kr"), "https://x.test/a")["title"] == "드라마 소식"


def test_utf16_with_bom() -> None:
    data = "\ufeff" + PAGE.format(charset="utf-16", para=PARA)
    assert extract_article(data.encode("utf-16"), "https://x.test/a")["title"] == "Café society"


def test_utf8_page_mislabelled_as_latin1_decodes_as_utf8() -> None:
    from crawler.extraction.decoding import decode_html

    utf8 = "<p>Crème brûlée — “quoted”</p>".encode("utf-8")
    assert decode_html(utf8, "iso-8859-1") == "<p>Crème brûlée — “quoted”</p>"
    latin = "<p>Crème brûlée</p>".encode("cp1252")
    assert decode_html(latin, "iso-8859-1") == "<p>Crème brûlée</p>"
