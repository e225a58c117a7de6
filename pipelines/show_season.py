"""Season numbers next to a show mention, read from folded text (pure).

Folded text is lowercase with punctuation turned into spaces (see
pipelines/show_text.py), so "Squid Game's Season 2," reads
"squid game s season 2 ".  Recognized forms (N = digits or a number word):

    after the title   season N, series N, temporada N, sN / s02e05, N (bare, 1-30),
                      Nth season, second season, 시즌N, シーズンN
    before the title  season N of, second season of, temporada N de,
                      segunda temporada de
"""
from __future__ import annotations

import re

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "final": 0,
    "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6,
    "septima": 7, "octava": 8, "novena": 9, "decima": 10,
}
_WORD = "|".join(sorted((w for w, n in NUMBER_WORDS.items() if n), key=len, reverse=True))
_NUM = rf"(\d{{1,2}}(?:st|nd|rd|th)?|{_WORD})"
_SEASON_NOUN = r"(?:season|series|temporada)"
# Words after a bare number that make it a count, not a season ("Friends 10 years later").
_UNITS = ("year", "years", "episode", "episodes", "minute", "minutes", "hour", "hours", "day",
          "days", "week", "weeks", "month", "months", "million", "billion", "percent", "times",
          "time", "of", "and", "or", "to", "x", "am", "pm", "january", "february", "march", "april",
          "may", "june", "july", "august", "september", "october", "november", "december",
          "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
          "anos", "episodios", "millones", "de", "y", "년", "개", "회", "명")

_AFTER = re.compile(
    rf"^ *(?:(?:s +)?{_SEASON_NOUN} *{_NUM}(?![a-z0-9])"         # ('s) season 2 / series two
    rf"|(?:s +)?{_NUM} +{_SEASON_NOUN}(?![a-z])"                # ('s) second season
    rf"|s(\d{{1,2}})(?:e\d{{1,3}})?(?![a-z0-9])"              # s2, s02e05
    r"|(?:(?:이|가|은|는|의|도|과|와) +)?(?:시즌|シーズン|第) *(\d{1,2})"   # 시즌2, (이) 시즌2
    r"|(\d{1,2})(?![\d.,:])(?: *(\S+))?)"                     # bare: Stranger Things 4
)
_IN_CLAUSE = re.compile(
    rf"(?<![a-z0-9])(?:{_NUM} +(?:and +(?:final|last) +)?{_SEASON_NOUN}(?![a-z])"
    rf"|{_SEASON_NOUN} +{_NUM}(?![a-z0-9])|(?:시즌|シーズン) *(\d{{1,2}}))"
)
_BEFORE = re.compile(
    rf"(?:{_NUM} +{_SEASON_NOUN}|{_SEASON_NOUN} +{_NUM}) +(?:of|de) +(?:the +|la +|el +)?$"
)


def number_value(token: str) -> int | None:
    token = token.strip()
    digits = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?$", token)
    if digits:
        return int(digits.group(1))
    return NUMBER_WORDS.get(token) or None


def season_after(folded_after: str) -> int | None:
    """Season number in the folded text right after a mention, if any."""
    match = _AFTER.match(folded_after)
    if match is None:
        return None
    season_word, ordinal, s_number, cjk_number, bare, next_word = match.groups()
    if bare is not None:
        if next_word is not None and next_word in _UNITS:
            return None
        value = int(bare)
        return value if 1 <= value <= 30 else None
    for group in (season_word, ordinal, s_number, cjk_number):
        if group is not None:
            value = number_value(group)
            return value if value and value <= 40 else None
    return None


def season_before(folded_before: str) -> int | None:
    """Season number in "season 2 of <title>" / "second season of <title>" forms."""
    match = _BEFORE.search(folded_before)
    if match is None:
        return None
    value = number_value(match.group(1) or match.group(2))
    return value if value and value <= 40 else None


def season_in_clause(folded_clause: str) -> int | None:
    """First "third season" / "season 3" / "fourth and final season" in the rest of
    the sentence after a mention ("Severance returns for a third season")."""
    match = _IN_CLAUSE.search(folded_clause)
    if match is None:
        return None
    value = number_value(next(g for g in match.groups() if g is not None))
    return value if value and value <= 40 else None
