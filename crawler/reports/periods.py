"""Report periods: UTC days, ISO weeks and months as the store labels them (pure).

Labels match ``articles.published_day`` (``2026-03-02``), ``published_week``
(``2026-W10``) and ``published_month`` (``2026-03``).  A period is the
half-open UTC interval ``[start, end)``.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Literal

PeriodKind = Literal["day", "week", "month"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("day", "week", "month")


class PeriodError(ValueError):
    """A date or period label that cannot be read."""


def period_of(day: date, kind: PeriodKind) -> str:
    """The label of the period that contains ``day``."""
    if kind == "day":
        return day.isoformat()
    if kind == "week":
        iso_year, iso_week, _ = day.isocalendar()
        return f"{iso_year}-W{iso_week:02d}"
    return f"{day.year:04d}-{day.month:02d}"


def period_start(label: str, kind: PeriodKind) -> date:
    """The first day of a period label (``2026-W10`` → Monday 2026-03-02)."""
    try:
        if kind == "day":
            return date.fromisoformat(label)
        if kind == "week":
            year, week = label.split("-W")
            return date.fromisocalendar(int(year), int(week), 1)
        year, month = label.split("-")
        return date(int(year), int(month), 1)
    except (ValueError, TypeError) as exc:
        raise PeriodError(f"{label!r} is not a {kind} label") from exc


def next_period_start(start: date, kind: PeriodKind) -> date:
    if kind == "day":
        return start + timedelta(days=1)
    if kind == "week":
        return start + timedelta(days=7)
    return date(start.year + (start.month == 12), start.month % 12 + 1, 1)


def period_bounds(label: str, kind: PeriodKind) -> tuple[datetime, datetime]:
    """``[start, end)`` of a period as aware UTC datetimes."""
    start = period_start(label, kind)
    end = next_period_start(start, kind)
    return (datetime.combine(start, datetime.min.time(), timezone.utc),
            datetime.combine(end, datetime.min.time(), timezone.utc))


def period_range(first: str, last: str, kind: PeriodKind) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive (empty when reversed)."""
    current = period_start(first, kind)
    stop = period_start(last, kind)
    labels: list[str] = []
    while current <= stop:
        labels.append(period_of(current, kind))
        current = next_period_start(current, kind)
    return labels


def shift_period(label: str, kind: PeriodKind, count: int) -> str:
    """The label ``count`` periods before (negative) or after ``label``."""
    start = period_start(label, kind)
    if kind == "day":
        return period_of(start + timedelta(days=count), kind)
    if kind == "week":
        return period_of(start + timedelta(days=7 * count), kind)
    months = start.year * 12 + start.month - 1 + count
    return period_of(date(months // 12, months % 12 + 1, 1), kind)


def parse_date_option(value: str) -> date:
    """A ``--since``/``--until`` value: ``2026-03-02``, ``2026-W10`` or ``2026-03``."""
    text = value.strip()
    for kind in ("day", "week", "month"):
        try:
            return period_start(text, kind)  # type: ignore[arg-type]
        except PeriodError:
            continue
    raise PeriodError(f"{value!r} is not a date (use YYYY-MM-DD, YYYY-Www or YYYY-MM)")


def parse_timestamp(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp as an aware UTC datetime (naive = UTC); None if unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)
