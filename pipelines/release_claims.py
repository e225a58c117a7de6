"""Release-window claims about one show in one article (pure; see docs/claims.md).

``extract_release_claims(text, show_aliases=[...], published_at=...)`` reads
the text sentence by sentence and returns what it claims about the show's
release: an exact date, a month, a season, a part of a year, a quarter, a
year, or "no date yet" (kind ``none``), each normalized to a date range, with
the season it is about and a certainty (official / reported / rumoured /
speculation).

A date expression (pipelines/release_windows.py) becomes a claim when

1. the sentence is about the show: the nearest show named before the date in
   the sentence (else after it) is this show; a sentence naming no show keeps
   the show of the previous sentences (at the start: this show when
   ``article_is_about``);
2. a release word ("premieres", "debut", "공개", "estreno") is closer to it
   than a production word ("filming", "wrap", "촬영", "rodaje") and within
   ``CUE_REACH`` characters; production dates become ``topic="production"``
   claims, returned only with ``include_production=True``;
3. its clause is not in the past ("premiered in January 2022", "since its
   debut") and the range does not end before publication.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pipelines.release_cues import (
    NO_DATE, OTHER_EVENT_CUE, PAST_CLAIM, PAST_RELEASE, PAST_SEASON_AFTER, PRODUCTION_CUE, RELEASE_CUE, SEASON_MENTION, WEAK_RELEASE_CUE, certainty_of,
    clause_bounds, is_past_release, nearest_cue, season_number, split_sentences,
)
from pipelines.release_windows import Window, find_windows

CLAIM_KINDS = ("exact", "month", "season", "part_of_year", "quarter", "year", "none")
CERTAINTIES = ("official", "reported", "rumoured", "speculation")
TOPICS = ("release", "production")
CUE_REACH = 120          # most characters between a date and the word that makes it a release date
_BY_BEFORE = re.compile(r"\b(?:by|before|no\s+later\s+than|antes\s+de)\s+(?:the\s+|el\s+|la\s+)?$", re.IGNORECASE)
_ALIAS_SEASON = re.compile(r"\s*(\d{1,2})(?![\d:.,%])(?!\s*(?:years?|episodes?|percent|million|년|개|회|명)\b)")
_OURS, _OTHER = 1, 2
_NO_DATE_WORDS = ("date", "window", "fecha", "공개", "방송", "방영", "편성")   # every NO_DATE phrase has one


@dataclass(frozen=True)
class ReleaseClaim:
    kind: str                  # one of CLAIM_KINDS
    earliest: date | None      # inclusive range; both None for kind "none"
    latest: date | None
    certainty: str             # one of CERTAINTIES
    season: int | None         # the season the claim is about (sentence, previous sentence, or hint)
    span_start: int            # offsets of the date expression in the text passed in
    span_end: int
    span_text: str
    sentence: str              # the sentence it was read from
    cues: tuple[str, ...] = ()  # the words that decided the certainty
    topic: str = "release"     # "release" | "production"
    relative: bool = False     # no year written: read against the publication date

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, ISO dates; the shape to store per (article, show)."""
        return {"topic": self.topic, "kind": self.kind,
                "earliest": self.earliest.isoformat() if self.earliest else None,
                "latest": self.latest.isoformat() if self.latest else None,
                "certainty": self.certainty, "season": self.season,
                "span_start": self.span_start, "span_end": self.span_end, "span_text": self.span_text,
                "sentence": self.sentence, "cues": list(self.cues), "relative": self.relative}


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    owner: int             # _OURS or _OTHER
    season: int | None     # "All of Us Are Dead 2"


