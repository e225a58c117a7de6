"""A small, polite TVmaze client and the mapping of its JSON to catalog entries.

Endpoints used: ``/shows/:id``, ``/search/shows?q=``, ``/shows/:id/akas`` and
``/shows/:id/cast``.  ``TvmazeClient`` keeps to at most ``max_calls`` calls per
``per_seconds`` (TVmaze allows 20 per 10 s) and retries HTTP 429 with
exponential backoff (or the server's Retry-After).  Standard library only.
"""
from __future__ import annotations

import json
import re
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from typing import Any

DEFAULT_API_URL = "https://api.tvmaze.com"
USER_AGENT = "entcrawl/0.1 (show catalog import)"
LANGUAGE_CODES = {
    "English": "en", "Korean": "ko", "Japanese": "ja", "Spanish": "es", "French": "fr",
    "German": "de", "Italian": "it", "Portuguese": "pt", "Chinese": "zh", "Danish": "da",
    "Swedish": "sv", "Norwegian": "no", "Dutch": "nl", "Hindi": "hi", "Turkish": "tr",
    "Thai": "th", "Polish": "pl", "Russian": "ru", "Hebrew": "he", "Arabic": "ar",
}
CAST_LIMIT = 8
# Where a language's original title usually comes from, when the channel has no country.
LANGUAGE_COUNTRIES = {
    "ko": ("KR",), "ja": ("JP",), "es": ("ES", "MX", "AR", "CO", "CL", "PE"), "de": ("DE", "AT", "CH"),
    "fr": ("FR", "BE", "CA"), "it": ("IT",), "pt": ("BR", "PT"), "zh": ("CN", "TW", "HK"),
    "da": ("DK",), "sv": ("SE",), "no": ("NO",), "nl": ("NL", "BE"), "hi": ("IN",), "tr": ("TR",),
    "th": ("TH",), "pl": ("PL",), "ru": ("RU",), "he": ("IL",), "ar": ("EG", "SA", "AE"),
}


class TvmazeError(RuntimeError):
    """A TVmaze request failed for good (after retries) or returned bad JSON."""


class RateLimiter:
    """At most ``max_calls`` in any ``per_seconds`` window (sliding)."""

    def __init__(self, max_calls: int = 20, per_seconds: float = 10.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.max_calls = max_calls
        self.per_seconds = per_seconds
        self._clock = clock
        self._sleep = sleep
        self._calls: deque[float] = deque()

    def wait(self) -> None:
        now = self._clock()
        while self._calls and now - self._calls[0] >= self.per_seconds:
            self._calls.popleft()
        if len(self._calls) >= self.max_calls:
            self._sleep(self.per_seconds - (now - self._calls[0]))
            now = self._clock()
            self._calls.popleft()
        self._calls.append(now)


class TvmazeClient:
    def __init__(self, api_url: str = DEFAULT_API_URL, limiter: RateLimiter | None = None,
                 retries: int = 4, backoff: float = 1.0, timeout: float = 15.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.api_url = api_url.rstrip("/")
        self.limiter = limiter or RateLimiter()
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self._sleep = sleep
        self.calls = 0

    def get(self, path: str, params: dict[str, str] | None = None) -> Any:
        url = self.api_url + path + ("?" + urllib.parse.urlencode(params) if params else "")
        for attempt in range(self.retries + 1):
            self.limiter.wait()
            self.calls += 1
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                           "Accept": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    payload = response.read()
            except urllib.error.HTTPError as exc:
                if exc.code == 429 and attempt < self.retries:
                    self._sleep(_retry_after(exc.headers.get("Retry-After"), self.backoff * 2 ** attempt))
                    continue
                if exc.code == 404:
                    raise TvmazeError(f"TVmaze has nothing at {path} (404)") from exc
                raise TvmazeError(f"TVmaze request {url} failed: HTTP {exc.code}") from exc
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                raise TvmazeError(f"cannot reach TVmaze at {url}: {exc}") from exc
            try:
                return json.loads(payload.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise TvmazeError(f"TVmaze returned invalid JSON for {url}: {exc}") from exc
        raise TvmazeError(f"TVmaze kept answering 429 for {url} after {self.retries} retries")

    def show(self, show_id: int) -> dict[str, Any]:
        return self.get(f"/shows/{int(show_id)}")

    def search(self, title: str) -> dict[str, Any] | None:
        """The best search hit for a title, or None."""
        results = self.get("/search/shows", {"q": title}) or []
        results = [r for r in results if isinstance(r, dict) and isinstance(r.get("show"), dict)]
        if not results:
            return None
        return max(results, key=lambda r: r.get("score") or 0)["show"]

    def akas(self, show_id: int) -> list[dict[str, Any]]:
        return self.get(f"/shows/{int(show_id)}/akas") or []

    def cast(self, show_id: int) -> list[dict[str, Any]]:
        return self.get(f"/shows/{int(show_id)}/cast") or []


def _retry_after(header: str | None, default: float) -> float:
    try:
        return max(0.0, float(header)) if header else default
    except ValueError:
        return default


def slugify(title: str) -> str:
    """'Money Heist: Korea' -> 'money-heist-korea' (ASCII; CJK titles give '')."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = text.replace("'", "").replace("\u2019", "").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def catalog_entry(show: dict[str, Any], akas: list[dict[str, Any]],
                  cast: list[dict[str, Any]]) -> dict[str, Any]:
    """A catalog entry (plain dict in YAML field order) from TVmaze JSON."""
    title = (show.get("name") or "").strip()
    language = LANGUAGE_CODES.get(show.get("language") or "", "")
    channel = show.get("network") or show.get("webChannel") or {}
    country = ((channel.get("country") or {}).get("code") or "").upper()
    entry: dict[str, Any] = {"id": slugify(title) or f"tvmaze-{show.get('id')}", "title": title}
    names = [a.get("name", "").strip() for a in akas if isinstance(a, dict) and a.get("name")]
    if language and language != "en":
        homes = (country,) if country else LANGUAGE_COUNTRIES.get(language, ())
        native = [(a["name"].strip(), ((a.get("country") or {}).get("code") or "").upper())
                  for a in akas if isinstance(a, dict) and a.get("name")]
        native = [(name, code) for name, code in native if code and code in homes]
        if native:
            entry["original_title"] = native[0][0]
            country = country or native[0][1]
    if language:
        entry["original_language"] = language
    aliases = [n for n in dict.fromkeys(names) if n and n not in (title, entry.get("original_title"))]
    if aliases:
        entry["aliases"] = aliases
    if channel.get("name"):
        entry["network"] = channel["name"]
    if len(country) == 2:
        entry["country"] = country
    start = _year(show.get("premiered"))
    if start:
        entry["years"] = [start, None if show.get("status") == "Running" else _year(show.get("ended"))]
    members = []
    for credit in cast[:CAST_LIMIT]:
        person = (credit.get("person") or {}).get("name")
        character = (credit.get("character") or {}).get("name")
        if person:
            members.append({"actor": person, "character": character} if character else {"actor": person})
    if members:
        entry["cast"] = members
    if isinstance(show.get("id"), int):
        entry["tvmaze_id"] = show["id"]
    return entry


def _year(value: Any) -> int | None:
    if isinstance(value, str) and re.match(r"^\d{4}", value):
        return int(value[:4])
    return None
