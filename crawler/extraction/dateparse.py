"""One date string -> ISO 8601, with the name of the parser that understood it.

Fast parsers first (ISO 8601, RFC 2822, numeric and month-name formats in
en/de/fr/es/ko and a few neighbours, relative phrases); ``dateparser`` only as
the last resort.  Values keep the page's own offset; a bare day stays a day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

MIN_YEAR, MAX_YEAR = 1990, 2100

MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan jänner jänner januar janvier janv enero ene gennaio januari stycznia styczeń",
    "february feb februar février fevrier févr fevr febrero febbraio februari lutego luty",
    "march mar märz maerz mrz mär mars marzo maart marca marzec",
    "april apr avril avr abril abr aprile kwietnia kwiecień",
    "may mai mayo maggio mei maja maj",
    "june jun juni juin junio giugno czerwca czerwiec",
    "july jul juli juillet juil julio luglio lipca lipiec",
    "august aug août aout agosto augustus sierpnia sierpień",
    "september sep sept septembre septiembre setiembre settembre września wrzesień",
    "october oct oktober okt octobre octubre ottobre października październik",
    "november nov novembre noviembre listopada listopad",
    "december dec dezember dez décembre decembre déc diciembre dic dicembre grudnia grudzień",
), start=1):
    for _name in _names.split():
        MONTHS[_name] = _number
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))  # month names in every language, longest first


def prefix_tree_pattern(words: list[str]) -> str:
    """``words`` as a regex prefix tree, e.g. ``ma(?:rch|y)``.

    It matches what the longest-first alternation ``|``-join of ``words``
    matches, trying the candidates in the same order (the words that fit at
    one position are prefixes of each other, and the tree tries the deeper
    ones first), so the matches are identical.  It is much faster with
    IGNORECASE: the engine drops a position after comparing its first letter
    with a handful of branches instead of with every word.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in node.items() if char]
        if "" in node:
            return "(?:" + "|".join(branches) + "|)" if branches else ""  # the longer words first
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(tree)


_MONTH = prefix_tree_pattern(sorted(MONTHS, key=len, reverse=True))

_TIME = (r"(?:\s*(?:,|um|at|à|a las|-|–|·|•|\||/|T)?\s*(?P<H>\d{1,2})[:h](?P<Mi>\d{2})(?::(?P<S>\d{2}))?"
         r"(?:\.\d+)?\s*(?:uhr|h)?\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})(?![\d]))?)?")
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<H>\d{1,2}):(?P<Mi>\d{2})"
                  r"(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)")
