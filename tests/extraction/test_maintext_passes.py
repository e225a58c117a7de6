"""crawler/extraction/maintext.py: trafilatura's fast pass, and its full pass only when
the fast pass kept (almost) nothing of the document."""
from __future__ import annotations

import pytest

from crawler.extraction import maintext
from crawler.extraction.parsing import parse_html

ARTICLE = "".join(f"<p>Paragraph {i}: the second season of the harbor drama starts filming in Busan "
                  f"next spring, the studio said on Monday.</p>" for i in range(10))


def page(article: str, furniture_words: int = 0) -> str:
    furniture = "<ul>" + "".join(f"<li><a href='/x{i}'>menu item {i}</a></li>" for i in range(furniture_words // 3)) + "</ul>"
    return f"<html><head><title>T</title></head><body><nav>{furniture}</nav><article>{article}</article></body></html>"


@pytest.fixture
def passes(monkeypatch):
    """Record the trafilatura passes (fast=True/False) and let each return a chosen text."""
    calls: list[bool] = []
    answers: dict[bool, str] = {}

    def fake(tree, url, *, fast, favor_precision):
        calls.append(fast)
        return answers[fast]

    monkeypatch.setattr(maintext, "_trafilatura_text", fake)
    return calls, answers


def test_fast_pass_alone_when_it_keeps_the_article(passes):
    calls, answers = passes
    answers[True] = "A fast result with plenty of words " * 10
    assert maintext.extract_main_text(parse_html(page(ARTICLE))).startswith("A fast result")
    assert calls == [True]


def test_full_pass_when_the_fast_pass_keeps_too_little_of_the_document(passes):
    calls, answers = passes
    answers[True], answers[False] = "Only a caption.", "The full article text " * 20
    document = parse_html(page(ARTICLE, furniture_words=600))
    assert maintext.document_words(document) * maintext.FULL_PASS_BELOW_SHARE > 2
    assert maintext.extract_main_text(document).startswith("The full article text")
    assert calls == [True, False]


def test_full_pass_when_the_fast_pass_finds_nothing_and_fast_text_kept_if_full_is_empty(passes):
    calls, answers = passes
    answers[True], answers[False] = "", ""
    assert maintext.extract_main_text(parse_html(page(ARTICLE))) == ""
    assert calls == [True, False]
    calls.clear()
    answers[True], answers[False] = "Short caption of two words.", ""
    assert maintext.extract_main_text(parse_html(page(ARTICLE, furniture_words=900))) == "Short caption of two words."
    assert calls == [True, False]


def test_real_trafilatura_fast_pass_reads_the_article():
    text = maintext.extract_main_text(parse_html(page(ARTICLE, furniture_words=30)), "https://example.com/a")
    assert "Paragraph 0: the second season" in text and "Paragraph 9" in text
    assert "menu item" not in text
