"""Pick an article's publication date from every candidate the crawl saw.  Pure.

Parsing order for one string: relative ("3 days ago", "vor 2 Stunden", "2시간 전",
"hace 3 días"), ISO 8601 (``datetime.fromisoformat``), RFC 2822
(``email.utils``), a few common numeric and month-name layouts (en/de/es/fr/ko),
and only then ``dateparser`` (counted in ``ResolvedDates.dateparser_fallbacks``).
The preference and confidence rules are in docs/normalize.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any, Iterable, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = timezone.utc
MIN_YEAR = 1995
FUTURE_TOLERANCE = timedelta(hours=14)  # the widest UTC offset: a local time read as UTC
URL_DISAGREEMENT = timedelta(days=2)
# source class -> (preference rank, base confidence); lower rank wins ties
SOURCE_RULES: dict[str, tuple[int, float]] = {
    "override": (0, 0.95), "jsonld": (1, 0.90), "meta": (2, 0.85), "time": (3, 0.75), "script": (4, 0.65),
    "htmldate": (4, 0.65),
    "text": (4, 0.60), "extracted": (4, 0.60), "other": (5, 0.50), "url": (5, 0.55), "body_text": (5, 0.40),
    "news_sitemap": (6, 0.50), "feed": (7, 0.45), "sitemap_lastmod": (8, 0.30), "first_seen": (9, 0.10),
}
_SOURCE_ALIASES = {"json-ld": "jsonld", "ld+json": "jsonld", "opengraph": "meta", "og": "meta",
                   "microdata": "meta", "itemprop": "meta", "rdfa": "meta", "html_time": "time",
                   "visible": "text", "byline": "text", "label": "text", "path": "url", "rss": "feed", "atom": "feed"}
PENALTY = {"day": 0.10, "tz_utc": 0.15, "tz_site": 0.05, "relative": 0.15, "dateparser": 0.10,
           "url_disagrees": 0.30}
AGREEMENT_BONUS, AGREEMENT_MAX = 0.05, 0.15
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


@dataclass
class ResolvedDates:
    published_at: str | None = None   # UTC ISO datetime, or "YYYY-MM-DD" at day precision
    published_offset: str = ""
    published_source: str = ""
    published_confidence: float = 0.0
    published_precision: str = ""     # "datetime" | "day" | ""
    updated_at: str | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)  # {"kind","value","source","raw"}
    rejected: list[dict[str, Any]] = field(default_factory=list)    # {"kind","source","raw","reason"}
    dateparser_fallbacks: int = 0


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


# --- resolution ----------------------------------------------------------------
@dataclass
class _Candidate:
    kind: str
    source: str
    klass: str
    raw: str
    parsed: ParsedDate
    confidence: float = 0.0

    @property
    def local_day(self) -> date:
        return self.parsed.day or self.parsed.moment.date()  # type: ignore[union-attr]

    @property
    def rank(self) -> int:
        return SOURCE_RULES[self.klass][0]

    def utc_value(self) -> str:
        if self.parsed.day is not None:
            return self.parsed.day.isoformat()
        return self.parsed.moment.astimezone(UTC).isoformat(timespec="seconds")  # type: ignore[union-attr]


def source_class(source: str) -> str:
    """Map an extraction source name ("meta:article:published_time", "json-ld") to a rule class."""
    name = (source or "").strip().lower()
    for table in (SOURCE_RULES, _SOURCE_ALIASES):
        for key in sorted(table, key=len, reverse=True):
            if name == key or name.startswith((key + ":", key + "/", key + ".", key + " ")):
                return _SOURCE_ALIASES.get(key, key)
    return "other"


def _as_utc(value: str | datetime | None) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat((value or "").strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _range_problem(parsed: ParsedDate, fetched: datetime | None) -> str:
    day = parsed.day or parsed.moment.astimezone(UTC).date()  # type: ignore[union-attr]
    if day.year < MIN_YEAR:
        return "too_old"
    if fetched is None:
        return ""
    if parsed.moment is not None and parsed.moment > fetched + FUTURE_TOLERANCE:
        return "future"
    if parsed.day is not None and parsed.day > (fetched + timedelta(days=1)).date():
        return "future"
    return ""


def _agree(a: _Candidate, b: _Candidate) -> bool:
    if a.parsed.moment is not None and b.parsed.moment is not None:
        return abs(a.parsed.moment - b.parsed.moment) <= timedelta(days=1)
    return abs(a.local_day - b.local_day) <= timedelta(days=1)


def _split_labeled(kind: str, klass: str, value: str, raw: str) -> list[tuple[str, str]]:
    """Use "Updated:"/"Published" labels in visible text: reclassify, or split a two-date line."""
    labels = list(_LABEL.finditer(raw)) if klass in ("text", "time", "other", "extracted") else []
    if not labels:
        return [(kind, value)]
    if len(labels) == 1:
        return [("updated" if labels[0].group("updated") else kind, value)]
    parts = []
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(raw)
        parts.append(("updated" if label.group("updated") else "published", raw[label.end():end]))
    return parts


def _score(candidate: _Candidate, others: list[_Candidate], url_day: date | None) -> float:
    parsed, score = candidate.parsed, SOURCE_RULES[candidate.klass][1]
    if parsed.day is not None and candidate.klass != "url":
        score -= PENALTY["day"]
    if parsed.assumed_tz:
        score -= PENALTY["tz_" + parsed.assumed_tz]
    score -= PENALTY.get(parsed.method, 0.0)
    if url_day is not None and candidate.klass != "url" and abs(candidate.local_day - url_day) > URL_DISAGREEMENT:
        score -= PENALTY["url_disagrees"]
    agreeing = {o.klass for o in others if o.klass != candidate.klass and _agree(candidate, o)}
    score += min(AGREEMENT_MAX, AGREEMENT_BONUS * len(agreeing))
    return round(min(0.99, max(0.05, score)), 2)


def _local_offset(best: _Candidate, others: list[_Candidate], site_timezone: str | None) -> str:
    """The page's own offset for a winner in UTC (or with an unknown offset), from, in order:
    an aware candidate for the same instant (± 2 min); a naive local wall-clock time that is the
    same instant shifted by whole quarter hours (≤ 14 h: "18:09:55" next to "01:09:55Z" → -07:00);
    the site's time zone."""
    moment = best.parsed.moment
    if moment is None or best.parsed.offset not in ("", "+00:00"):
        return best.parsed.offset
    aware = [o for o in others if o.parsed.moment is not None and o.parsed.offset not in ("", "+00:00")]
    for other in aware:
        if abs(other.parsed.moment - moment) <= timedelta(minutes=2):  # type: ignore[operator]
            return other.parsed.offset
    for other in others:
        if other.parsed.moment is None or other.parsed.assumed_tz != "utc":
            continue
        shift = other.parsed.moment - moment
        if timedelta(0) < abs(shift) <= FUTURE_TOLERANCE and shift % timedelta(minutes=15) == timedelta(0):
            return _format_offset(moment.astimezone(timezone(shift)))
    site_tz = _tz(site_timezone)
    return _format_offset(moment.astimezone(site_tz)) if site_tz is not None else best.parsed.offset