_ISO_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})(?:T?(?P<H>\d{2})(?P<Mi>\d{2})(?P<S>\d{2})?)?(?P<tz>Z|[+-]\d{4})?$")
_RFC2822 = re.compile(r"^\s*(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
_FORMATS = [  # (name, pattern); named groups y, mo|mname, d; optional time
    ("ko", re.compile(r"(?P<y>\d{4})\s*[년年]\s*(?P<mo>\d{1,2})\s*[월月]\s*(?P<d>\d{1,2})\s*[일日]?"
                      r"(?:\s*(?:\([^)]{1,3}\))?\s*(?:(?P<ko_ampm>오전|오후)\s*)?(?P<H>\d{1,2})[:시]\s*(?P<Mi>\d{2}))?")),
    ("dmy_name", re.compile(r"(?<![\d.])(?P<d>\d{1,2})(?:\.|st|nd|rd|th|er)?\s*(?:de\s+)?(?P<mname>" + _MONTH
                            + r")\.?,?\s*(?:de\s+|del\s+)?(?P<y>\d{4})(?!\d)" + _TIME, re.IGNORECASE)),
    ("mdy_name", re.compile(r"\b(?P<mname>" + _MONTH + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)"
                            + _TIME, re.IGNORECASE)),
    ("ymd", re.compile(r"(?<![\d.])(?P<y>\d{4})(?P<sep>[./-])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])\.?" + _TIME)),
    ("dmy_dot", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<mo>\d{1,2})\.\s?(?P<y>\d{4})(?!\d)" + _TIME)),
    ("slash", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\d)" + _TIME)),
    ("dmy_dash", re.compile(r"(?<![\d-])(?P<d>\d{1,2})-(?P<mo>\d{1,2})-(?P<y>\d{4})(?!\d)" + _TIME)),
    ("dmy_short", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<yy>\d{2})(?![\d.])" + _TIME)),
    ("month_year", re.compile(r"\b(?P<mname>" + _MONTH + r")\.?\s+(?P<y>\d{4})(?!\d)", re.IGNORECASE)),
]

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1,
                 "un": 1, "une": 1, "una": 1, "uno": 1, "two": 2, "zwei": 2, "deux": 2, "dos": 2, "한": 1, "두": 2}
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "mo": 30 * 86400, "y": 365 * 86400}
_UNIT_WORDS = [
    (r"sec(?:ond)?s?|sekunden?|secondes?|segundos?|초", "s"),
    (r"min(?:ute)?s?\.?|minuten?|minutos?|분", "m"),
    (r"hours?|hrs?|stunden?|std\.?|heures?|horas?|시간", "h"),
    (r"days?|tage?n?|jours?|d[ií]as?|일", "d"),
    (r"weeks?|wochen?|semaines?|semanas?|주", "w"),
    (r"months?|monate?n?|mois|mes(?:es)?|개월|달", "mo"),
    (r"years?|jahre?n?|ans?|años?|년", "y"),
]
_UNIT = "|".join(f"(?:{w})" for w, _ in _UNIT_WORDS)
_NUM = r"(?P<n>\d+|an?|one|two|eine[rmn]?|ein|une?|una?|uno|zwei|deux|dos|한|두)"
_RELATIVE = [
    re.compile(_NUM + r"\s+(?P<u>" + _UNIT + r")\s+ago\b", re.IGNORECASE),
    re.compile(r"\bvor\s+" + _NUM + r"\s+(?P<u>" + _UNIT + r")", re.IGNORECASE),
    re.compile(r"\bil y a\s+" + _NUM + r"\s+(?P<u>" + _UNIT + r")", re.IGNORECASE),
    re.compile(r"\bhace\s+" + _NUM + r"\s+(?P<u>" + _UNIT + r")", re.IGNORECASE),
    re.compile(_NUM + r"\s*(?P<u>초|분|시간|일|주|개월|달|년)\s*전"),
]
_DIGIT = re.compile(r"\d")  # every pattern iter_formatted uses needs one
# a necessary condition for every _RELATIVE pattern (each needs one of these words)
_RELATIVE_WORD = re.compile(r"ago|vor|il y a|hace|전", re.IGNORECASE)
_DAY_WORDS = {"today": 0, "heute": 0, "aujourd'hui": 0, "hoy": 0, "오늘": 0, "just now": 0, "gerade eben": 0,
              "방금": 0, "yesterday": 1, "gestern": 1, "hier": 1, "ayer": 1, "어제": 1, "vorgestern": 2, "그제": 2}
_DAY_WORD_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in _DAY_WORDS) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedDate:
    value: str | None   # ISO 8601 (day, naive date-time or with offset); None if unresolvable
    parser: str         # iso | rfc2822 | format | relative | dateparser
    raw: str            # the matched text


def _offset(tz: str | None) -> timezone | None:
    if not tz:
        return None
    if tz.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if tz[0] == "-" else delta)


