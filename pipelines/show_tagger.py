"""Tag an article with the TV shows it mentions (pure; see docs/tagging.md).

``ShowTagger(catalog)`` compiles every title and alias of every show into one
multi-key scanner over folded text (pipelines/show_text.py, show_scan.py:
hyperscan where installed, else an Aho-Corasick automaton).  ``tag()`` folds
the headline and the body once each, runs one scan per text and then only
looks at the hits:

1. keep hits on word boundaries (spaced scripts: the keys are padded with
   spaces; Hangul: no letter before, nothing or a particle after), exact
   case for abbreviations like "HotD", longest hit where hits overlap;
2. drop hits vetoed by their neighbours ("the video game The Last of Us");
3. names that are everyday words need evidence (show_evidence.py);
4. a name shared by two shows goes to the one with more evidence;
5. season, where (headline/lede/body), mentions, score and is_about.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipelines.show_catalog import Catalog, Show
from pipelines.show_evidence import (
    WINDOW, ShowProfile, article_has_specific, build_profile, is_quoted, is_sentence_start,
    is_title_case_headline, korean_boundary_ok, list_joined,
)
from pipelines.show_mention_checks import is_vetoed_at, may_be_title, season_near, window_points
from pipelines.show_scan import KeyScanner
from pipelines.show_text import APOSTROPHES, TextFolder, has_cased_letters, has_cjk, is_hangul

WHERE_RANK = {"headline": 0, "lede": 1, "body": 2}
_SPACED_KEY, _CJK_KEY, _BARE_LATIN_KEY = 0, 1, 2      # kinds of automaton keys
LEDE_MAX_CHARS = 600
SENTENCE_END = ".!?\n\u3002"
ABOUT_THRESHOLD = 0.5
CASE_INSENSITIVE_LANGUAGES = ("de", "lb")      # nouns are capitalized anyway


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
class _Name:
    """One catalog name of one show, as compiled into the automaton."""
    show_index: int
    alias: str
    case_sensitive: bool     # abbreviations such as "HotD", "SNL", "GoT"
    ambiguous: bool          # everyday words: need evidence
    hangul_edges: bool       # check Korean word boundaries
    shared: bool             # deliberately shared with another show
    cjk: bool                # written in Hangul, kana or ideographs


@dataclass(slots=True)
class _Mention:
    name: _Name
    start: int
    end: int
    where: str
    points: int              # evidence points (only used for ambiguous names)
    capitalized: bool
    season: int | None

    @property
    def in_title(self) -> bool:
        return self.where == "headline"


class ShowTagger:
    """Build once per catalog; ``tag()`` is pure and thread-safe."""

    def __init__(self, catalog: Catalog, *, use_hyperscan: bool = True):
        """``use_hyperscan=False``: scan with pyahocorasick only (same tags, slower)."""
        self.catalog = catalog
        self._use_hyperscan = use_hyperscan
        self._folder = TextFolder()
        self._shows: tuple[Show, ...] = catalog.shows
        self._profiles: tuple[ShowProfile, ...] = tuple(
            build_profile(i, show, self._folder) for i, show in enumerate(catalog.shows))
        self._names: list[_Name] = []
        self._spaced, self._unspaced = self._compile()

    # -- building -----------------------------------------------------------
    def _compile(self) -> tuple[KeyScanner[tuple], KeyScanner[tuple]]:
        """Two scanners (show_scan.KeyScanner); each text is scanned by exactly one.
        Text without CJK characters uses Latin keys padded with spaces (word boundaries
        for free, and a small root fan-out, which keeps an automaton fast).  Text with CJK
        characters uses CJK keys plus bare Latin keys ("SPY×FAMILYのアニメ" has no
        space after the Latin title), whose edges are checked per hit."""
        keys: dict[tuple[str, bool], list[int]] = {}
        for index, show in enumerate(self._shows):
            ambiguous_keys = {self._folder.fold_phrase(a) for a in show.ambiguous_aliases}
            shared_keys = {self._folder.fold_phrase(a) for a in show.shared_aliases}
            for alias in show.names():
                folded = self._folder.fold_phrase(alias)
                cjk = has_cjk(alias)
                name = _Name(
                    show_index=index, alias=alias,
                    case_sensitive=_is_abbreviation(alias),
                    ambiguous=folded in ambiguous_keys or _is_short_word(folded, alias),
                    hangul_edges=cjk and (is_hangul(alias[0]) or is_hangul(alias[-1])),
                    shared=folded in shared_keys,
                    cjk=cjk,
                )
                self._names.append(name)
                for key in self._key_variants(alias, cjk):
                    keys.setdefault((key, cjk), []).append(len(self._names) - 1)
        spaced: dict[str, tuple] = {}           # Latin keys padded with spaces
        unspaced: dict[str, tuple] = {}         # CJK keys + bare Latin keys
        for (key, cjk), name_ids in keys.items():
            checked = any(self._names[i].case_sensitive or self._names[i].hangul_edges for i in name_ids)
            if cjk:
                _add_key(unspaced, key, _CJK_KEY, tuple(name_ids), checked)
                continue
            _add_key(spaced, f" {key} ", _SPACED_KEY, tuple(name_ids), checked)
            if len(key) >= 3:
                _add_key(unspaced, key, _BARE_LATIN_KEY, tuple(name_ids), checked)
        return (KeyScanner(spaced, use_hyperscan=self._use_hyperscan),
                KeyScanner(unspaced, use_hyperscan=self._use_hyperscan, wide=True))

    def _key_variants(self, alias: str, cjk: bool) -> set[str]:
        """Folded spellings of one name that the text may use."""
        fold = self._folder.fold
        variants = {fold(alias).strip(), self._folder.fold_phrase(alias)}
        no_apostrophe = alias
        for mark in APOSTROPHES:
            no_apostrophe = no_apostrophe.replace(mark, "")
        variants.add(self._folder.fold_phrase(no_apostrophe))
        if "&" in alias:
            variants.add(self._folder.fold_phrase(alias.replace("&", " and ")))
        if " and " in alias.lower():
            variants.add(self._folder.fold_phrase(alias.replace(" and ", " & ")).replace("  ", " "))
        if cjk:
            variants |= {v.replace(" ", "") for v in list(variants)}
        return {v for v in variants if v}

    # -- tagging ------------------------------------------------------------
    def tag(self, title: str, body: str, *, language: str = "",
            html_title_cues: Iterable[str] | None = None) -> list[ShowTag]:
        """Shows mentioned in an article, most relevant first."""
        title = title or ""
        body = body or ""
        padded_title = " " + self._folder.fold(title) + " "
        padded_body = " " + self._folder.fold(body) + " "
        cjk_title, cjk_body = has_cjk(padded_title), has_cjk(padded_body)   # folded: curly quotes are gone
        title_hits = self._hits(title, padded_title, cjk_title)
        body_hits = self._hits(body, padded_body, cjk_body)
        if not title_hits and not body_hits:
            return []
        padded_texts = (padded_title, padded_body)
        cues = frozenset(self._folder.fold_phrase(c) for c in (html_title_cues or ()) if c)
        case_counts = language.split("-")[0].lower() not in CASE_INSENSITIVE_LANGUAGES
        lede_end = _lede_end(body)
        title_case: bool | None = None        # is_title_case_headline(title), when needed
        lede = padded_body[:2 * WINDOW]
        mentions: list[_Mention] = []
        for text, padded, hits, in_title, cjk_text in (
                (title, padded_title, title_hits, True, cjk_title),
                (body, padded_body, body_hits, False, cjk_body)):
            evidence_text = padded + lede if in_title else padded
            for position, (start, end, name_ids) in enumerate(hits):
                lower = hits[position - 1][1] if position else 0
                upper = hits[position + 1][0] if position + 1 < len(hits) else len(text)
                where = "headline" if in_title else ("lede" if start < lede_end else "body")
                for name_id in self._resolve_shared(name_ids, padded_texts):
                    name = self._names[name_id]
                    # An everyday word written in lowercase ("you") is never this show:
                    # the cheapest test, done before the context is built.
                    if name.ambiguous and not may_be_title(text, start, end, name.alias):
                        continue
                    profile = self._profiles[name.show_index]
                    # Only these two tests read the headline's case (a veto at sentence start
                    # and the capitalization evidence of everyday words).
                    if in_title and title_case is None and (name.ambiguous or profile.not_after_at_start):
                        title_case = is_title_case_headline(title)
                    title_case_here = in_title and bool(title_case)
                    if is_vetoed_at(text, padded, start, end, lower, upper, title_case_here,
                                    profile, name.cjk, cjk_text):
                        continue
                    mention = self._mention(text, padded, evidence_text, start, end,
                                            name, where, cues,
                                            case_counts and not title_case_here, upper)
                    if mention is not None:
                        mentions.append(mention)
        self._add_list_evidence(mentions, title, body)
        return self._summarize(mentions, padded_texts)

    def _hits(self, text: str, padded: str, cjk_text: bool) -> list[tuple[int, int, tuple[int, ...]]]:
        """Boundary- and case-checked hits, longest first where they overlap."""
        found: list[tuple[int, int, tuple[int, ...]]] = []
        matches = (self._unspaced if cjk_text else self._spaced).scan(padded, ordered=False)
        size = len(text)
        for last, (length, kind, name_ids, checked) in matches:
            if kind == _SPACED_KEY:
                start, end = last - length + 1, last - 1
            else:
                start, end = last - length, last
                if kind == _BARE_LATIN_KEY and not _latin_edges_ok(padded, start, end):
                    continue
            if start < 0 or end > size:
                continue
            if checked:
                name_ids = tuple(i for i in name_ids if self._accepts(text, start, end, self._names[i]))
                if not name_ids:
                    continue
            found.append((start, end, name_ids))
        if len(found) < 2:
            return found
        found.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        kept: list[tuple[int, int, tuple[int, ...]]] = []
        for hit in found:
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept

    @staticmethod
    def _accepts(text: str, start: int, end: int, name: _Name) -> bool:
        if name.case_sensitive and text[start:end] != name.alias:
            return False
        if name.hangul_edges and not korean_boundary_ok(text, start, end):
            return False
        return True

    def _resolve_shared(self, name_ids: tuple[int, ...], padded_texts: tuple[str, ...]) -> tuple[int, ...]:
        """One show per hit: a shared name goes to the show with evidence, else the first."""
        if len(name_ids) == 1:
            return name_ids
        by_show = {self._names[i].show_index: i for i in reversed(name_ids)}
        if len(by_show) < 2:
            return tuple(by_show.values())
        for show_index, name_id in sorted(by_show.items()):
            if article_has_specific(padded_texts, self._profiles[show_index]):
                return (name_id,)
        return (by_show[min(by_show)],)

    def _mention(self, text: str, padded: str, evidence_text: str, start: int, end: int,
                 name: _Name, where: str, cues: frozenset[str], case_counts: bool,
                 upper: int) -> _Mention | None:
        """The mention of one name at one unvetoed hit (ambiguous names: capitalization
        already checked)."""
        profile = self._profiles[name.show_index]
        season = season_near(text, padded, start, end, upper)
        original = text[start:end]
        if not name.ambiguous:
            if not _lowercased_title(original, name.alias, text):
                return _Mention(name, start, end, where, 2, True, season)
            # "the slow horses at the back": a title written in lowercase inside
            # normally cased text needs the same evidence as an everyday word.
            specific, generic = window_points(evidence_text, start, end, profile)
            points = specific + generic + (2 if season is not None else 0)
            return _Mention(name, start, end, where, points, False, season) if points >= 2 else None
        cased = has_cased_letters(original)
        specific, generic = window_points(evidence_text, start, end, profile)
        points = specific + generic
        if season is not None:
            points += 2
        if is_quoted(text, start, end) or (cues and self._folder.fold_phrase(original) in cues):
            points += 1
        if cased and case_counts and profile.title_case_is_evidence and self._case_is_signal(text, start, original):
            points += 1
        return _Mention(name, start, end, where, points, True, season)

    @staticmethod
    def _add_list_evidence(mentions: list[_Mention], title: str, body: str) -> None:
        """A title in a list with another show's title is a title: +2 points."""
        ordered = sorted(mentions, key=lambda m: (not m.in_title, m.start))
        for left, right in zip(ordered, ordered[1:]):
            if left.in_title != right.in_title or left.name.show_index == right.name.show_index:
                continue
            text = title if left.in_title else body
            if list_joined(text[left.end:right.start]):
                for mention in (left, right):
                    if mention.name.ambiguous and mention.points < 2:
                        mention.points += 2

    @staticmethod
    def _case_is_signal(text: str, start: int, original: str) -> bool:
        """A capital that grammar does not explain: mid-sentence, or on a later word."""
        if not is_sentence_start(text, start):
            return True
        later = original.split()[1:]
        return any(w[:1].isupper() for w in later)

    def _summarize(self, mentions: list[_Mention], padded_texts: tuple[str, ...]) -> list[ShowTag]:
        per_show: dict[int, list[_Mention]] = {}
        for mention in mentions:
            per_show.setdefault(mention.name.show_index, []).append(mention)
        tags: list[ShowTag] = []
        for show_index, found in per_show.items():
            accepted = self._accepted(found, padded_texts)
            if accepted:
                tags.append(self._make_tag(self._shows[show_index], accepted))
        tags.sort(key=lambda t: (-t.score, WHERE_RANK[t.where], t.show_id))
        return tags

    def _accepted(self, found: list[_Mention], padded_texts: tuple[str, ...]) -> list[_Mention]:
        if not any(m.name.ambiguous for m in found):
            return found
        confirmed = [m for m in found if not m.name.ambiguous or m.points >= 2]
        bonus = 0
        if not confirmed and any(m.points == 1 for m in found):
            bonus = 1 if article_has_specific(padded_texts, self._profiles[found[0].name.show_index]) else 0
            confirmed = [m for m in found if m.points + bonus >= 2]
        if not confirmed:
            return []
        # Once the show is established, its other capitalized mentions count too.
        # (Mentions are distinct: one per hit, so identity is equality here.)
        confirmed_ids = {id(m) for m in confirmed}
        return [m for m in found if id(m) in confirmed_ids or (m.capitalized and m.points >= 1)] or confirmed

    @staticmethod
    def _make_tag(show: Show, mentions: list[_Mention]) -> ShowTag:
        best = min(mentions, key=lambda m: (WHERE_RANK[m.where], m.start))
        seasons: dict[int, int] = {}
        for mention in mentions:
            if mention.season:
                seasons[mention.season] = seasons.get(mention.season, 0) + 1
        season = max(seasons, key=lambda s: (seasons[s], s)) if seasons else None
        places = {m.where for m in mentions}
        count = len(mentions)
        raw = (0.5 * ("headline" in places) + 0.25 * ("lede" in places)
               + 0.75 * (1 - math.exp(-0.35 * count)) - 0.1)
        score = round(min(1.0, max(0.05, raw)), 3)
        return ShowTag(show_id=show.id, alias=best.name.alias, where=best.where, mentions=count,
                       season=season, score=score, is_about=score >= ABOUT_THRESHOLD)