def _best(candidates: list[_Candidate]) -> _Candidate | None:
    return max(candidates, key=lambda c: (c.confidence, -c.rank), default=None)


def resolve_dates(date_candidates: Iterable[Mapping[str, Any]] = (), *, discovery: Mapping[str, Any] | None = None,
                  fetched_at: str | datetime | None = None, url: str = "", site_timezone: str | None = None,
                  published_at: str | None = None, updated_at: str | None = None) -> ResolvedDates:
    """Parse, validate and rank every date candidate; see docs/normalize.md for the rules."""
    fetched = _as_utc(fetched_at)
    result = ResolvedDates()
    raw_entries = [(str(c.get("kind") or "published"), str(c.get("source") or ""),
                    str(c.get("value") or c.get("raw") or ""), str(c.get("raw") or c.get("value") or ""),
                    str(c.get("parser") or ""))
                   for c in date_candidates if isinstance(c, Mapping)]
    for key, kind, source in (("feed_published", "published", "feed"),
                              ("news_publication_date", "published", "news_sitemap"),
                              ("lastmod", "updated", "sitemap_lastmod")):
        if (discovery or {}).get(key):
            raw_entries.append((kind, source, str(discovery[key]), str(discovery[key]), ""))
    for kind, value in (("published", published_at), ("updated", updated_at)):
        if value and not any(entry[0] == kind for entry in raw_entries):
            raw_entries.append((kind, "extracted", value, value, ""))
    parsed: list[_Candidate] = []
    for kind, source, value, raw, parser in raw_entries:
        klass = source_class(source)
        for part_kind, text in _split_labeled(kind, klass, value, raw):
            try:
                one = parse_date(text, fetched, site_timezone, allow_dateparser=False)
                if one is None and re.search(r"\d", text):
                    result.dateparser_fallbacks += 1
                    one = _parse_dateparser(_LEADING_LABEL.sub("", text), fetched, _tz(site_timezone))
            except ImpossibleDateError:
                result.rejected.append({"kind": part_kind, "source": source, "raw": raw, "reason": "impossible"})
                continue
            problem = "unparsed" if one is None else _range_problem(one, fetched)
            if problem:
                result.rejected.append({"kind": part_kind, "source": source, "raw": raw, "reason": problem})
                continue
            if parser in ("relative", "dateparser") and one.method in ("iso", "format"):  # type: ignore[union-attr]
                one = ParsedDate(one.moment, one.day, one.offset, one.assumed_tz, parser)  # type: ignore[union-attr]
            parsed.append(_Candidate(part_kind, source, klass, raw, one))  # type: ignore[arg-type]
    url_day = date_from_url(url)
    if url_day is not None and fetched is not None and url_day > fetched.date() + timedelta(days=1):
        url_day = None
    if url_day is not None and not any(c.klass == "url" for c in parsed):
        parsed.append(_Candidate("published", "url", "url", url, ParsedDate(None, url_day, "", "", "url")))
    url_days = [c.local_day for c in parsed if c.klass == "url" and c.kind == "published"]
    published = [c for c in parsed if c.kind != "updated"]
    updated = [c for c in parsed if c.kind == "updated"]
    for group in (published, updated):
        for candidate in group:
            candidate.confidence = _score(candidate, group, url_days[0] if url_days else None)
    result.candidates = [{"kind": c.kind, "value": c.utc_value(), "source": c.source, "raw": c.raw} for c in parsed]
    best = _best(published)
    if best is None and fetched is not None:
        best = _Candidate("published", "first_seen", "first_seen", "", ParsedDate(fetched, None, "", "utc", "iso"),
                          SOURCE_RULES["first_seen"][1])
    if best is not None and best.klass != "first_seen":
        updated = [c for c in updated if c.local_day >= best.local_day - timedelta(days=1)
                   and (c.parsed.moment is None or best.parsed.moment is None or c.parsed.moment >= best.parsed.moment)]
    if best is not None:
        hints = list(published)
        try:  # the extraction's own choice keeps the page's offset (ArticleItem.published_at)
            hint = parse_date(published_at or "", fetched, None, allow_dateparser=False)
        except ImpossibleDateError:
            hint = None
        if hint is not None and hint.moment is not None:
            hints.append(_Candidate("published", "extracted", "extracted", "", hint))
        result.published_at, result.published_offset = best.utc_value(), _local_offset(best, hints, site_timezone)
        result.published_source, result.published_confidence = best.klass, best.confidence
        result.published_precision = "day" if best.parsed.day is not None else "datetime"
    chosen_update = _best(updated)
    result.updated_at = chosen_update.utc_value() if chosen_update else None
    return result
