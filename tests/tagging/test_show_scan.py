"""The tagger's fast paths give exactly what the plain implementations give:
KeyScanner (hyperscan or pyahocorasick) == pyahocorasick's iter, is_vetoed_at ==
is_vetoed(hit_context(...)), season_near == the unfiltered season lookup."""
from __future__ import annotations

import random
import threading
from dataclasses import dataclass

import ahocorasick
import pytest

from pipelines.show_catalog import Catalog
from pipelines.show_evidence import (
    KIND_AFTER, KIND_BEFORE, KIND_WORDS_CJK, NEAR_NEGATIVE, NEAR_WORDS, SHOW_WORDS, SHOW_WORDS_CJK, WINDOW,
    ShowProfile, article_has_specific, build_profile, glued, is_sentence_start,
)
from pipelines.show_mention_checks import (
    _clause_end, is_vetoed_at, season_near, specific_by_first_word, window_points,
)
from pipelines.show_scan import KeyScanner, hyperscan
from pipelines.show_season import season_after, season_before, season_in_clause
from pipelines.show_specific import SpecificEvidence
from pipelines.show_tagger import ShowTagger, _split_matches
from pipelines.show_text import TextFolder, has_cased_letters, has_cjk


# ---- the per-hit rules as first written (show_evidence.py before issue 7); the fast forms in
# show_mention_checks.py are checked against them below
@dataclass(frozen=True)
class HitContext:
    """Where a hit sits: the neighbouring text, bounded by the next/previous hit."""
    before: str              # folded text before the hit, stripped, with a leading space
    after: str               # folded text after the hit, stripped, with a trailing space
    glued_before: bool       # only spaces/quotes between the previous word and the hit
    glued_after: bool        # only spaces/quotes between the hit and the next word
    at_start: bool           # sentence-initial (or in a Title Case headline)


def hit_context(text: str, padded: str, start: int, end: int, lower: int, upper: int,
                at_start: bool) -> HitContext:
    before = padded[max(lower + 1, start - 40):start + 1].rstrip()
    after = padded[end + 1:min(upper + 1, end + 41)].lstrip() + " "
    return HitContext(
        before=" " + before,
        after=after,
        glued_before=glued(text, start - 1, -1),
        glued_after=glued(text, end, 1),
        at_start=at_start,
    )


def is_vetoed(context: HitContext, profile: ShowProfile, cjk: bool) -> bool:
    """True when the words right next to the hit make it another work or a phrase."""
    if context.before.endswith(profile.not_before) or context.after.startswith(profile.not_after):
        return True
    if context.at_start and context.glued_after and context.after.startswith(profile.not_after_at_start):
        return True
    if context.glued_before and context.before.endswith(KIND_BEFORE):
        return True
    if context.after.startswith(KIND_AFTER) and (context.glued_after or context.after.startswith(("the ", "la ", "el "))):
        return True
    if cjk or has_cjk(context.before[-6:]) or has_cjk(context.after[:6]):
        before, after = context.before.rstrip(), context.after.lstrip()
        if before.endswith(KIND_WORDS_CJK) or after.startswith(KIND_WORDS_CJK):
            return True
        return after.startswith("の") and any(k in after[1:6] for k in KIND_WORDS_CJK)
    return False


def window_evidence(padded: str, start: int, end: int, profile: ShowProfile) -> tuple[int, int]:
    """(specific, generic) evidence near a mention: 2/0 points each, generic 0 or 1."""
    left = padded[max(0, start - WINDOW):start + 1]
    right = padded[end + 1:end + 1 + WINDOW]
    window = left + " " + right
    specific = 2 if any(p in window for p in profile.specific) else 0
    if not specific and profile.specific_cjk and any(p in window for p in profile.specific_cjk):
        specific = 2
    words = window.split()
    generic = 1 if not SHOW_WORDS.isdisjoint(words) or any(w in window for w in SHOW_WORDS_CJK) else 0
    near = left.split()[-NEAR_WORDS:] + right.split()[:NEAR_WORDS]
    if not NEAR_NEGATIVE.isdisjoint(near):
        specific, generic = max(0, specific - 2), 0
    return specific, generic


WORDS = ("the", "bear", "the bear", "you", "succession", "squid", "game", "sa", "ana", "anan",
         "banana", "na", "de", "la casa de papel", "élite", "straße", "Ωmega", "season", "2",
         "series", "second", "s02e05", "video game", "novel", "naughty dog", "part ii")
FILLER = ("and", "in", "a", "of", "12", "über", "ß", "x", "—", "の", "시즌", "drama", " ", "\n")


def _random_text(rng: random.Random, words: tuple[str, ...]) -> str:
    parts = [rng.choice(words if rng.random() < 0.6 else FILLER) for _ in range(rng.randint(0, 40))]
    return " ".join(parts)


def _reference(entries: dict[str, object], text: str) -> list[tuple[int, object]]:
    automaton = ahocorasick.Automaton()
    for key, value in entries.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return list(automaton.iter(text)) if entries else []


