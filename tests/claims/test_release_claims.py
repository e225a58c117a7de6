"""extract_release_claims: the seed page, the claim model, bad input, speed."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from pipelines.article_kinds import classify_kinds
from pipelines.release_claims import CERTAINTIES, CLAIM_KINDS, ReleaseClaim, extract_release_claims

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED = REPO_ROOT.parent / "shared" / "seeds" / "000_f9ea273ed314d659.txt"
SEED_ALIASES = ["All of Us Are Dead", "지금 우리 학교는"]
SEED_PUBLISHED = datetime(2026, 1, 20, 9, 0, tzinfo=timezone.utc)   # before the February wrap it mentions


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed page not present at {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_seed_page_claims(seed_text):
    claims = extract_release_claims(seed_text, show_aliases=SEED_ALIASES, published_at=SEED_PUBLISHED,
                                    season_hint=2)
    by_window = {(c.kind, c.earliest, c.latest, c.certainty) for c in claims}
    assert ("none", None, None, "official") in by_window                                   # no official date
    assert ("part_of_year", date(2026, 9, 1), date(2026, 12, 31), "reported") in by_window  # late 2026 debut
    assert ("month", date(2026, 8, 1), date(2026, 8, 10), "rumoured") in by_window          # early August, circulating
    slip = [c for c in claims if c.span_text == "early 2027" and "insiders" in c.sentence]
    assert len(slip) == 1 and slip[0].certainty in ("rumoured", "speculation")
    assert slip[0].earliest == date(2027, 1, 1) and slip[0].latest == date(2027, 4, 30)
    assert all(c.topic == "release" and c.season == 2 for c in claims)
    assert not [c for c in claims if "February" in c.span_text or c.latest and c.latest.year < 2026]
    first = claims[0]
    assert seed_text[first.span_start:first.span_end] == first.span_text


def test_seed_page_filming_wrap_is_production_only(seed_text):
    claims = extract_release_claims(seed_text, show_aliases=SEED_ALIASES, published_at=SEED_PUBLISHED,
                                    include_production=True)
    wrap = [c for c in claims if "February" in c.span_text]
    assert len(wrap) == 1 and wrap[0].topic == "production"
    assert wrap[0].latest == date(2026, 2, 20)


def test_seed_page_without_season_hint_reads_the_heading(seed_text):
    claims = extract_release_claims(seed_text, show_aliases=SEED_ALIASES, published_at=SEED_PUBLISHED)
    assert {c.season for c in claims} == {2}


def test_seed_page_kind_is_explainer(seed_text):
    title, _, body = seed_text.partition("\n")
    kinds = classify_kinds(title, body, SEED_ALIASES, language="en")
    assert kinds[0].kind == "explainer" and kinds[0].where == "headline"


def test_claim_fields_and_as_dict():
    text = "Glass Harbor season 2 premieres March 3 on Netflix."
    claim, = extract_release_claims(text, show_aliases=["Glass Harbor"], published_at=date(2026, 1, 15))
    assert claim.kind in CLAIM_KINDS and claim.certainty in CERTAINTIES
    at = text.index("March 3")
    assert (claim.span_start, claim.span_end, claim.span_text) == (at, at + 7, "March 3")
    assert claim.relative is True and claim.season == 2
    assert claim.as_dict() == {
        "topic": "release", "kind": "exact", "earliest": "2026-03-03", "latest": "2026-03-03",
        "certainty": "official", "season": 2, "span_start": at, "span_end": at + 7, "span_text": "March 3",
        "sentence": text, "cues": [], "relative": True}


def test_published_at_decides_relative_dates():
    text = "Glass Harbor returns this fall."
    early, = extract_release_claims(text, show_aliases=["Glass Harbor"], published_at=date(2026, 3, 1))
    late, = extract_release_claims(text, show_aliases=["Glass Harbor"], published_at=date(2026, 12, 5))
    assert early.earliest == date(2026, 9, 1)
    assert late.earliest == date(2027, 9, 1)


def test_article_not_about_the_show_needs_the_show_named():
    text = "The streamer is busy. The new season arrives in June."
    assert extract_release_claims(text, show_aliases=["Glass Harbor"], published_at=date(2026, 1, 15),
                                  article_is_about=False) == []
    assert len(extract_release_claims(text, show_aliases=["Glass Harbor"], published_at=date(2026, 1, 15))) == 1


def test_repeated_claims_are_kept_once():
    text = ("Glass Harbor is expected in late 2026. Again: Glass Harbor is expected in late 2026. "
            "Insiders say Glass Harbor could slip to early 2027.")
    claims = extract_release_claims(text, show_aliases=["Glass Harbor"], published_at=date(2026, 1, 15))
    assert [(c.span_text, c.certainty) for c in claims] == [("late 2026", "reported"), ("early 2027", "rumoured")]


@pytest.mark.parametrize("text", ["", "   \n\n ", "No dates here at all.", "<<<>>> \x00 ???", "2026"])
def test_empty_or_dateless_input_gives_no_claims(text):
    assert extract_release_claims(text, show_aliases=["Glass Harbor"], published_at=date(2026, 1, 15)) == []


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(TypeError, match="text must be str"):
        extract_release_claims(b"bytes", show_aliases=["X"], published_at=date(2026, 1, 1))
    with pytest.raises(TypeError, match="sequences of names"):
        extract_release_claims("text", show_aliases="Glass Harbor", published_at=date(2026, 1, 1))
    with pytest.raises(TypeError, match="published_at"):
        extract_release_claims("text", show_aliases=["X"], published_at="2026-01-01")


def test_naive_and_aware_datetimes_are_accepted():
    text = "Glass Harbor returns next year."
    for published in (datetime(2026, 5, 1), datetime(2026, 5, 1, tzinfo=timezone.utc)):
        claim, = extract_release_claims(text, show_aliases=["Glass Harbor"], published_at=published)
        assert claim.earliest == date(2027, 1, 1)


def test_claims_are_immutable():
    claim, = extract_release_claims("Glass Harbor returns in 2027.", show_aliases=["Glass Harbor"],
                                    published_at=date(2026, 1, 15))
    assert isinstance(claim, ReleaseClaim)
    with pytest.raises(AttributeError):
        claim.kind = "year"          # type: ignore[misc]


def test_a_long_article_gives_its_one_claim_once():
    # Speed is measured by bench/, not here; this checks the repeated text is handled right.
    paragraph = ("Glass Harbor season 2 is expected in late 2026, according to Variety. Filming wraps in "
                 "March, and the cast has been busy. The first season premiered in January 2022. "
                 "Nothing else of note happened this week, and fans keep waiting for news. ") * 25
    claims = extract_release_claims(paragraph, show_aliases=["Glass Harbor"], published_at=date(2026, 1, 15))
    windows = {(c.earliest, c.latest, c.kind) for c in claims}
    assert windows == {(date(2026, 9, 1), date(2026, 12, 31), "part_of_year")}, claims