def alias_pattern(aliases: Sequence[str]) -> re.Pattern[str] | None:
    """Case-insensitive, on word edges (a Hangul name may take a particle after it);
    one-word Latin names match with their catalog case only ("You", "Lost")."""
    parts: list[str] = []
    for alias in sorted({a.strip() for a in aliases if a and a.strip()}, key=len, reverse=True):
        body = re.escape(alias).replace("'", "['’]").replace("’", "['’]")
        latin_end = alias[-1].isascii()
        edge = r"(?![A-Za-z])" if latin_end else ""
        lead = r"(?<![A-Za-z0-9])" if alias[0].isascii() else r"(?<![가-힣])"
        if " " not in alias and alias.isascii() and alias.isalpha() and len(alias) <= 12:
            body = f"(?-i:{body})"
        parts.append(f"{lead}{body}{edge}")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _mentions(text: str, ours: re.Pattern[str] | None, others: re.Pattern[str] | None) -> list[_Mention]:
    found: list[_Mention] = []
    for pattern, owner in ((ours, _OURS), (others, _OTHER)):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            number = _ALIAS_SEASON.match(text, match.end())
            season = season_number(number.group(1)) if number and owner == _OURS else None
            found.append(_Mention(match.start(), match.end(), owner, season))
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Mention] = []
    for mention in found:                      # "Squid Game: The Challenge" over "Squid Game"
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _owner(mentions: list[_Mention], start: int, end: int, carried: int | None) -> int | None:
    before = [m for m in mentions if m.end <= start]
    if before:
        return before[-1].owner
    after = [m for m in mentions if m.start >= end]
    return after[0].owner if after else carried


def _season(sentence: str, offset: int, start: int, end: int, mentions: list[_Mention],
            clause: tuple[int, int]) -> int | None:
    """Season number nearest the date, preferring its clause, then the sentence."""
    candidates: list[tuple[int, int]] = []           # (position in text, season)
    for match in SEASON_MENTION.finditer(sentence):
        value = season_number(next(g for g in match.groups() if g))
        if value and not PAST_SEASON_AFTER.match(sentence, match.end()):
            candidates.append((offset + match.start(), value))
    candidates += [(m.start, m.season) for m in mentions if m.season and m.owner == _OURS]
    if not candidates:
        return None
    in_clause = [c for c in candidates if offset + clause[0] <= c[0] < offset + clause[1]]
    pool = in_clause or candidates
    before = [c for c in pool if c[0] < start]
    return (before[-1] if before else min(pool, key=lambda c: abs(c[0] - end)))[1]


def _as_date(published_at: datetime | date) -> date:
    if isinstance(published_at, datetime):
        return published_at.date()
    if isinstance(published_at, date):
        return published_at
    raise TypeError(f"published_at must be a datetime or date, not {type(published_at).__name__}")