def _entries() -> dict[str, tuple[int, str]]:
    folder = TextFolder()
    keys = {folder.fold_phrase(w) for w in WORDS} | {folder.fold_phrase(w).replace(" ", "") for w in WORDS}
    return {f" {k} ": (len(k) + 2, k) for k in keys} | {k: (len(k), k) for k in keys if len(k) >= 2}


@pytest.mark.parametrize("use_hyperscan, wide", [(False, False), (True, False), (True, True)])
def test_scanner_equals_automaton_on_random_texts(use_hyperscan: bool, wide: bool) -> None:
    if use_hyperscan and hyperscan is None:
        pytest.skip("hyperscan is not installed")
    entries = _entries()
    scanner = KeyScanner(entries, use_hyperscan=use_hyperscan, wide=wide)
    assert scanner.uses_hyperscan is use_hyperscan
    folder = TextFolder()
    rng = random.Random(7)
    overlaps = 0
    for _ in range(600):
        padded = " " + folder.fold(_random_text(rng, WORDS)) + " "
        expected = _reference(entries, padded)
        assert scanner.scan(padded) == expected, padded
        overlaps += len({last for last, _ in expected}) < len(expected)
    assert overlaps > 50          # the texts do exercise keys ending at the same place


@pytest.mark.parametrize("wide", [False, True])
def test_scanner_non_latin1_text_and_keys(wide: bool) -> None:
    # UTF-32 bytes of "ā" (01 01 00 00) and "Ā" (00 01 00 00) overlap off the character grid
    entries = {" ωmega ": 1, " omega ": 2, "ga": 3, " 시즌 ": 4, "\u0100\u0101": 5, "\U0001f600x": 6}
    scanner = KeyScanner(entries, wide=wide)
    for text in (" ωmega omega ", " omega ωmega  시즌 ", " omega ", " mega ga ", "ĀāĀā\u0101\u0100",
                 "\U0001f600x ga", "\ud800 ga"):
        assert scanner.scan(text) == _reference(entries, text)
        assert sorted(scanner.scan(text, ordered=False)) == sorted(_reference(entries, text))


def test_scanner_latin1_keys_on_other_text() -> None:
    # Latin-1 keys only: text with other characters is scanned with them as "?"
    latin = {k: v for k, v in _entries().items() if max(k) <= "\xff"}
    scanner = KeyScanner(latin)
    rng = random.Random(11)
    others = ("ωmega", "σειρά", "?", "bear?", "\ud800", "\U0001f600", "시즌", "ā")
    for _ in range(400):
        text = " " + TextFolder().fold(_random_text(rng, WORDS + others)) + " "
        expected = _reference(latin, text)
        assert scanner.scan(text) == expected, text
        assert sorted(scanner.scan(text, ordered=False)) == sorted(expected)
    # a key with "?" or a non-Latin-1 character: those texts go to the automaton
    for entries in (latin | {"a?b": 9}, latin | {" ωmega ": 9}):
        for text in (" a?b ωmega the bear ", " ωmega ā the bear? "):
            assert KeyScanner(entries).scan(text) == _reference(entries, text)


def test_scanner_empty_and_threads() -> None:
    assert KeyScanner({}).scan(" anything ") == [] == KeyScanner({}, wide=True).scan("시즌")
    with_nul = {"a\x00b": 1, "b": 2}            # hyperscan's binding cannot take NUL: automaton
    assert KeyScanner(with_nul).scan("a\x00b b") == _reference(with_nul, "a\x00b b")
    entries = _entries()
    scanner = KeyScanner(entries)
    rng = random.Random(3)
    texts = [" " + TextFolder().fold(_random_text(rng, WORDS)) + " " for _ in range(200)]
    expected = [_reference(entries, t) for t in texts]
    failures: list[int] = []

    def work() -> None:
        for _ in range(5):
            failures.extend(i for i, t in enumerate(texts) if scanner.scan(t) != expected[i])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def _season_reference(text: str, padded: str, start: int, end: int, upper: int) -> int | None:
    season = season_after(padded[end + 1:end + 33])
    if season is not None:
        return season
    before = padded[max(0, start - 40):start + 1]
    if before.rstrip().endswith((" of", " de", " the", " la", " el")) and any(
            n in before for n in ("season", "series", "temporada")):
        season = season_before(before)
        if season is not None:
            return season
    return season_in_clause(padded[end + 1:_clause_end(text, end, upper) + 1])


SEASON_WORDS = ("The Bear", "season", "Season 2", "series three", "second season of", "S02E05", "4",
                "10 years", "temporada 2 de", "시즌2", "and final season", "returns for a third season",
                "sunny", "Succession", ".", "5th", "s", "'s", "'s second season", "シーズン2", "第3",
                "이 시즌2", "segunda temporada", "\u0663", "s 2nd series", "'s S3", "— — 7", "–\u00a0 – s4")


