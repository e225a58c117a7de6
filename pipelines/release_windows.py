"""Date expressions in English, Spanish and Korean → date ranges (pure).

``find_windows(text, published)`` scans the text once with one compiled
alternation (leftmost match wins; at one position the more specific form is
tried first) and turns every expression into a :class:`Window`: a ``kind``
(exact / month / season / part_of_year / quarter / year) and an inclusive
range ``earliest..latest``.  Expressions without a year ("March 3", "this
fall", "early August", "later this year", "내년 상반기") are read against the
publication date: the next such date or period that ends on or after it.

Whether a window is a *release* claim (and not a past premiere or a filming
date) is decided by pipelines/release_claims.py; this module only reads dates.

Ranges: early/mid/late month = days 1-10 / 11-20 / 21-end; early/mid/late
year = Jan-Apr / May-Aug / Sep-Dec; beginning of a year = Jan-Mar, end of a
year = Oct-Dec; seasons are meteorological, northern hemisphere (spring =
Mar-May, summer = Jun-Aug, fall = Sep-Nov, winter Y = Dec Y-1 - Feb Y).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from pipelines.release_window_patterns import (
    ANCHOR_AFTER, ANCHOR_BEFORE, ANCHOR_WORDS, DIGITS, EN_ABBREVIATIONS, EN_MONTHS, ES_MONTHS, ORDINALS,
    SEASON_START_MONTH, WINDOW_PATTERN,
)


@dataclass(frozen=True)
class Window:
    kind: str            # exact | month | season | part_of_year | quarter | year
    earliest: date
    latest: date
    start: int           # offsets into the scanned text
    end: int
    text: str
    relative: bool       # read against the publication date (no year written)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _range_of_month(year: int, month: int, part: str | None) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    if part in ("early", "beginning", "start", "초", "초순", "principios", "inicios", "comienzos"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("mid", "middle", "중순", "중", "mediados"):
        return date(year, month, 11), date(year, month, 20)
    if part in ("late", "end", "말", "하순", "finales", "fines"):
        return date(year, month, 21), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def _range_of_season(year: int, season: str, part: str | None) -> tuple[date, date]:
    first = SEASON_START_MONTH[season]
    start_year = year - 1 if first == 12 else year         # winter 2026 = Dec 2025 - Feb 2026
    months = [(start_year, first)] + [((start_year + (first + i - 1) // 12), (first + i - 1) % 12 + 1)
                                      for i in (1, 2)]
    if part in ("early", "mid", "late"):
        y, m = months[{"early": 0, "mid": 1, "late": 2}[part]]
        return date(y, m, 1), month_end(y, m)
    return date(*months[0], 1), month_end(*months[2])


def _range_of_year_part(year: int, part: str | None) -> tuple[date, date]:
    ranges = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "beginning": (1, 3), "start": (1, 3),
              "middle": (5, 8), "end": (10, 12), "first_half": (1, 6), "second_half": (7, 12),
              "principios": (1, 4), "inicios": (1, 4), "comienzos": (1, 4), "mediados": (5, 8),
              "finales": (9, 12), "fines": (9, 12), "상반기": (1, 6), "하반기": (7, 12),
              "초": (1, 4), "연초": (1, 2), "중반": (5, 8), "말": (10, 12), "연말": (11, 12)}
    first, last = ranges.get(part or "", (1, 12))
    return date(year, first, 1), month_end(year, last)


def _part_word(raw: str | None) -> str | None:
    """"the end of" → "end", "Mid" → "mid"."""
    if not raw:
        return None
    words = raw.lower().split()
    words = [w for w in words if w not in ("the", "of")]
    return words[0] if words else None


def _next_occurrence(published: date, build: Callable[[int], tuple[date, date]], *,
                     strictly_after: bool = False) -> tuple[date, date]:
    """The first period (built for a year) that ends on/after publication, or
    starts after it ("next March", "next summer")."""
    for year in (published.year - 1, published.year, published.year + 1, published.year + 2):
        earliest, latest = build(year)
        if (earliest > published) if strictly_after else (latest >= published):
            return earliest, latest
    return build(published.year + 1)


def _relative_year(published: date, which: str | None) -> int:
    if which and re.match(r"(next|pr[oó]ximo|내년|el\s+año\s+que\s+viene|año\s+que\s+viene)", which, re.I):
        return published.year + 1
    return published.year


def _capital_month_ok(text: str, start: int, word: str, has_day_or_year: bool, prefix_ok: bool) -> bool:
    """English months are capitalized; "may"/"march" verbs and "Jan" names are not months."""
    original = text[start:start + len(word)]
    if not original[:1].isupper():
        return False
    key = word.lower().rstrip(".")
    if key in EN_ABBREVIATIONS and not has_day_or_year:
        return False
    if key == "may" and not (has_day_or_year or prefix_ok):
        return False
    return True


_MONTH_PREFIX = re.compile(r"(?:\b(?:in|as|by|until|from|for|this|next|through|since|of|before|after|mid|early|late)[\s-]+)$",
                           re.IGNORECASE)


_NUMBERED_NOUN = re.compile(r"\b(?:season|episode|part|series|vol|volume|chapter|temporada|s)\.?\s*$", re.IGNORECASE)


def _window(match: re.Match[str], text: str, published: date) -> tuple[str, date, date, bool] | None:
    name = match.lastgroup
    g = match.group
    handler = _HANDLERS.get(name or "")
    return handler(g, match, text, published) if handler else None


def _exact(year: str | None, month: int, day: int, published: date) -> tuple[str, date, date, bool] | None:
    try:
        if year:
            value = date(int(year), month, day)
            return "exact", value, value, False
        value = date(published.year, month, day)
        if value < published:
            value = date(published.year + 1, month, day)
    except ValueError:
        return None
    return "exact", value, value, True


_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
             "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
             "halloween": (10, 31)}


def _h_holiday(g, m, text, published):
    name = re.sub(r"\s+", " ", g("hol").lower().replace("’", "'"))
    if name.startswith("thanksgiving"):              # the fourth Thursday of November
        def build(year: int) -> tuple[date, date]:
            first = date(year, 11, 1)
            day = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
            return day, day
        return ("exact", *_next_occurrence(published, build), True)
    month, day = _HOLIDAYS[name]
    return _exact(None, month, day, published)


def _h_iso(g, m, text, published):
    try:
        value = date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
    except ValueError:
        return None
    return "exact", value, value, False


def _h_en_mdy(g, m, text, published):
    if not _capital_month_ok(text, m.start("emdy_m"), g("emdy_m"), True, True):
        return None
    return _exact(g("emdy_y"), EN_MONTHS[g("emdy_m").lower()], int(g("emdy_d")), published)


def _h_en_dmy(g, m, text, published):
    month = g("edmy_m")
    if month.lower() == "may" and not g("edmy_y"):
        return None                                      # "Season 2 May Arrive"
    if _NUMBERED_NOUN.search(text[max(0, m.start() - 12):m.start()]):
        return None                                      # "season 2 June 2026"
    if not _capital_month_ok(text, m.start("edmy_m"), month, True, True):
        return None
    return _exact(g("edmy_y"), EN_MONTHS[month.lower()], int(g("edmy_d")), published)


def _month_window(year: str | None, month: int, part: str | None, rel: str | None,
                  published: date) -> tuple[str, date, date, bool]:
    if year:
        return ("month", *_range_of_month(int(year), month, part), False)
    nxt = bool(rel and rel.lower() == "next")
    return ("month", *_next_occurrence(published, lambda y: _range_of_month(y, month, part),
                                       strictly_after=nxt), True)


def _h_en_month(g, m, text, published):
    word = g("em_m")
    prefix_ok = bool(g("em_mod") or g("em_rel") or _MONTH_PREFIX.search(text[max(0, m.start() - 12):m.start()]))
    if not _capital_month_ok(text, m.start("em_m"), word, bool(g("em_y")), prefix_ok):
        return None
    return _month_window(g("em_y"), EN_MONTHS[word.lower().rstrip(".")], _part_word(g("em_mod")),
                         g("em_rel"), published)


def _h_es_exact(g, m, text, published):
    return _exact(g("ese_y"), ES_MONTHS[g("ese_m").lower()], int(g("ese_d")), published)


def _h_es_month(g, m, text, published):
    return _month_window(g("esm_y"), ES_MONTHS[g("esm_m").lower()], (g("esm_mod") or "").lower() or None,
                         None, published)


def _h_ko_exact(g, m, text, published):
    return _exact(g("koe_y"), int(g("koe_m")), int(g("koe_d")), published)


def _h_ko_month(g, m, text, published):
    return _month_window(g("kom_y"), int(g("kom_m")), g("kom_mod"), None, published)


def _season_window(year: str | None, season: str, part: str | None, rel: str | None,
                   published: date) -> tuple[str, date, date, bool] | None:
    if year:
        return ("season", *_range_of_season(int(year), season, part), False)
    rel = (rel or "").lower()
    if rel == "last":
        return None
    if rel in ("올", "올해"):
        return ("season", *_range_of_season(published.year + (season in ("겨울", "winter")), season, part), True)
    if rel == "내년":
        return ("season", *_range_of_season(published.year + 1 + (season in ("겨울",)), season, part), True)
    nxt = rel.startswith(("next", "pr", "el pr", "la pr", "que"))
    return ("season", *_next_occurrence(published, lambda y: _range_of_season(y, season, part),
                                        strictly_after=nxt), True)


_BARE_SEASON_PREFIX = re.compile(r"\b(?:in|by|for|until|this|the|a|an|of|before|after|through)\s+$", re.IGNORECASE)


def _h_en_season(g, m, text, published):
    if not (g("ens_rel") or g("ens_mod") or g("ens_y")):
        before = text[max(0, m.start() - 10):m.start()]
        after = text[m.end():m.end() + 12].lower()
        if not _BARE_SEASON_PREFIX.search(before) or re.match(r"\s+(?:in|into|on|of|behind|short|apart|back)\b", after):
            return None
    return _season_window(g("ens_y"), g("ens_s").lower(), (g("ens_mod") or "").lower() or None,
                          g("ens_rel"), published)


def _h_es_season(g, m, text, published):
    return _season_window(g("ess_y"), g("ess_s").lower(), None, g("ess_rel") or g("ess_rel2"), published)


def _h_ko_season(g, m, text, published):
    return _season_window(g("kos_y"), g("kos_s"), None, g("kos_rel"), published)


def _year_part(year: int, part: str, relative: bool) -> tuple[str, date, date, bool]:
    return ("part_of_year", *_range_of_year_part(year, part), relative)


def _h_en_part(g, m, text, published):
    if g("ep_y"):
        return _year_part(int(g("ep_y")), _part_word(g("ep_mod")) or "", False)
    if g("ep_half"):
        half = "first_half" if ORDINALS[g("ep_half").lower()] == 1 else "second_half"
        if g("ep_hy"):
            return _year_part(int(g("ep_hy")), half, False)
        return _year_part(_relative_year(published, g("ep_hrel")), half, True)
    if g("ep_h"):
        return _year_part(int(g("ep_hh_y")), "first_half" if g("ep_h") == "1" else "second_half", False)
    if g("ep_ye"):
        return "part_of_year", published, date(published.year, 12, 31), True
    part = _part_word(g("ep_rmod")) or ""
    year = _relative_year(published, g("ep_rel"))
    if part == "later":
        return "part_of_year", published, date(year, 12, 31), True
    return _year_part(year, part, True)


def _h_es_part(g, m, text, published):
    year = int(g("esp_y")) if g("esp_y") else _relative_year(published, g("esp_rel"))
    if g("esp_half") or g("esp_mitad"):
        first = (g("esp_half") or g("esp_mitad")).lower() in ("primer", "primera")
        part = "first_half" if first else "second_half"
    else:
        part = g("esp_mod").lower()
    return _year_part(year, part, not g("esp_y"))


def _h_ko_part(g, m, text, published):
    part, rel = g("kop_mod"), g("kop_rel")
    if part in ("초", "말", "중반") and not (g("kop_y") or rel):
        return None
    year = int(g("kop_y")) if g("kop_y") else _relative_year(published, rel)
    if part == "연내":
        return "part_of_year", published, date(year, 12, 31), True
    return _year_part(year, part, not g("kop_y"))


def _quarter(year: int, number: int, relative: bool) -> tuple[str, date, date, bool]:
    first = 3 * (number - 1) + 1
    return "quarter", date(year, first, 1), month_end(year, first + 2), relative


def _h_en_quarter(g, m, text, published):
    if g("eq_n"):
        return _quarter(int(g("eq_y")), int(g("eq_n")), False)
    year = int(g("eq_wy")) if g("eq_wy") else _relative_year(published, g("eq_rel"))
    return _quarter(year, ORDINALS[g("eq_w").lower()], not g("eq_wy"))


def _h_es_quarter(g, m, text, published):
    year = int(g("esq_y")) if g("esq_y") else _relative_year(published, g("esq_rel"))
    return _quarter(year, ORDINALS[g("esq_w").lower()], not g("esq_y"))


def _h_ko_quarter(g, m, text, published):
    year = int(g("koq_y")) if g("koq_y") else _relative_year(published, g("koq_rel"))
    return _quarter(year, int(g("koq_n")), not g("koq_y"))


def _h_en_rel(g, m, text, published):
    nxt = g("er_which").lower() == "next"
    if g("er_unit").lower() == "year":
        year = published.year + nxt
        return "year", date(year, 1, 1), date(year, 12, 31), True
    first = (published.replace(day=1) + timedelta(days=32)).replace(day=1) if nxt else published.replace(day=1)
    return "month", first, month_end(first.year, first.month), True


def _h_es_rel(g, m, text, published):
    year = published.year + (0 if g("esr_this") else 1)
    return "year", date(year, 1, 1), date(year, 12, 31), True


def _h_ko_rel(g, m, text, published):
    year = published.year + (0 if g("kor_this") else 1)
    return "year", date(year, 1, 1), date(year, 12, 31), True


def _h_year(g, m, text, published):
    year = int(g("y_y"))
    return "year", date(year, 1, 1), date(year, 12, 31), False


_HANDLERS = {
    "iso": _h_iso, "holiday": _h_holiday, "ko_exact": _h_ko_exact, "es_exact": _h_es_exact, "en_mdy": _h_en_mdy,
    "en_dmy": _h_en_dmy, "en_month": _h_en_month, "es_month": _h_es_month, "ko_month": _h_ko_month,
    "en_season": _h_en_season, "es_season": _h_es_season, "ko_season": _h_ko_season,
    "en_part": _h_en_part, "es_part": _h_es_part, "ko_part": _h_ko_part,
    "en_quarter": _h_en_quarter, "es_quarter": _h_es_quarter, "ko_quarter": _h_ko_quarter,
    "en_rel": _h_en_rel, "es_rel": _h_es_rel, "ko_rel": _h_ko_rel, "year": _h_year,
}


def _regions(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around digits and period words: only there can a window be."""
    spots = [(m.start(), m.end()) for m in DIGITS.finditer(text)]
    lowered = text.lower()
    for word in ANCHOR_WORDS:
        at = lowered.find(word)
        while at != -1:
            spots.append((at, at + len(word)))
            at = lowered.find(word, at + 1)
    spots.sort()
    regions: list[tuple[int, int]] = []
    for start, end in spots:
        low, high = max(0, start - ANCHOR_BEFORE), min(len(text), end + ANCHOR_AFTER)
        if regions and low <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], high))
        else:
            regions.append((low, high))
    return regions


def find_windows(text: str, published: date) -> list[Window]:
    """Every date expression in ``text``, in order, as an inclusive date range."""
    found: list[Window] = []
    if not text:
        return found
    for low, high in _regions(text):
        position = max(low, found[-1].end if found else 0)
        while (match := WINDOW_PATTERN.search(text, position, high)) is not None:
            parsed = _window(match, text, published)
            if parsed is None:                  # rejected: a shorter form may start later
                position = match.start() + 1
                continue
            kind, earliest, latest, relative = parsed
            found.append(Window(kind, earliest, latest, match.start(), match.end(),
                                match.group(0), relative))
            position = match.end()
    return found
