"""Parse one date string into an aware moment or a day.  Pure.

Order: relative ("3 days ago", "vor 2 Stunden", "2시간 전", "hace 3 días"), ISO 8601
(``datetime.fromisoformat``), RFC 2822 (``email.utils``), common numeric and
month-name layouts (en/de/es/fr/ko), and only then ``dateparser``.  Used by
:mod:`pipelines.date_resolution`, which ranks the parsed candidates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = timezone.utc
MIN_YEAR = 1995
FUTURE_TOLERANCE = timedelta(hours=14)  # the widest UTC offset: a local time read as UTC
_TZ_ABBREVIATIONS: dict[str, int | str] = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7,
                     "MDT": -6, "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2,
                     "EET": 2, "EEST": 3, "KST": 9, "JST": 9, "AEST": 10, "AEDT": 11, "HKT": 8, "SGT": 8,
                     # US zone names without a season: the offset depends on the date
                     "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
                     "PT": "America/Los_Angeles"}
_MONTHS = {name: number for number, names in enumerate([
    "january jan janvier janv januar jän enero ene", "february feb février févr februar febrero",
    "march mar mars märz mär marz marzo", "april apr avril abril", "may mai mayo",
    "june jun juin juni junio", "july jul juillet juil juli julio",
    "august aug août agosto ago", "september sep sept septembre septiembre",
    "october oct octobre oktober okt octubre", "november nov novembre noviembre",
    "december dec décembre déc dezember dez diciembre dic"], start=1) for name in names.split()}
_MONTH_RE = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_LABEL = re.compile(
    r"\b(?:(?P<updated>last\s+updated|updated|modified|aktualisiert|geändert|actualizado|mis\s+à\s+jour|"
    r"modifié|수정|업데이트)|(?P<published>published|posted|veröffentlicht|publicado|publié|입력|등록))",
    re.IGNORECASE)
_LEADING_LABEL = re.compile(rf"^\W*(?:{_LABEL.pattern}|date|datum|fecha|stand)\b\s*(?:on|am|el|le|at)?\s*[:：]?\s*",
                            re.IGNORECASE)
_RELATIVE = [  # (pattern, unit group names) - the amount is group 1, the unit group 2
    re.compile(r"\b(\d+|an?|one)\s+(second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago\b", re.I),
    re.compile(r"\bvor\s+(\d+|einer?|einem)\s+(sekunde|minute|stunde|tag|woche|monat|jahr)\w*", re.I),
    re.compile(r"\bhace\s+(\d+|una?)\s+(segundo|minuto|hora|día|dia|semana|mes|año)\w*", re.I),
    re.compile(r"\bil\s+y\s+a\s+(\d+|une?)\s+(seconde|minute|heure|jour|semaine|mois|an)\w*", re.I),
    re.compile(r"(\d+)\s*(초|분|시간|일|주|개월|달|년)\s*전"),
]
_UNITS = {"second": "s", "sec": "s", "sekunde": "s", "segundo": "s", "seconde": "s", "초": "s",
          "minute": "m", "min": "m", "minuto": "m", "분": "m", "hour": "h", "hr": "h", "stunde": "h",
          "hora": "h", "heure": "h", "시간": "h", "day": "d", "tag": "d", "día": "d", "dia": "d",
          "jour": "d", "일": "d", "week": "w", "woche": "w", "semana": "w", "semaine": "w", "주": "w",
          "month": "M", "monat": "M", "mes": "M", "mois": "M", "개월": "M", "달": "M",
          "year": "y", "jahr": "y", "año": "y", "an": "y", "년": "y"}
_DAY_WORDS = {"just now": 0, "today": 0, "heute": 0, "hoy": 0, "aujourd'hui": 0, "오늘": 0, "방금": 0,
              "yesterday": 1, "gestern": 1, "ayer": 1, "hier": 1, "어제": 1}
_TIME = re.compile(r"(?:\bat\b|\bum\b|\bà\b|\ba\s+las\b|\bgegen\b|,|\||-|T|\s)*\s*(오전|오후)?\s*(\d{1,2})[:h.](\d{2})(?::(\d{2}))?"
                   r"\s*(a\.?m\.?|p\.?m\.?)?\s*(?:uhr\b|h\b)?", re.I)
_ZONE = re.compile(r"(?:\b(?:UTC|GMT)\s*)?([+-])(\d{1,2}):?(\d{2})?\b|\b([A-Z]{1,4}T|UTC|GMT|MEZ|MESZ|Z)\b")
_DATE_LAYOUTS = [  # (regex, order of groups: y m d; "n" = month name)
    (re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"), "ymd"),
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), "dmy"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "slash"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "ndy"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}})\b", re.I),
     "dny"),
]
_URL_DATE = re.compile(r"/((?:199[5-9]|20\d\d))[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|$)"
                       r"|/((?:199[5-9]|20\d\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?:/|-|_|$)")
_ISO_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[T ].*)?$")


@dataclass(frozen=True)
class ParsedDate:
    """One parsed string: an aware ``moment`` or (day precision) a ``day``."""
    moment: datetime | None
    day: date | None
    offset: str          # the string's own UTC offset ("+09:00"); "" when assumed
    assumed_tz: str      # "" (given), "site" or "utc"
    method: str          # relative | iso | rfc2822 | format | dateparser


class ImpossibleDateError(ValueError):
    """A string that is shaped like a date but cannot be one (month 13, before 1995, future)."""


def _format_offset(moment: datetime) -> str:
    delta = moment.utcoffset() or timedelta(0)
    sign = "-" if delta < timedelta(0) else "+"
    minutes = abs(int(delta.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _tz(site_timezone: str | None) -> tzinfo | None:
    if not site_timezone:
        return None
    try:
        return ZoneInfo(site_timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _localize(naive: datetime, site_tz: tzinfo | None, method: str) -> ParsedDate:
    if naive.tzinfo is not None:
        return ParsedDate(naive, None, _format_offset(naive), "", method)
    if site_tz is not None:
        moment = naive.replace(tzinfo=site_tz)
        return ParsedDate(moment, None, _format_offset(moment), "site", method)
    return ParsedDate(naive.replace(tzinfo=UTC), None, "", "utc", method)


def _parse_relative(text: str, fetched: datetime | None) -> ParsedDate | None:
    if fetched is None:
        return None
    low = text.casefold().strip(" .")
    if low in _DAY_WORDS:
        return ParsedDate(None, (fetched - timedelta(days=_DAY_WORDS[low])).date(), "", "utc", "relative")
    for pattern in _RELATIVE:
        match = pattern.search(text)
        if not match:
            continue
        amount = int(match.group(1)) if match.group(1).isdigit() else 1
        unit = _UNITS[match.group(2).casefold()]
        if unit in "smh":
            seconds = {"s": 1, "m": 60, "h": 3600}[unit] * amount
            return ParsedDate(fetched - timedelta(seconds=seconds), None, "", "", "relative")
        days = {"d": 1, "w": 7, "M": 30, "y": 365}[unit] * amount
        return ParsedDate(None, (fetched - timedelta(days=days)).date(), "", "", "relative")
    return None


def _parse_layout(text: str, site_tz: tzinfo | None) -> ParsedDate | None:
    for pattern, order in _DATE_LAYOUTS:
        match = pattern.search(text)
        if not match:
            continue
        a, b, c = match.groups()
        if order == "ymd":
            year, month, day_ = int(a), int(b), int(c)
        elif order == "dmy":
            year, month, day_ = int(c), int(b), int(a)
        elif order == "slash":  # US month/day unless the first number cannot be a month
            year, month, day_ = (int(c), int(b), int(a)) if int(a) > 12 else (int(c), int(a), int(b))
        elif order == "ndy":
            year, month, day_ = int(c), _MONTHS[a.casefold()], int(b)
        else:
            year, month, day_ = int(c), _MONTHS[b.casefold()], int(a)
        try:
            the_day = date(year, month, day_)
        except ValueError as exc:
            raise ImpossibleDateError(f"impossible date {match.group(0)!r}") from exc
        rest = text[match.end():]
        time_match = _TIME.match(rest)
        if not time_match:
            return ParsedDate(None, the_day, "", "", "format")
        ampm_ko, hour_s, minute_s, second_s, ampm = time_match.groups()
        hour, pm = int(hour_s), (ampm or "").lower().startswith("p") or ampm_ko == "오후"
        if ampm or ampm_ko:
            hour = hour % 12 + (12 if pm else 0)
        try:
            naive = datetime.combine(the_day, datetime.min.time()).replace(
                hour=hour, minute=int(minute_s), second=int(second_s or 0))
        except ValueError as exc:
            raise ImpossibleDateError(f"impossible time in {text!r}") from exc
        zone = _ZONE.search(rest[time_match.end():time_match.end() + 12])
        if zone:
            if zone.group(4):
                zone_rule = _TZ_ABBREVIATIONS.get(zone.group(4).upper())
                if isinstance(zone_rule, str):
                    naive = naive.replace(tzinfo=ZoneInfo(zone_rule))
                elif zone_rule is not None:
                    naive = naive.replace(tzinfo=timezone(timedelta(hours=zone_rule)))
            else:
                sign = -1 if zone.group(1) == "-" else 1
                delta = timedelta(hours=int(zone.group(2)), minutes=int(zone.group(3) or 0))
                naive = naive.replace(tzinfo=timezone(sign * delta))
        return _localize(naive, site_tz, "format")
    return None


def _parse_dateparser(text: str, fetched: datetime | None, site_tz: tzinfo | None) -> ParsedDate | None:
    import dateparser  # slow import; only loaded for odd strings

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if fetched is not None:
        settings["RELATIVE_BASE"] = fetched.astimezone(UTC).replace(tzinfo=None)
    data = dateparser.date.DateDataParser(settings=settings).get_date_data(text[:120])
    if data is None or data.date_obj is None:
        return None
    if data.period in ("day", "week", "month", "year"):
        return ParsedDate(None, data.date_obj.date(), "", "", "dateparser")
    return _localize(data.date_obj, site_tz, "dateparser")


def parse_date(text: str, fetched: datetime | None = None, site_timezone: str | None = None,
               allow_dateparser: bool = True) -> ParsedDate | None:
    """Parse one date string (see module doc for the order).  ``None`` when nothing parses.

    Raises ``ImpossibleDateError`` for a string shaped like a date that is not one.
    """
    text = " ".join((text or "").split())
    text = _LEADING_LABEL.sub("", text).strip()
    if not text or len(text) > 200:
        return None
    site_tz = _tz(site_timezone)
    relative = _parse_relative(text, fetched)
    if relative is not None:
        return relative
    iso_text = text[:-1] + "+00:00" if text.endswith("Z") else text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return ParsedDate(None, date.fromisoformat(text), "", "", "iso")
        except ValueError as exc:
            raise ImpossibleDateError(f"impossible date {text!r}") from exc
    try:
        return _localize(datetime.fromisoformat(iso_text), site_tz, "iso")
    except ValueError:
        if _ISO_SHAPE.match(text) and not _parse_layout(text, None):
            raise ImpossibleDateError(f"impossible ISO date {text!r}") from None
    if re.search(r"\b\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):  # RFC 2822 needs a time
        try:
            return _localize(parsedate_to_datetime(text), site_tz, "rfc2822")  # "-0000" gives a naive time
        except (TypeError, ValueError, IndexError):
            pass
    layout = _parse_layout(text, site_tz)
    if layout is not None or not allow_dateparser or not re.search(r"\d", text):
        return layout
    return _parse_dateparser(text, fetched, site_tz)


def date_from_url(url: str) -> date | None:
    """``/2026/03/14/``, ``/2026-03-14-slug`` or ``/20260314/`` in the URL path."""
    match = _URL_DATE.search(re.sub(r"[?#].*$", "", url or ""))
    if not match:
        return None
    try:
        if match.group(4):
            return datetime.strptime(match.group(4), "%Y%m%d").date()
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
