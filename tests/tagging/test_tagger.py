"""Behaviour of ShowTagger beyond the labeled set: matching rules, seasons, scores."""
from __future__ import annotations

import random
import time

import pytest

from pipelines.show_catalog import catalog_from_data
from pipelines.show_tagger import ShowTag, ShowTagger
from pipelines.show_text import TextFolder, build_fold_table


def ids(tags):
    return [t.show_id for t in tags]


def test_folding_keeps_offsets():
    folder = TextFolder()
    for text in ["Squid Game: The Challenge", "Élite — Temporada 2", "Grey’s Anatomy", "지금 우리 학교는2",
                 "İstanbul ß ﬁ 𝔘", "SPY×FAMILY", ""]:
        assert len(folder.fold(text)) == len(text)
    assert folder.fold("Élite — “You”") == "elite    you "
    assert folder.fold_phrase("  Squid  Game: The Challenge ") == "squid game the challenge"


@pytest.mark.parametrize("text", [
    "plain ASCII " * 20,                                           # bytes path
    "Élite, Señor Müller " * 20,                                   # Latin-1 path
    "Grey’s Anatomy — „Staffel“ … " * 20,                          # common wide punctuation, then Latin-1
    "지금 우리 학교는 シーズン2 ÉLITE İstanbul ß ﬁ Ａｂｃ " * 10,      # NumPy gather over UTF-16 units
    "astral 𝔘𝔫𝔦 😀 and Ꭺ " * 20,                                   # surrogate pairs pass through
    "compatibility \ufa6c\ufacf ideographs stay as they are " * 5,     # their fold is outside the BMP
    "short 지금",                                                  # short wide text: str.translate
    "\u201cquoted\u201d then Korean 지금 우리 학교는 " * 10,           # common punctuation first, then wide
])
def test_every_fold_path_equals_the_table(text):
    folder = TextFolder()
    expected = text.translate(build_fold_table())
    assert folder.fold(text) == expected
    assert len(expected) == len(text)


def test_case_accents_and_punctuation(tagger):
    assert ids(tagger.tag("", "squid game was everywhere in 2021, season 1 included.")) == ["squid-game"]
    assert ids(tagger.tag("", "The Netflix hit ELITE returns, and Elite's cast is back.")) == ["elite"]
    assert ids(tagger.tag("", "Fans of Greys Anatomy and Grey’s Anatomy alike tuned in on ABC.")) == ["greys-anatomy"]
    assert ids(tagger.tag("", "Parks & Rec and Parks and Recreation are the same NBC sitcom.")) == ["parks-and-recreation"]
    assert tagger.tag("", "squidgame") == []                        # no word boundary, no tag


def test_korean_particles_and_no_spaces(tagger):
    for text in ["오징어 게임은 넷플릭스 드라마다", "오징어게임이 1위", "지금 우리 학교는2 공개",
                 "지금우리학교는 좀비물", "'무빙'의 류승룡"]:
        assert tagger.tag("", text, language="ko"), text
    assert tagger.tag("", "오징어 게임판을 샀다", language="ko") == []     # more word after the title


def test_japanese_and_mixed_scripts(tagger):
    assert ids(tagger.tag("", "今際の国のアリスの新シーズン")) == ["alice-in-borderland"]
    assert ids(tagger.tag("", "SPY×FAMILYのアニメ")) == ["spy-x-family"]
    assert tagger.tag("", "SPY×FAMILYYYの") == []


def test_abbreviations_need_their_case(tagger):
    assert set(ids(tagger.tag("", "HotD and TLOU lead HBO's year."))) == {"house-of-the-dragon", "the-last-of-us"}
    assert tagger.tag("", "hotd tlou got snl") == []


@pytest.mark.parametrize("text, season", [
    ("Squid Game season 2 arrives", 2), ("Squid Game S2 arrives", 2), ("Squid Game S02E03 recap", 2),
    ("the second season of Squid Game", 2), ("season two of Squid Game", 2),
    ("Squid Game's third season", 3), ("오징어 게임 시즌2", 2), ("오징어 게임 시즌 2", 2),
    ("La segunda temporada de El juego del calamar", 2), ("El juego del calamar temporada 2", 2),
    ("All of Us Are Dead 2 is coming", 2), ("지금 우리 학교는2", 2), ("Squid Game series 2", 2),
    ("Squid Game returns for its fourth and final season", 4), ("Squid Game 10 years on", None),
    ("Squid Game in 2021", None),
])
def test_season_forms(tagger, text, season):
    tags = tagger.tag("", text)
    assert len(tags) == 1 and tags[0].season == season


