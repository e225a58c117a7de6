"""classify_kinds: the contract around the cue tables."""
from __future__ import annotations

import pytest

from pipelines.article_kinds import KINDS, KindTag, classify_kinds

SHOW = ["Glass Harbor"]


def kinds(title: str, body: str = "", language: str = "en", aliases=SHOW) -> list[str]:
    return [tag.kind for tag in classify_kinds(title, body, aliases, language=language)]


def test_tag_fields_and_as_dict():
    tag, = classify_kinds("Glass Harbor season 2, episode 5 recap: the lighthouse", "", SHOW, language="en")
    assert isinstance(tag, KindTag) and tag.kind in KINDS
    assert tag.as_dict() == {"kind": "recap", "confidence": 1.0, "evidence": "season 2, episode 5", "where": "headline",
                             "season": 2, "episode": 5}


def test_nothing_matched_is_other():
    assert kinds("Glass Harbor star gets married", "A small ceremony in Maine.") == ["other"]


@pytest.mark.parametrize("title, body", [("", ""), ("   ", "\n\n"), ("<<<", "\x00\x01")])
def test_empty_or_junk_input_is_other(title, body):
    assert kinds(title, body) == ["other"]


def test_bad_arguments_raise():
    with pytest.raises(TypeError, match="str"):
        classify_kinds(None, "", SHOW)              # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sequence of names"):
        classify_kinds("t", "b", "Glass Harbor")


def test_body_sentences_count_only_where_the_show_is_named():
    lede = "A roundup of this week in television.\n\n"
    named = lede + "Glass Harbor has been renewed for a third season. Fans cheered the renewal of Glass Harbor."
    other = lede + "Neon Dynasty has been renewed for a third season. Fans cheered the renewal of Neon Dynasty."
    assert kinds("This week in TV", named) == ["renewal"]
    assert kinds("This week in TV", other) == ["other"]


def test_strong_headline_decides_over_weak_headline_cues():
    assert kinds("Glass Harbor drops a sneak peek of the premiere") == ["trailer"]
    assert set(kinds("Glass Harbor season 2 episode 3 review")) == {"recap", "review"}


def test_language_selects_cue_tables():
    assert kinds("La Casa del Río, renovada", "", "es", ["La Casa del Río"]) == ["renewal"]
    assert kinds("La Casa del Río, renovada", "", "en", ["La Casa del Río"]) == ["other"]
    assert kinds("La Casa del Río, renovada", "", "", ["La Casa del Río"]) == ["renewal"]   # unknown: all


def test_korean_recap_episode_number():
    tag = classify_kinds("'바람의 정원' 시즌2 3회 줄거리 요약", "", ["바람의 정원"], language="ko")[0]
    assert (tag.kind, tag.season, tag.episode) == ("recap", 2, 3)


def test_at_most_three_kinds():
    title = "Glass Harbor renewed, new trailer, cast additions, Emmy nominations and ratings record"
    assert len(kinds(title)) <= 3
