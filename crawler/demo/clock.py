"""Time zones and date formatting for the demo sites (stdlib only, no tzdata).

US Eastern is computed with the post-2007 DST rule (second Sunday in March
to first Sunday in November, 02:00 local), which is all 2026 needs.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

UTC = timezone.utc
IST = timezone(timedelta(hours=5, minutes=30), "IST")
KST = timezone(timedelta(hours=9), "KST")
EST = timezone(timedelta(hours=-5), "EST")
EDT = timezone(timedelta(hours=-4), "EDT")

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (6 - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def eastern_offset(local: datetime) -> timezone:
    """EST or EDT for a naive US Eastern wall-clock time."""
    start = datetime.combine(_nth_sunday(local.year, 3, 2), datetime.min.time()) + timedelta(hours=2)
    end = datetime.combine(_nth_sunday(local.year, 11, 1), datetime.min.time()) + timedelta(hours=2)
    return EDT if start <= local.replace(tzinfo=None) < end else EST


def localize(naive: datetime, zone: str) -> datetime:
    """Attach the site's zone ("eastern", "ist", "kst") to a naive local time."""
    if zone == "eastern":
        return naive.replace(tzinfo=eastern_offset(naive))
    return naive.replace(tzinfo={"ist": IST, "kst": KST, "utc": UTC}[zone])


def to_eastern(moment: datetime) -> datetime:
    """Convert an aware datetime to US Eastern wall-clock time (aware)."""
    utc = moment.astimezone(UTC)
    start = datetime.combine(_nth_sunday(utc.year, 3, 2), datetime.min.time(), UTC) + timedelta(hours=7)
    end = datetime.combine(_nth_sunday(utc.year, 11, 1), datetime.min.time(), UTC) + timedelta(hours=6)
    return utc.astimezone(EDT if start <= utc < end else EST)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def rfc822(moment: datetime) -> str:
    """RSS pubDate, always in UTC like WordPress ("Sat, 14 Mar 2026 04:00:00 +0000")."""
    utc = moment.astimezone(UTC)
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return (f"{days[utc.weekday()]}, {utc.day:02d} {MONTHS[utc.month - 1][:3]} {utc.year} "
            f"{utc:%H:%M:%S} +0000")


def rfc822_local(moment: datetime) -> str:
    """RSS pubDate keeping the local offset ("Sat, 14 Mar 2026 09:30:00 +0900")."""
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    offset = moment.strftime("%z")
    return (f"{days[moment.weekday()]}, {moment.day:02d} {MONTHS[moment.month - 1][:3]} "
            f"{moment.year} {moment:%H:%M:%S} {offset}")


def http_date(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return (f"{days[utc.weekday()]}, {utc.day:02d} {MONTHS[utc.month - 1][:3]} {utc.year} "
            f"{utc:%H:%M:%S} GMT")


def long_date(moment: datetime) -> str:
    """'March 14, 2026'."""
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def clock_time(moment: datetime) -> str:
    """'9:30 AM'."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def korean_stamp(moment: datetime) -> str:
    """'2026.03.14 09:30' in KST."""
    return moment.astimezone(KST).strftime("%Y.%m.%d %H:%M")


def relative_phrase(moment: datetime, now: datetime) -> str | None:
    """'5 hours ago' / '3 days ago' when 0 <= age < 7 days, else None.

    Days are counted in US Eastern calendar days, so that subtracting N days
    from the fetch date (in Eastern time) gives back the publication date.
    """
    age = now - moment
    if age < timedelta(0) or age >= timedelta(days=7):
        return None
    if age < timedelta(hours=1):
        minutes = max(1, int(age.total_seconds() // 60))
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    if age < timedelta(hours=24):
        hours = int(age.total_seconds() // 3600)
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    days = (to_eastern(now).date() - to_eastern(moment).date()).days
    if days >= 7:
        return None
    return f"{days} day{'s' if days != 1 else ''} ago"