def _build(y: int, mo: int, d: int, groups: dict[str, str | None]) -> str | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    hour = groups.get("H")
    if hour is None:
        return day.isoformat()
    h, mi, s = int(hour), int(groups.get("Mi") or 0), int(groups.get("S") or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" or groups.get("ko_ampm") == "오후":
        h = h + 12 if h < 12 else h
    elif (ampm == "am" or groups.get("ko_ampm") == "오전") and h == 12:
        h = 0
    if h > 23 or mi > 59 or s > 59:
        return day.isoformat()
    moment = datetime(y, mo, d, h, mi, s, tzinfo=_offset(groups.get("tz")))
    return moment.isoformat()


def parse_iso(raw: str) -> str | None:
    text = raw.strip()
    match = _ISO.search(text) if len(text) < 60 else None
    if match is None:
        compact = _ISO_COMPACT.match(text)
        if not compact:
            return None
        match = compact
    g = match.groupdict()
    return _build(int(g["y"]), int(g["mo"]), int(g["d"]), g)


def parse_rfc2822(raw: str) -> str | None:
    if not _RFC2822.match(raw):
        return None
    try:
        moment = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return moment.isoformat()


def iter_formatted(text: str, lang: str = "") -> list[tuple[int, str, str]]:
    """Every date written in a common numeric or month-name format -> [(start, iso, matched text)], in text order."""
    found: list[tuple[int, str, str]] = []
    if _DIGIT.search(text) is None:
        return found
    taken: list[tuple[int, int]] = []
    for name, pattern in _FORMATS:
        if name == "month_year":
            continue  # month precision only: not a usable day
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            g = match.groupdict()
            y = int(g["y"]) if g.get("y") else 2000 + int(g["yy"])
            if name == "slash":
                a, b = int(g["a"]), int(g["b"])
                month_first = lang.startswith("en") and not lang.startswith(("en-gb", "en-au", "en-in"))
                mo, d = (a, b) if (month_first and a <= 12) or b > 12 else (b, a)
            else:
                mo = MONTHS[g["mname"].lower()] if g.get("mname") else int(g["mo"])
                d = int(g["d"])
            value = _build(y, mo, d, g)
            if value:
                taken.append((match.start(), match.end()))
                found.append((match.start(), value, match.group(0).strip()))
    return sorted(found)


def find_formatted(text: str, lang: str = "") -> tuple[str, str] | None:
    """The earliest date written in a common format -> (iso, matched text)."""
    found = iter_formatted(text, lang)
    return (found[0][1], found[0][2]) if found else None


def find_relative(text: str, fetched_at: datetime | None, lang: str = "") -> tuple[str | None, str] | None:
    """A relative phrase ("3 days ago", "vor 2 Stunden", "2시간 전", "yesterday") -> (iso|None, raw)."""
    for pattern in _RELATIVE if _RELATIVE_WORD.search(text) else ():
        match = pattern.search(text)
        if match:
            number = match.group("n").lower()
            count = int(number) if number.isdigit() else _NUMBER_WORDS.get(number, 1)
            unit_text = match.group("u").lower()
            unit = next((u for words, u in _UNIT_WORDS if re.fullmatch(words, unit_text, re.IGNORECASE)), "d")
            return _resolve(fetched_at, count * _UNITS[unit], precise=unit in ("s", "m", "h")), match.group(0)
    match = _DAY_WORD_RE.search(text)
    if match and not (match.group(1).lower() == "hier" and not lang.startswith("fr")):  # German "hier" = here
        days = _DAY_WORDS[match.group(1).lower()]
        precise = match.group(1).lower() in ("just now", "방금", "gerade eben")
        return _resolve(fetched_at, days * 86400, precise=precise), match.group(0)
    return None


def _resolve(fetched_at: datetime | None, seconds: int, *, precise: bool) -> str | None:
    if fetched_at is None:
        return None
    moment = fetched_at - timedelta(seconds=seconds)
    return moment.replace(microsecond=0).isoformat() if precise else moment.date().isoformat()


def parse_with_dateparser(raw: str, lang: str = "", fetched_at: datetime | None = None) -> str | None:
    """Last resort: dateparser for short strings that hold a digit."""
    text = raw.strip()
    if not text or len(text) > 80 or not re.search(r"\d", text):
        return None
    import dateparser  # imported lazily: slow to load

    settings = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    if fetched_at is not None:
        settings["RELATIVE_BASE"] = fetched_at.replace(tzinfo=None)
    # a known language keeps dateparser fast (it otherwise tries every locale)
    languages = [lang[:2]] if lang[:2] in ("en", "de", "fr", "es", "ko", "it", "pl", "nl", "pt") else ["en"]
    try:
        moment = dateparser.parse(text, languages=languages, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if moment is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return moment.isoformat() if has_time else moment.date().isoformat()


def parse_date(raw: str, *, lang: str = "", fetched_at: datetime | None = None,
               use_dateparser: bool = True) -> ParsedDate | None:
    """Parse one date string, trying the fast parsers before dateparser."""
    text = " ".join(raw.split())
    if not text:
        return None
    value = parse_iso(text)
    if value:
        return ParsedDate(value, "iso", text)
    value = parse_rfc2822(text)
    if value:
        return ParsedDate(value, "rfc2822", text)
    found = find_formatted(text, lang)
    if found:
        return ParsedDate(found[0], "format", found[1])
    relative = find_relative(text, fetched_at, lang)
    if relative:
        return ParsedDate(relative[0], "relative", relative[1])
    if use_dateparser:
        value = parse_with_dateparser(text, lang, fetched_at)
        if value:
            return ParsedDate(value, "dateparser", text)
    return None
