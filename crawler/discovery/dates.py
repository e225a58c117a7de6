"""Feed and sitemap date strings -> ISO 8601, keeping the source's offset.

Standard library only: RFC 2822 (RSS ``pubDate``) via ``email.utils`` and
RFC 3339 / W3C Datetime (Atom, ``dc:date``, sitemap ``lastmod``) via
``datetime.fromisoformat``.  Rules:

* an explicit offset is kept as written (``+09:00`` stays ``+09:00``);
  ``Z``, ``GMT``, ``UT`` and RFC 2822's ``-0000`` become ``+00:00``;
* a timestamp without any zone is returned without an offset (never guessed);
* a date-only value stays date-only (``2026-03-01``), as do ``YYYY-MM`` and ``YYYY``;
* anything unparseable returns ``None`` (callers keep the raw string).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_tz

# Zone names email.utils does not know but news feeds use; ambiguous ones
# (IST, CST-as-China, ...) are deliberately absent.
_EXTRA_ZONES: dict[str, str] = {
    "KST": "+0900", "JST": "+0900", "HKT": "+0800", "SGT": "+0800",
    "AEST": "+1000", "AEDT": "+1100", "CET": "+0100", "CEST": "+0200",
    "EET": "+0200", "EEST": "+0300", "WET": "+0000", "WEST": "+0100",
    "BST": "+0100", "MSK": "+0300",
}
_TRAILING_ZONE = re.compile(r"\s([A-Za-z]{2,5})\s*$")
_NUMERIC_ZONE = re.compile(r"[+-]\d{4}\s*$")
_COMPACT_OFFSET = re.compile(r"([+-])(\d{2})(\d{2})$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2})?$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_from_rfc2822(value: str) -> str | None:
    """``Mon, 02 Mar 2026 09:30:00 +0900`` -> ``2026-03-02T09:30:00+09:00``."""
    text = " ".join(value.split())
    if not text:
        return None
    match = _TRAILING_ZONE.search(text)
    if match and match.group(1).upper() in _EXTRA_ZONES:
        text = text[: match.start()] + " " + _EXTRA_ZONES[match.group(1).upper()]
    parts = parsedate_tz(text)
    if parts is None or parts[0] < 100:
        return None
    has_zone = bool(_NUMERIC_ZONE.search(text)) or bool(
        match and match.group(1).upper() in {"GMT", "UT", "UTC", "Z", "EST", "EDT",
                                             "CST", "CDT", "MST", "MDT", "PST", "PDT"})
    try:
        moment = datetime(*parts[:6])
    except ValueError:
        return None
    if has_zone:
        moment = moment.replace(tzinfo=timezone(timedelta(seconds=parts[9] or 0)))
    return moment.isoformat()


def iso_from_w3c(value: str) -> str | None:
    """RFC 3339 / W3C Datetime -> ISO 8601 (``Z`` -> ``+00:00``, ``+0900`` -> ``+09:00``)."""
    text = value.strip()
    if not text:
        return None
    if _PARTIAL_DATE.match(text) or _DATE_ONLY.match(text):
        try:
            datetime.fromisoformat(text if _DATE_ONLY.match(text) else text[:4] + "-01-01")
        except ValueError:
            return None
        return text
    text = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    text = _COMPACT_OFFSET.sub(r"\1\2:\3", text) if "T" in text else text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.isoformat()


def iso_from_any(value: str | None) -> str | None:
    """Try RFC 3339 first (unambiguous), then RFC 2822."""
    if not value:
        return None
    return iso_from_w3c(value) or iso_from_rfc2822(value)
