"""From the tagger's mentions to its tags (pure): list evidence, acceptance of
everyday-word names, and one ``ShowTag`` per show with where/count/season/score.

Split from pipelines/show_tagger.py.  The mentions arrive in text order: the
headline's first, then the body's, each by start position (one mention per hit,
hits do not overlap).  That order is what lets the list evidence pair
neighbours without sorting and the most prominent mention of a show be its first.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipelines.show_catalog import Show
from pipelines.show_evidence import list_joined

WHERE_RANK = {"headline": 0, "lede": 1, "body": 2}
ABOUT_THRESHOLD = 0.5
_SCORE_TABLE_COUNTS = 64          # scores precomputed for up to this many mentions


@dataclass(frozen=True)
class ShowTag:
    show_id: str
    alias: str
    where: str             # "headline" | "lede" | "body": the most prominent place
    mentions: int
    season: int | None
    score: float           # 0..1
    is_about: bool

    def as_dict(self) -> dict[str, Any]:
        """The shape stored in ArticleItem.shows."""
        return {"show_id": self.show_id, "alias": self.alias, "where": self.where,
                "count": self.mentions, "season": self.season, "score": self.score,
                "is_about": self.is_about}


@dataclass(frozen=True)
class Name:
    """One catalog name of one show, as compiled into the automaton."""
    show_index: int
    alias: str
    case_sensitive: bool     # abbreviations such as "HotD", "SNL", "GoT"
    ambiguous: bool          # everyday words: need evidence
    hangul_edges: bool       # check Korean word boundaries
    shared: bool             # deliberately shared with another show
    cjk: bool                # written in Hangul, kana or ideographs


@dataclass(slots=True)
class Mention:
    name: Name
    start: int
    end: int
    where: str
    points: int              # evidence points (only used for ambiguous names)
    capitalized: bool
    season: int | None

    @property
    def in_title(self) -> bool:
        return self.where == "headline"


def score(headline: bool, lede: bool, count: int) -> float:
    """A show's relevance from where and how often it is mentioned."""
    raw = (0.5 * headline + 0.25 * lede + 0.75 * (1 - math.exp(-0.35 * count)) - 0.1)
    return round(min(1.0, max(0.05, raw)), 3)


def score_table() -> tuple[tuple[float, ...], ...]:
    """``score(headline, lede, count)`` at index ``[2 * headline + lede][count]``
    (counts below _SCORE_TABLE_COUNTS); the same floats, computed once per tagger."""
    return tuple(tuple(score(h, l, count) for count in range(_SCORE_TABLE_COUNTS))
                 for h, l in ((False, False), (False, True), (True, False), (True, True)))


def add_list_evidence(mentions: list[Mention], title: str, body: str) -> None:
    """A title in a list with another show's title is a title: +2 points.
    ``mentions`` in text order (headline first, then body, by start)."""
    for mention in mentions:
        if mention.points < 2 and mention.name.ambiguous:
            break
    else:
        return                          # nothing to raise (the common case)
    for left, right in zip(mentions, mentions[1:]):
        left_title = left.where == "headline"
        if left_title != (right.where == "headline") or left.name.show_index == right.name.show_index:
            continue
        text = title if left_title else body
        if list_joined(text[left.end:right.start]):
            for mention in (left, right):
                if mention.name.ambiguous and mention.points < 2:
                    mention.points += 2


def summarize(mentions: list[Mention], shows: tuple[Show, ...],
              has_specific: Callable[[int], bool],
              scores: tuple[tuple[float, ...], ...]) -> list[ShowTag]:
    """One tag per show with accepted mentions, most relevant first.
    ``has_specific(show_index)``: the show's network/cast/cues are in the article."""
    per_show: dict[int, list[Mention]] = {}
    for mention in mentions:
        found = per_show.get(mention.name.show_index)
        if found is None:
            per_show[mention.name.show_index] = [mention]
        else:
            found.append(mention)
    tags: list[ShowTag] = []
    for show_index, found in per_show.items():
        accepted = _accepted(found, show_index, has_specific)
        if accepted:
            tags.append(_make_tag(shows[show_index], accepted, scores))
    if len(tags) > 1:
        tags.sort(key=lambda t: (-t.score, WHERE_RANK[t.where], t.show_id))
    return tags


def _accepted(found: list[Mention], show_index: int,
              has_specific: Callable[[int], bool]) -> list[Mention]:
    for m in found:
        if m.name.ambiguous:
            break
    else:
        return found
    confirmed = [m for m in found if not m.name.ambiguous or m.points >= 2]
    bonus = 0
    if not confirmed and any(m.points == 1 for m in found):
        bonus = 1 if has_specific(show_index) else 0
        confirmed = [m for m in found if m.points + bonus >= 2]
    if not confirmed:
        return []
    # Once the show is established, its other capitalized mentions count too.
    # (Mentions are distinct: one per hit, so identity is equality here.)
    confirmed_ids = {id(m) for m in confirmed}
    return [m for m in found if id(m) in confirmed_ids or (m.capitalized and m.points >= 1)] or confirmed


def _make_tag(show: Show, mentions: list[Mention], scores: tuple[tuple[float, ...], ...]) -> ShowTag:
    # Text order: the first mention is the most prominent (headline < lede < body, then start).
    best = mentions[0]
    season = None
    seasons: dict[int, int] | None = None
    headline = lede = False
    for mention in mentions:
        where = mention.where
        if where == "headline":
            headline = True
        elif where == "lede":
            lede = True
        if mention.season:
            if seasons is None:
                seasons = {}
            seasons[mention.season] = seasons.get(mention.season, 0) + 1
    if seasons is not None:
        season = next(iter(seasons)) if len(seasons) == 1 else max(seasons, key=lambda s: (seasons[s], s))
    count = len(mentions)
    value = (scores[2 * headline + lede][count] if count < _SCORE_TABLE_COUNTS
             else score(headline, lede, count))
    return ShowTag(show.id, best.name.alias, best.where, count, season, value,
                   value >= ABOUT_THRESHOLD)