def test_scores_and_is_about(tagger):
    about = tagger.tag("Squid Game season 3 review", "Squid Game ends.\n\nMore on Squid Game below.")[0]
    passing = tagger.tag("Election results", "Turnout was high.\n\nIn other news, Bridgerton trended.")[0]
    assert about.is_about and about.where == "headline" and about.mentions == 3 and about.score > 0.9
    assert not passing.is_about and passing.where == "body" and passing.score < 0.3
    lede = tagger.tag("", "Bridgerton returns.\n\nBridgerton fans cheered. Bridgerton!")[0]
    assert lede.where == "lede" and lede.is_about
    assert 0 <= passing.score <= 1


def test_as_dict_shape(tagger):
    tag = tagger.tag("Squid Game season 2", "")[0]
    assert isinstance(tag, ShowTag)
    assert tag.as_dict() == {"show_id": "squid-game", "alias": "Squid Game", "where": "headline",
                             "count": 1, "season": 2, "score": tag.score, "is_about": True}


def test_html_title_cues(tagger):
    text = "Critics adored Lost when it aired, and still do."
    assert tagger.tag("", text) == []
    assert ids(tagger.tag("", text, html_title_cues=["Lost"])) == ["lost"]


def test_bad_input_is_harmless(tagger):
    assert tagger.tag("", "") == []
    assert tagger.tag(None, None) == []                       # type: ignore[arg-type]
    assert tagger.tag("\x00\ufffd", "<html><body>Squid Game</b></p> \udcff") [0].show_id == "squid-game"
    assert tagger.tag("", "🙂" * 50 + " Squid Game " + "🙂") [0].show_id == "squid-game"


def test_german_capitals_are_not_evidence(tagger):
    text = "Wir sahen Lost gestern."                 # mid-sentence capital: evidence in English only
    assert tagger.tag("", "We rewatched Lost yesterday.", language="en")
    assert tagger.tag("", text, language="de") == []


def synthetic_catalog(size: int, seed: int = 7):
    rng = random.Random(seed)
    syllables = ["ka", "ri", "mo", "zen", "tal", "vor", "ni", "sha", "lum", "dex", "qua", "bri", "ost"]
    shows, seen = [], set()
    while len(shows) < size:
        words = [("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))).capitalize()
                 for _ in range(rng.randint(1, 4))]
        title = " ".join(words)
        key = title.lower()
        if key in seen:
            continue
        seen.add(key)
        number = len(shows)
        entry = {"id": f"show-{number}", "title": title, "years": [2000 + number % 25, None],
                 "network": rng.choice(["Netflix", "HBO", "tvN", "BBC One"]), "country": "US",
                 "cast": [{"actor": f"Actor {number}", "character": f"Hero {number}"}]}
        if number % 10 == 0:
            entry["original_title"] = f"드라마{number}"
            entry["original_language"] = "ko"
        if number % 50 == 0:
            entry["ambiguous"] = True
        shows.append(entry)
    return catalog_from_data({"shows": shows}, source="synthetic")


def test_ten_thousand_show_catalog_builds_and_tags():
    catalog = synthetic_catalog(10_000)
    started = time.perf_counter()
    tagger = ShowTagger(catalog)
    built = time.perf_counter() - started
    target = catalog.shows[1234]
    korean = catalog.shows[1230]
    body = (f"Viewers loved {target.title} season 3 on {target.network}. " * 3
            + " ".join(["the quick brown fox jumps over the lazy dog"] * 60)
            + f" {korean.original_title}은 화제다.")
    tags = tagger.tag(f"{target.title} returns", body)
    found = {t.show_id: t for t in tags}
    assert target.id in found and found[target.id].season == 3 and found[target.id].is_about
    assert korean.id in found
    assert built < 20, f"building a 10k-show tagger took {built:.1f}s"