def _add_key(entries: dict[str, tuple], key: str, kind: int, name_ids: tuple[int, ...],
             checked: bool) -> None:
    """``checked``: some name of the key needs a case or Hangul-edge check per hit."""
    existing = entries.get(key)
    ids = tuple(dict.fromkeys((existing[2] if existing else ()) + name_ids))
    entries[key] = (len(key), kind, ids, checked or bool(existing and existing[3]))


def _latin_edges_ok(padded: str, start: int, end: int) -> bool:
    """A bare Latin hit must not continue a Latin word or number on either side."""
    before, after = padded[start], padded[end + 1]
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def _lede_end(body: str) -> int:
    """The lede is the first paragraph, at most LEDE_MAX_CHARS characters."""
    stripped = len(body) - len(body.lstrip())
    paragraph = body.find("\n\n", stripped, stripped + LEDE_MAX_CHARS)
    end = len(body) if paragraph == -1 else paragraph
    return min(end, stripped + LEDE_MAX_CHARS)


def _lowercased_title(original: str, alias: str, text: str) -> bool:
    """An alias with capitals, written all in lowercase, in text that uses capitals."""
    return (original.islower() and not alias.islower() and any(c.isupper() for c in alias)
            and not text.islower())


def _is_abbreviation(alias: str) -> bool:
    """"HotD", "SNL", "GoT", "D.P.": no spaces and two or more capitals."""
    return " " not in alias and sum(1 for c in alias if c.isupper()) >= 2


def _is_short_word(folded: str, alias: str) -> bool:
    """Computed ambiguity: a single Latin word of three letters or fewer."""
    return (" " not in folded and len(folded) <= 3 and folded.isalpha() and folded.isascii()
            and not _is_abbreviation(alias))
