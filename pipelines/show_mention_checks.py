"""Cheap per-mention checks of the tagger (pure): the season next to a hit and the
capitalization test for everyday-word titles, ordered so that the common cases
("you" in lowercase, no season noun nearby) cost a few string operations."""
from __future__ import annotations

import re
from collections.abc import Mapping

from pipelines.show_evidence import (
    KIND_AFTER, KIND_BEFORE, KIND_WORDS_CJK, NEAR_NEGATIVE, NEAR_WORDS, SHOW_WORDS, SHOW_WORDS_CJK,
    WINDOW, ShowProfile, glued, in_larger_name, is_capitalized, is_sentence_start,
)
from pipelines.show_season import NUMBER_WORDS, season_after, season_before, season_in_clause
from pipelines.show_text import has_cased_letters, has_cjk

_SENTENCE_END = re.compile("[.!?\n\u3002]")
# Every season form needs a season noun (or 第) within the 40 characters before a
# mention or the 61 after it, unless a number follows it ("Stranger Things 4", "s2").
# Three `in` tests cost a third of one regex search for the Latin nouns.
_SEASON_CUE_CJK = re.compile("\uc2dc\uc98c|\u30b7\u30fc\u30ba\u30f3|\u7b2c")
# show_season's "season 2 of <title>" ends in of/de (+ article) before the title, and
# every form of "season_before" / "season_in_clause" needs one of these nouns.
_BEFORE_TAILS = (" of", " de", " the", " la", " el")
_SEASON_NOUNS = ("season", "series", "temporada")
_SEASON_NOUNS_ANY = _SEASON_NOUNS + ("\uc2dc\uc98c", "\u30b7\u30fc\u30ba\u30f3")
_ARTICLES = ("the ", "la ", "el ")
# How a season_after form without a leading digit or CJK starts: "s " ("'s"), a season
# noun or a number word (show_season._NUM).
_AFTER_STARTS = ("s ",) + _SEASON_NOUNS + tuple(w for w, n in NUMBER_WORDS.items() if n)
_KIND_BEFORE_LAST = frozenset(k.rsplit(" ", 1)[-1] for k in KIND_BEFORE)     # " video game" -> "game"
_KIND_AFTER_FIRST = frozenset(k.split(" ", 1)[0] for k in KIND_AFTER)        # "the novel " -> "the"
_SHOW_WORDS_CJK_ASCII = tuple(w for w in SHOW_WORDS_CJK if w.isascii())     # "tvn", "jtbc"


def _clause_end(text: str, end: int, upper: int) -> int:
    """Where the sentence after a mention ends (or the next mention starts)."""
    limit = min(upper, end + 60, len(text))
    found = _SENTENCE_END.search(text, end, limit) if end < limit else None
    return found.start() if found else limit


def season_near(text: str, padded: str, start: int, end: int, upper: int) -> int | None:
    """Season number next to a mention (pipelines/show_season.py); the cheap substring
    tests skip regexes that cannot match (each needs a season noun)."""
    near = padded[max(0, start - 40):end + 62]
    if not ("season" in near or "series" in near or "temporada" in near
            or (not near.isascii() and _SEASON_CUE_CJK.search(near) is not None)):
        # The commonest case: only "<title> 4" / "<title> s2" can still match.
        stripped = padded[end + 1:end + 33].lstrip(" ")
        if not stripped or not (stripped[0].isdigit() or (stripped[0] == "s" and stripped[1:2].isdigit())):
            return None
    after = padded[end + 1:end + 33]
    if _may_have_season_after(after):
        season = season_after(after)
        if season is not None:
            return season
    before = padded[max(0, start - 40):start + 1]
    if (("season" in before or "series" in before or "temporada" in before)
            and before.rstrip().endswith(_BEFORE_TAILS)):
        season = season_before(before)
        if season is not None:
            return season
    reach = padded[end + 1:end + 62]          # the longest clause (_clause_end: 60 characters)
    if not ("season" in reach or "series" in reach or "temporada" in reach
            or (not reach.isascii() and ("\uc2dc\uc98c" in reach or "\u30b7\u30fc\u30ba\u30f3" in reach))):
        return None
    clause = padded[end + 1:_clause_end(text, end, upper) + 1]
    if any(noun in clause for noun in _SEASON_NOUNS_ANY):
        return season_in_clause(clause)
    return None


def _may_have_season_after(after: str) -> bool:
    """False where show_season's ``_AFTER`` regex cannot match (most hits, "'s" included):
    each of its forms starts (after spaces) with a digit; "s" and a digit ("s2");
    시즌/シーズン/第 (after an optional particle); or a season noun, a number word or
    "s " followed somewhere by a season noun ("'s second season")."""
    stripped = after.lstrip(" ")
    first = stripped[:1]
    if not first:
        return False
    if first.isdigit():
        return True
    if not first.isascii():
        return "\uc2dc\uc98c" in stripped or "\u30b7\u30fc\u30ba\u30f3" in stripped or "\u7b2c" in stripped
    if first == "s" and stripped[1:2].isdigit():
        return True
    if not ("season" in after or "series" in after or "temporada" in after):
        return False
    return stripped.startswith(_AFTER_STARTS)