def test_fast_checks_equal_plain_ones(catalog: Catalog) -> None:
    folder = TextFolder()
    show = next(s for s in catalog.shows if s.not_before or s.not_after or s.not_after_at_start)
    profile = build_profile(0, show, folder)
    veto_words = list(show.not_before) + list(show.not_after) + list(show.not_after_at_start) + [
        "the video game", "novel", "the novel", "Netflix", "“", "”", ",", "게임", "の漫画", "\n",
        "episode", "tvN", "singer", "드라마", "Emmy"] + [m.actor for m in show.cast[:3]]
    name = show.title
    rng = random.Random(11)
    by_first_word = specific_by_first_word(profile)
    assert by_first_word
    vetoed = seasons = specific = 0
    for _ in range(1500):
        left = " ".join(rng.choice(veto_words + list(SEASON_WORDS)) for _ in range(rng.randint(0, 6)))
        right = " ".join(rng.choice(veto_words + list(SEASON_WORDS)) for _ in range(rng.randint(0, 6)))
        text = left + rng.choice(("", " ", "\u201c")) + name + rng.choice(("", " ", "\u201d ")) + right
        padded = " " + folder.fold(text) + " "
        start = text.index(name, len(left))
        end = start + len(name)
        lower, upper = rng.choice((0, start // 2)), rng.choice((len(text), end + (len(text) - end) // 2))
        title_case = rng.random() < 0.2
        for cjk_name in (False, True):
            context = hit_context(text, padded, start, end, lower, upper,
                                  title_case or is_sentence_start(text, start))
            expected = is_vetoed(context, profile, cjk_name)
            assert is_vetoed_at(text, padded, start, end, lower, upper, title_case, profile,
                                cjk_name, has_cjk(padded)) is expected, text
            vetoed += expected
        assert window_points(padded, start, end, profile) == window_evidence(padded, start, end, profile)
        assert window_points(padded, start, end, profile, by_first_word) == window_evidence(
            padded, start, end, profile)
        specific += window_evidence(padded, start, end, profile)[0] > 0
        season = season_near(text, padded, start, end, upper)
        assert season == _season_reference(text, padded, start, end, upper), text
        seasons += season is not None
    assert vetoed > 100 and seasons > 100 and specific > 100


def test_has_cased_letters() -> None:
    for text in ("", "123 ", "abc", "ABC", "a1", "-", "ß", "ǅ", "ª", "시즌", "Ωmega", "１２"):
        assert has_cased_letters(text) is any(c.isupper() or c.islower() for c in text), text


def test_tagger_same_tags_with_and_without_hyperscan(catalog: Catalog, tagger: ShowTagger) -> None:
    plain = ShowTagger(catalog, use_hyperscan=False)
    assert not plain._spaced.uses_hyperscan
    names = [n for show in catalog.shows for n in show.names()]
    rng = random.Random(5)
    tagged = 0
    for _ in range(150):
        body = " ".join(rng.choice(names + list(SEASON_WORDS) + list(FILLER)) for _ in range(30))
        title = " ".join(rng.choice(names + list(FILLER)) for _ in range(4))
        expected = plain.tag(title, body, language="en")
        assert tagger.tag(title, body, language="en") == expected
        tagged += len(expected)
    assert tagged > 100


@pytest.mark.parametrize("use_hyperscan", [False, True])
def test_specific_evidence_equals_article_has_specific(catalog: Catalog, use_hyperscan: bool) -> None:
    folder = TextFolder()
    profiles = tuple(build_profile(i, show, folder) for i, show in enumerate(catalog.shows))
    asked = range(0, len(profiles), 2)           # the others: article_has_specific itself
    evidence = SpecificEvidence(profiles, asked, use_hyperscan=use_hyperscan)
    phrases = [p.strip() for profile in profiles[:40] for p in profile.specific + profile.specific_cjk]
    rng = random.Random(13)
    found = 0
    for _ in range(60):
        texts = tuple(" " + folder.fold(" ".join(rng.choice(phrases + list(FILLER)) for _ in range(n))) + " "
                      for n in (3, 25))
        has_specific = evidence.checker(texts)
        for index in range(40):
            expected = article_has_specific(texts, profiles[index])
            assert has_specific(index) is expected
            found += expected
    assert found > 100


def test_one_scan_of_title_and_body_equals_two() -> None:
    # keys with two spaces inside ("mr  mrs") could match across the title/body seam
    entries = _entries() | {" mr    mrs  smith ": (18, "x"), "mr  mrs": (7, "y"), " the  bear ": (11, "z")}
    scanner = KeyScanner(entries)
    folder = TextFolder()
    rng = random.Random(17)
    words = WORDS + ("Mr. &", "Mrs. Smith", "the", "bear", "&")
    for _ in range(400):
        title = " " + folder.fold(_random_text(rng, words)[:rng.randint(0, 30)]) + " "
        body = " " + folder.fold(_random_text(rng, words)) + " "
        title_matches, body_matches = _split_matches(scanner.scan(title + body, ordered=False), len(title))
        assert sorted(title_matches) == sorted(scanner.scan(title)), title
        assert sorted(body_matches) == sorted(scanner.scan(body)), body
    seam = _split_matches(scanner.scan(" mr   " + " mrs  smith ", ordered=False), 6)
    assert scanner.scan(" mr   " + " mrs  smith ") != [] and seam == ([], [])
