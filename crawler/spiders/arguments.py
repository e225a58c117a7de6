"""Spider arguments (``scrapy crawl SLUG -a since=2026-01-01 -a max_articles=50``).

Validated in the spider's ``__init__``, before any request is made; a bad value
raises :class:`SpiderArgumentError` with a message naming the argument.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DISCOVERY_KINDS = ("feeds", "news_sitemaps", "sitemaps", "listings")


class SpiderArgumentError(ValueError):
    """A spider argument has a bad value."""


@dataclass(frozen=True)
class CrawlArguments:
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    max_articles: int | None = None
    max_listing_pages: int | None = None
    discovery: tuple[str, ...] = DISCOVERY_KINDS

    def in_window(self, when: dt.datetime | None) -> bool:
        """False only when a known date falls outside since/until."""
        if when is None:
            return True
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        if self.since and when < self.since:
            return False
        if self.until and when >= self.until:
            return False
        return True


_ALLOWED = {"since", "until", "max_articles", "max_listing_pages", "discovery", "_job"}


def parse_crawl_arguments(raw: dict[str, object]) -> CrawlArguments:
    unknown = sorted(set(raw) - _ALLOWED)
    if unknown:
        raise SpiderArgumentError(
            f"unknown spider argument {unknown[0]!r}; known: {', '.join(sorted(_ALLOWED - {'_job'}))}"
        )
    since = _date_arg(raw, "since")
    until = _date_arg(raw, "until")
    if since and until and until <= since:
        raise SpiderArgumentError("until must be after since")
    discovery = DISCOVERY_KINDS
    if raw.get("discovery") not in (None, ""):
        discovery = tuple(part.strip() for part in str(raw["discovery"]).split(",") if part.strip())
        bad = [d for d in discovery if d not in DISCOVERY_KINDS]
        if bad or not discovery:
            raise SpiderArgumentError(
                f"discovery: {bad[0] if bad else ''!r} is not one of {', '.join(DISCOVERY_KINDS)}"
            )
    return CrawlArguments(
        since=since,
        until=until,
        max_articles=_positive_int_arg(raw, "max_articles"),
        max_listing_pages=_positive_int_arg(raw, "max_listing_pages"),
        discovery=discovery,
    )


def _date_arg(raw: dict[str, object], name: str) -> dt.datetime | None:
    value = raw.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        try:
            parsed = dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise SpiderArgumentError(
                f"{name}: {value!r} is not a date; use YYYY-MM-DD or an ISO 8601 date-time"
            ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


def _positive_int_arg(raw: dict[str, object], name: str) -> int | None:
    value = raw.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise SpiderArgumentError(f"{name}: {value!r} is not a whole number") from None
    if number < 1:
        raise SpiderArgumentError(f"{name}: must be at least 1, got {number}")
    return number
