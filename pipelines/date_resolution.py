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
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

from pipelines.date_parsing import (  # parse_date, date_from_url: re-exported
    FUTURE_TOLERANCE,
    ImpossibleDateError,
    MIN_YEAR,
    ParsedDate,
    UTC,
    _LABEL,
    _LEADING_LABEL,
    _format_offset,
    _parse_dateparser,
    _tz,
    date_from_url,
    parse_date,
)

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


def _timed_on_same_day(best: _Candidate, candidates: list[_Candidate],
                       site_timezone: str | None) -> _Candidate | None:
    """A day-precision winner (the URL's /2026/03/14/) borrows the time of day of
    the earliest candidate with a time on that same local day (feed pubDate,
    news sitemap, sitemap lastmod): same day, so the same publication."""
    if best.parsed.day is None:
        return None
    zone = _tz(site_timezone)
    same_day = []
    for candidate in candidates:
        moment = candidate.parsed.moment
        if moment is None:
            continue
        local = moment.astimezone(zone) if zone is not None else moment
        if local.date() == best.parsed.day:
            same_day.append(candidate)
    if not same_day:
        return None
    timed = min(same_day, key=lambda c: c.parsed.moment)  # type: ignore[arg-type,return-value]
    return _Candidate("published", timed.source, timed.klass, timed.raw, timed.parsed,
                      max(best.confidence, timed.confidence))


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
    if best is not None:
        best = _timed_on_same_day(best, parsed, site_timezone) or best
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