def extract_release_claims(text: str, *, show_aliases: Sequence[str], published_at: datetime | date,
                           language: str = "en", season_hint: int | None = None,
                           other_show_aliases: Sequence[str] = (), article_is_about: bool = True,
                           include_production: bool = False) -> list[ReleaseClaim]:
    """Claims about the release of the show named by ``show_aliases``, in text order.

    ``text`` is the article text (pass ``title + "\\n\\n" + body`` to include the
    headline; offsets refer to the text passed).  ``other_show_aliases`` are the
    names of the other shows tagged in the article: sentences about them are
    skipped.  ``language`` is accepted for the record; English, Spanish and Korean
    cues are always active because articles mix them.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if isinstance(show_aliases, str) or isinstance(other_show_aliases, str):
        raise TypeError("show_aliases / other_show_aliases must be sequences of names, not one string")
    published = _as_date(published_at)
    if not text.strip():
        return []
    windows = find_windows(text, published)
    lowered = text.lower()
    no_dates = (list(NO_DATE.finditer(text)) if any(w in lowered for w in _NO_DATE_WORDS) else [])
    if not windows and not no_dates:
        return []
    mentions = _mentions(text, alias_pattern(show_aliases), alias_pattern(other_show_aliases))
    claims: list[ReleaseClaim] = []
    carried: int | None = _OURS if article_is_about else None
    previous_season: int | None = None
    after_question = False
    for s_start, s_end in split_sentences(text):
        sentence = text[s_start:s_end]
        in_sentence = [m for m in mentions if s_start <= m.start < s_end]
        local = [w for w in windows if s_start <= w.start < s_end]
        nones = [m for m in no_dates if s_start <= m.start() < s_end]
        sentence_season: int | None = None
        for start, end, window in ([(w.start, w.end, w) for w in local]
                                   + [(m.start(), m.end(), None) for m in nones]):
            if _owner(in_sentence, start, end, carried) != _OURS:
                continue
            clause = clause_bounds(sentence, start - s_start, end - s_start)
            season = _season(sentence, s_start, start, end, in_sentence, clause)
            sentence_season = sentence_season or season
            if season is None and previous_season is not None and (season_hint is None
                                                                   or previous_season >= season_hint):
                season = previous_season             # "Season 2 ... Netflix has not set a date."
            season = season or season_hint
            claim = (_window_claim(window, sentence, s_start, clause, published, season, after_question)
                     if window is not None else
                     _none_claim(text, start, end, sentence, s_start, clause, season))
            if claim is not None and (claim.topic == "release" or include_production):
                claims.append(claim)
        if in_sentence:
            carried = in_sentence[-1].owner
        if sentence_season is None:
            sentence_season = _season(sentence, s_start, s_end, s_end, in_sentence, (0, len(sentence)))
        if carried == _OURS and sentence_season is not None and not PAST_RELEASE.search(sentence):
            previous_season = sentence_season
        after_question = sentence.rstrip().endswith("?") and RELEASE_CUE.search(sentence) is not None
    return _unique(claims)


def _topic(sentence: str, start: int, end: int, clause: tuple[int, int],
           after_question: bool) -> tuple[str, re.Match[str] | None] | None:
    """ "release" or "production" by the nearest cue word (clause first)."""
    for scope in (clause, (0, len(sentence))):
        release = nearest_cue(RELEASE_CUE, sentence, start, end, CUE_REACH, within=scope)
        production = nearest_cue(PRODUCTION_CUE, sentence, start, end, CUE_REACH, within=scope)
        if release is None and production is None:
            continue
        if release is None or (production is not None and production[0] < release[0]):
            return "production", None
        event = nearest_cue(OTHER_EVENT_CUE, sentence, start, end, CUE_REACH, within=scope)
        if event is not None and (event[0] < release[0] or 0 <= release[1].start() - event[1].end() <= 3):
            return None                              # "2026 Emmy campaign", "a trailer coming next month"
        return "release", release[1]
    weak = nearest_cue(WEAK_RELEASE_CUE, sentence, start, end, CUE_REACH)
    if weak is not None:
        return "release", weak[1]
    # "When does it come out? The answer is summer 2026."
    return ("release", None) if after_question else None


def _window_claim(window: Window, sentence: str, offset: int, clause: tuple[int, int],
                  published: date, season: int | None, after_question: bool) -> ReleaseClaim | None:
    start, end = window.start - offset, window.end - offset
    decided = _topic(sentence, start, end, clause, after_question)
    if decided is None:
        return None
    topic, cue = decided
    clause_text = sentence[clause[0]:clause[1]]
    if topic == "release":
        if window.latest < published or (cue is not None and is_past_release(sentence, cue, clause_text)):
            return None
        if PAST_CLAIM.search(clause_text) or PAST_CLAIM.search(sentence, 0, clause[0]):
            return None                              # "Earlier this year, reports pointed to 2026"
    earliest = window.earliest
    if _BY_BEFORE.search(sentence[max(0, start - 20):start]) and earliest > published:
        earliest = published                         # "by the end of 2026": any time until then
    certainty, cues = certainty_of(clause_text)
    if certainty is None:        # attribution before the clause: "Season 2 rumour: early August floated"
        certainty, cues = certainty_of(sentence[:clause[0]])
        if certainty not in ("rumoured", "reported"):
            certainty, cues = None, ()
    if certainty is None:
        certainty = "official" if window.kind == "exact" else "reported"
    return ReleaseClaim(kind=window.kind, earliest=earliest, latest=window.latest, certainty=certainty,
                        season=season, span_start=window.start, span_end=window.end, span_text=window.text,
                        sentence=sentence, cues=cues, topic=topic, relative=window.relative)


def _none_claim(text: str, start: int, end: int, sentence: str, offset: int,
                clause: tuple[int, int], season: int | None) -> ReleaseClaim:
    """ "No official premiere date": official unless a report or rumour is cited."""
    certainty, cues = certainty_of(sentence[clause[0]:clause[1]])
    if certainty in (None, "official", "speculation"):
        certainty = "official"
    return ReleaseClaim(kind="none", earliest=None, latest=None, certainty=certainty, season=season,
                        span_start=start, span_end=end, span_text=text[start:end], sentence=sentence,
                        cues=cues)


def _unique(claims: list[ReleaseClaim]) -> list[ReleaseClaim]:
    seen: set[tuple[Any, ...]] = set()
    kept: list[ReleaseClaim] = []
    for claim in sorted(claims, key=lambda c: c.span_start):
        key = (claim.topic, claim.kind, claim.earliest, claim.latest, claim.season, claim.certainty)
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept
