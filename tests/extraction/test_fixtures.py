"""Hand-written pages of typical layouts -> the fields we expect (tests/fixtures/extraction/*.expected.json)."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from crawler.extraction import FIELDS, extract_article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"
CASES = sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))


def _run(name: str) -> tuple[dict, dict]:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    page = (FIXTURES / f"{name}.html").read_bytes()
    article = extract_article(page, expected["url"], fetched_at=datetime.fromisoformat(expected["fetched_at"]))
    return article, expected


def test_fixture_set_covers_the_required_layouts() -> None:
    assert len(CASES) >= 13
    for name in CASES:
        assert (FIXTURES / f"{name}.html").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_fixture_fields(name: str) -> None:
    article, expected = _run(name)
    assert tuple(article) == FIELDS
    for field, value in expected["fields"].items():
        assert article[field] == value, f"{name}: {field}"


@pytest.mark.parametrize("name", CASES)
def test_fixture_body(name: str) -> None:
    article, expected = _run(name)
    body = article["body"]
    assert "\n\n\n" not in body and not body.startswith("\n")
    for snippet in expected["body_contains"]:
        assert snippet in body, f"{name}: missing {snippet!r}"
    for snippet in expected["body_excludes"]:
        assert snippet not in body, f"{name}: boilerplate {snippet!r} kept"
    if expected["body_contains"]:
        assert article["word_count"] >= 40


@pytest.mark.parametrize("name", CASES)
def test_fixture_date_candidates(name: str) -> None:
    article, expected = _run(name)
    for candidate in article["date_candidates"]:
        assert set(candidate) == {"value", "raw", "source", "kind", "parser"}
        assert candidate["kind"] in ("published", "updated")
    for wanted in expected["candidates_include"]:
        assert any(all(c.get(k) == v for k, v in wanted.items()) for c in article["date_candidates"]), wanted


def test_wordpress_body_has_paragraphs() -> None:
    article, _ = _run("wordpress_news")
    paragraphs = article["body"].split("\n\n")
    assert paragraphs[0].startswith("Since its surprise debut")
    assert len(paragraphs) == 7