def may_be_title(text: str, start: int, end: int, alias: str) -> bool:
    """An everyday-word hit is capitalized as in the catalog and not part of a
    larger capitalized name ("Slough House"); uncased scripts always pass."""
    original = text[start:end]
    if not has_cased_letters(original):
        return True
    if original.isalpha():                      # one word: only its first letter matters
        if original[0].islower():
            return False
    elif not is_capitalized(original, alias):
        return False
    return not in_larger_name(text, start, original)


def is_vetoed_at(text: str, padded: str, start: int, end: int, lower: int, upper: int,
                 title_case_headline: bool, profile: ShowProfile, cjk_name: bool,
                 cjk_text: bool) -> bool:
    """``is_vetoed(hit_context(...), profile, cjk_name)`` (the rules as first written, kept in
    tests/tagging/test_show_scan.py to check this against), with the
    sentence-start and glued tests run only when a veto word is actually there.
    ``cjk_text``: ``has_cjk(padded)`` (without CJK the CJK veto cannot apply)."""
    before = " " + padded[max(lower + 1, start - 40):start + 1].rstrip()
    after = padded[end + 1:min(upper + 1, end + 41)].lstrip() + " "
    if before.endswith(profile.not_before) or after.startswith(profile.not_after):
        return True
    if (profile.not_after_at_start and after.startswith(profile.not_after_at_start)
            and (title_case_headline or is_sentence_start(text, start)) and glued(text, end, 1)):
        return True
    # The ~50 kind words are only tried when the word next to the hit is one of theirs.
    if (before[before.rfind(" ") + 1:] in _KIND_BEFORE_LAST and before.endswith(KIND_BEFORE)
            and glued(text, start - 1, -1)):
        return True
    if (after[:after.find(" ")] in _KIND_AFTER_FIRST and after.startswith(KIND_AFTER)
            and (after.startswith(_ARTICLES) or glued(text, end, 1))):
        return True
    if not (cjk_name or cjk_text):
        return False
    # The CJK part of is_vetoed (its other tests are the ones above).
    if not (cjk_name or has_cjk(before[-6:]) or has_cjk(after[:6])):
        return False
    before, after = before.rstrip(), after.lstrip()
    if before.endswith(KIND_WORDS_CJK) or after.startswith(KIND_WORDS_CJK):
        return True
    return after.startswith("\u306e") and any(k in after[1:6] for k in KIND_WORDS_CJK)


def window_points(padded: str, start: int, end: int, profile: ShowProfile,
                  by_first_word: Mapping[str, tuple[str, ...]] | None = None) -> tuple[int, int]:
    """``window_evidence`` (the first version, in tests/tagging/test_show_scan.py) with one
    split per side and the CJK show words searched only in windows that can hold them.  ``by_first_word``:
    ``profile.specific`` by first word (:func:`specific_by_first_word`); a phrase can
    only be in the window if its first word is one of the window's words."""
    left = padded[max(0, start - WINDOW):start + 1]
    right = padded[end + 1:end + 1 + WINDOW]
    window = left + " " + right
    left_words, right_words = left.split(), right.split()
    specific = 0
    if by_first_word is None:
        candidates = profile.specific
    else:
        candidates = ()
        if not by_first_word.keys().isdisjoint(left_words) or not by_first_word.keys().isdisjoint(right_words):
            candidates = [phrase for word in (by_first_word.keys() & (left_words + right_words))
                          for phrase in by_first_word[word]]
    for phrase in candidates:
        if phrase in window:
            specific = 2
            break
    if not specific and profile.specific_cjk and not window.isascii():     # CJK phrases are not ASCII
        for phrase in profile.specific_cjk:
            if phrase in window:
                specific = 2
                break
    if not SHOW_WORDS.isdisjoint(left_words) or not SHOW_WORDS.isdisjoint(right_words):
        generic = 1
    else:
        cjk_words = _SHOW_WORDS_CJK_ASCII if window.isascii() else SHOW_WORDS_CJK
        generic = 1 if any(w in window for w in cjk_words) else 0
    if not NEAR_NEGATIVE.isdisjoint(left_words[-NEAR_WORDS:] + right_words[:NEAR_WORDS]):
        specific, generic = max(0, specific - 2), 0
    return specific, generic


def specific_by_first_word(profile: ShowProfile) -> dict[str, tuple[str, ...]] | None:
    """The profile's ``specific`` phrases, which are padded with spaces (" pedro pascal "),
    by their first word; None if one is not (no such shortcut then)."""
    if not all(p.strip() and p[0].isspace() and p[-1].isspace() for p in profile.specific):
        return None
    by_word: dict[str, tuple[str, ...]] = {}
    for phrase in profile.specific:
        word = phrase.split()[0]
        by_word[word] = by_word.get(word, ()) + (phrase,)
    return by_word
