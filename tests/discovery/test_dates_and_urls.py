from __future__ import annotations

import pytest

from crawler.discovery import strip_tracking_params
from crawler.discovery.dates import iso_from_any, iso_from_rfc2822, iso_from_w3c


@pytest.mark.parametrize("raw, expected", [
    ("Mon, 02 Mar 2026 09:30:00 +0900", "2026-03-02T09:30:00+09:00"),
    ("Mon, 02 Mar 2026 09:30:00 GMT", "2026-03-02T09:30:00+00:00"),
    ("Mon, 02 Mar 2026 09:30:00 -0000", "2026-03-02T09:30:00+00:00"),
    ("Mon, 02 Mar 2026 09:30:00 EST", "2026-03-02T09:30:00-05:00"),
    ("Mon, 02 Mar 2026 09:30:00 KST", "2026-03-02T09:30:00+09:00"),
    ("2 Mar 2026 09:30 +0530", "2026-03-02T09:30:00+05:30"),
    ("Mon, 02 Mar 2026 09:30:00", "2026-03-02T09:30:00"),  # no zone: no offset invented
    ("Mon, 02 Mar 2026 09:30:00 XYZ", "2026-03-02T09:30:00"),
    ("Mon, 31 Feb 2026 09:30:00 +0000", None),
    ("yesterday", None), ("", None),
])
def test_rfc2822(raw: str, expected: str | None) -> None:
    assert iso_from_rfc2822(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("2026-03-02T09:30:00+09:00", "2026-03-02T09:30:00+09:00"),
    ("2026-03-02T09:30:00Z", "2026-03-02T09:30:00+00:00"),
    ("2026-03-02T09:30+09:00", "2026-03-02T09:30:00+09:00"),
    ("2026-03-02T09:30:00.25-0330", "2026-03-02T09:30:00.250000-03:30"),
    ("2026-03-02 09:30:00+01:00", "2026-03-02T09:30:00+01:00"),
    ("2026-03-02", "2026-03-02"), ("2026-03", "2026-03"), ("2026", "2026"),
    ("2026-13-02", None), ("2026-02-30", None), ("March 2", None), ("", None),
])
def test_w3c(raw: str, expected: str | None) -> None:
    assert iso_from_w3c(raw) == expected


def test_any_tries_both() -> None:
    assert iso_from_any("2026-03-02T09:30:00Z") == "2026-03-02T09:30:00+00:00"
    assert iso_from_any("Mon, 02 Mar 2026 09:30:00 +0100") == "2026-03-02T09:30:00+01:00"
    assert iso_from_any(None) is None


@pytest.mark.parametrize("url, expected", [
    ("https://a.example/x?utm_source=a&utm_medium=b", "https://a.example/x"),
    ("https://a.example/x?id=7&fbclid=abc&page=2#frag", "https://a.example/x?id=7&page=2"),
    ("https://a.example/x?UTM_Campaign=z&gclid=1", "https://a.example/x"),
    ("https://a.example/x?b=2&a=1", "https://a.example/x?b=2&a=1"),
    ("https://a.example/x?q=caf%C3%A9&empty=", "https://a.example/x?q=caf%C3%A9&empty="),
])
def test_strip_tracking_params(url: str, expected: str) -> None:
    assert strip_tracking_params(url) == expected
