"""Tag an article with the TV shows it mentions (pure; see docs/tagging.md).

``ShowTagger(catalog)`` compiles every title and alias of every show into one
multi-key scanner over folded text (pipelines/show_text.py, show_scan.py:
hyperscan where installed, else an Aho-Corasick automaton).  ``tag()`` folds
the headline and the body once each, scans both in one call and then only
looks at the hits (the mentions and tags: show_tag_summary.py):

1. keep hits on word boundaries (spaced scripts: the keys are padded with
   spaces; Hangul: no letter before, nothing or a particle after), exact
   case for abbreviations like "HotD", longest hit where hits overlap;
2. drop hits vetoed by their neighbours ("the video game The Last of Us");
3. names that are everyday words need evidence (show_evidence.py);
4. a name shared by two shows goes to the one with more evidence;
5. season, where (headline/lede/body), mentions, score and is_about.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter

from pipelines.show_catalog import Catalog, Show
from pipelines.show_evidence import (
    WINDOW, ShowProfile, build_profile, is_quoted, is_sentence_start,
    is_title_case_headline, korean_boundary_ok,
)
from pipelines.show_mention_checks import (
    is_vetoed_at, may_be_title, season_near, specific_by_first_word, window_points,
)
from pipelines.show_scan import KeyScanner
from pipelines.show_specific import SpecificEvidence
from pipelines.show_tag_summary import (
    ABOUT_THRESHOLD, WHERE_RANK, Mention, Name, ShowTag, add_list_evidence, score_table, summarize,
)
from pipelines.show_text import APOSTROPHES, TextFolder, has_cased_letters, has_cjk, is_hangul

__all__ = ["ABOUT_THRESHOLD", "WHERE_RANK", "ShowTag", "ShowTagger"]

_SPACED_KEY, _CJK_KEY, _BARE_LATIN_KEY = 0, 1, 2      # kinds of automaton keys
LEDE_MAX_CHARS = 600
SENTENCE_END = ".!?\n\u3002"
CASE_INSENSITIVE_LANGUAGES = ("de", "lb")      # nouns are capitalized anyway
# kinds of "checked" keys (a case or Hangul-edge test per hit)
_UNCHECKED, _ONE_CASE_SENSITIVE, _ONE_HANGUL, _CHECK_EACH = 0, 1, 2, 3


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
        self._by_first_word = tuple(specific_by_first_word(p) for p in self._profiles)
        self._names: list[Name] = []
        self._scores = score_table()
        self._spaced, self._unspaced, asked = self._compile()
        self._specific = SpecificEvidence(self._profiles, asked, use_hyperscan=use_hyperscan)

    # -- building -----------------------------------------------------------
    def _compile(self) -> tuple[KeyScanner[tuple], KeyScanner[tuple], set[int]]:
        """Two scanners (show_scan.KeyScanner); each text is scanned by exactly one.
        Also the shows tag() may ask ``has_specific`` about.
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
                name = Name(
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
        # Shows whose article-wide specific evidence tag() may ask for (show_specific.py):
        # everyday-word names (acceptance) and names shared by two shows.
        asked = {name.show_index for name in self._names if name.ambiguous}
        for entries in (spaced, unspaced):      # (length, kind, name ids, check mode, alias)
            for key, (length, kind, ids, checked) in entries.items():
                mode = _check_mode(self._names, ids) if checked else (_UNCHECKED, None)
                entries[key] = (length, kind, ids) + mode
                shows = {self._names[i].show_index for i in ids}
                if len(shows) > 1:
                    asked |= shows
        return (KeyScanner(spaced, use_hyperscan=self._use_hyperscan),
                KeyScanner(unspaced, use_hyperscan=self._use_hyperscan, wide=True), asked)

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
        fold = self._folder.fold
        padded_title = " " + fold(title) + " "
        padded_body = " " + fold(body) + " "
        cjk_title, cjk_body = has_cjk(padded_title), has_cjk(padded_body)   # folded: curly quotes are gone
        if cjk_title == cjk_body:       # one scan of both (same scanner)
            title_matches, body_matches = _split_matches(
                (self._unspaced if cjk_body else self._spaced).scan(padded_title + padded_body, ordered=False),
                len(padded_title))
        else:
            title_matches = (self._unspaced if cjk_title else self._spaced).scan(padded_title, ordered=False)
            body_matches = (self._unspaced if cjk_body else self._spaced).scan(padded_body, ordered=False)
        title_hits = self._hits(title, padded_title, title_matches) if title_matches else []
        body_hits = self._hits(body, padded_body, body_matches) if body_matches else []
        if not title_hits and not body_hits:
            return []
        padded_texts = (padded_title, padded_body)
        cues = (frozenset(self._folder.fold_phrase(c) for c in html_title_cues if c)
                if html_title_cues else frozenset())
        case_counts = language.split("-")[0].lower() not in CASE_INSENSITIVE_LANGUAGES
        lede_end = _lede_end(body) if body_hits else 0
        title_case: bool | None = None        # is_title_case_headline(title), when needed
        names, profiles = self._names, self._profiles
        has_specific = self._specific.checker(padded_texts)
        mentions: list[Mention] = []
        for text, padded, hits, in_title, cjk_text in (
                (title, padded_title, title_hits, True, cjk_title),
                (body, padded_body, body_hits, False, cjk_body)):
            if not hits:
                continue
            evidence_text = padded + padded_body[:2 * WINDOW] if in_title else padded
            last_position = len(hits) - 1
            for position, (start, end, name_ids) in enumerate(hits):
                name = names[name_ids[0] if len(name_ids) == 1
                             else self._resolve_shared(name_ids, has_specific)]
                # An everyday word written in lowercase ("you") is never this show:
                # the cheapest test, done before the context is built.
                if name.ambiguous:
                    original = text[start:end]
                    if original[0].islower() and original.isalpha():
                        continue                # may_be_title's commonest "no" ("you")
                    if not may_be_title(text, start, end, name.alias):
                        continue
                lower = hits[position - 1][1] if position else 0
                upper = hits[position + 1][0] if position < last_position else len(text)
                profile = profiles[name.show_index]
                if in_title:
                    # Only these two tests read the headline's case (a veto at sentence start
                    # and the capitalization evidence of everyday words).
                    if title_case is None and (name.ambiguous or profile.not_after_at_start):
                        title_case = is_title_case_headline(title)
                    title_case_here = bool(title_case)
                    where = "headline"
                else:
                    title_case_here = False
                    where = "lede" if start < lede_end else "body"
                if is_vetoed_at(text, padded, start, end, lower, upper, title_case_here,
                                profile, name.cjk, cjk_text):
                    continue
                mention = self._mention(text, padded, evidence_text, start, end, name, profile,
                                        where, cues, case_counts and not title_case_here, upper)
                if mention is not None:
                    mentions.append(mention)
        if len(mentions) > 1:
            add_list_evidence(mentions, title, body)      # mentions are in text order
        return summarize(mentions, self._shows, has_specific, self._scores)

    def _hits(self, text: str, padded: str,
              matches: list[tuple[int, tuple]]) -> list[tuple[int, int, tuple[int, ...]]]:
        """Boundary- and case-checked hits of the scanner's matches in ``padded``,
        longest first where they overlap."""
        found: list[tuple[int, int, tuple[int, ...]]] = []
        size = len(text)
        for last, (length, kind, name_ids, check, alias) in matches:
            if kind == _SPACED_KEY:
                start, end = last - length + 1, last - 1
            else:
                start, end = last - length, last
                if kind == _BARE_LATIN_KEY and not _latin_edges_ok(padded, start, end):
                    continue
            if start < 0 or end > size:
                continue
            if check:
                if check == _ONE_CASE_SENSITIVE:
                    if text[start:end] != alias:
                        continue
                elif check == _ONE_HANGUL:
                    if not korean_boundary_ok(text, start, end):
                        continue
                else:
                    name_ids = tuple(i for i in name_ids if self._accepts(text, start, end, self._names[i]))
                    if not name_ids:
                        continue
            found.append((start, end, name_ids))
        if len(found) < 2:
            return found
        found.sort(key=itemgetter(1), reverse=True)        # by start, the longest first:
        found.sort(key=itemgetter(0))                      # two stable sorts
        kept: list[tuple[int, int, tuple[int, ...]]] = []
        for hit in found:
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept

    @staticmethod
    def _accepts(text: str, start: int, end: int, name: Name) -> bool:
        if name.case_sensitive and text[start:end] != name.alias:
            return False
        if name.hangul_edges and not korean_boundary_ok(text, start, end):
            return False
        return True

    def _resolve_shared(self, name_ids: tuple[int, ...], has_specific: Callable[[int], bool]) -> int:
        """One show per hit: a shared name goes to the show with evidence, else the first."""
        by_show = {self._names[i].show_index: i for i in reversed(name_ids)}
        if len(by_show) < 2:
            return next(iter(by_show.values()))
        for show_index, name_id in sorted(by_show.items()):
            if has_specific(show_index):
                return name_id
        return by_show[min(by_show)]

    def _mention(self, text: str, padded: str, evidence_text: str, start: int, end: int,
                 name: Name, profile: ShowProfile, where: str, cues: frozenset[str],
                 case_counts: bool, upper: int) -> Mention | None:
        """The mention of one name at one unvetoed hit (ambiguous names: capitalization
        already checked)."""
        season = season_near(text, padded, start, end, upper)
        original = text[start:end]
        if not name.ambiguous:
            if not _lowercased_title(original, name.alias, text):
                return Mention(name, start, end, where, 2, True, season)
            # "the slow horses at the back": a title written in lowercase inside
            # normally cased text needs the same evidence as an everyday word.
            specific, generic = window_points(evidence_text, start, end, profile,
                                          self._by_first_word[name.show_index])
            points = specific + generic + (2 if season is not None else 0)
            return Mention(name, start, end, where, points, False, season) if points >= 2 else None
        cased = has_cased_letters(original)
        specific, generic = window_points(evidence_text, start, end, profile,
                                          self._by_first_word[name.show_index])
        points = specific + generic
        if season is not None:
            points += 2
        if is_quoted(text, start, end) or (cues and self._folder.fold_phrase(original) in cues):
            points += 1
        if cased and case_counts and profile.title_case_is_evidence and self._case_is_signal(text, start, original):
            points += 1
        return Mention(name, start, end, where, points, True, season)

    @staticmethod
    def _case_is_signal(text: str, start: int, original: str) -> bool:
        """A capital that grammar does not explain: mid-sentence, or on a later word."""
        if not is_sentence_start(text, start):
            return True
        later = original.split()[1:]
        return any(w[:1].isupper() for w in later)


def _check_mode(names: list[Name], name_ids: tuple[int, ...]) -> tuple[int, str | None]:
    """How a key's hits are checked: not at all, one case-sensitive alias compared with
    the original text, or each name (case and Hangul edges)."""
    checked = [names[i] for i in name_ids if names[i].case_sensitive or names[i].hangul_edges]
    if not checked:
        return _UNCHECKED, None
    if len(name_ids) == 1 and not checked[0].hangul_edges:
        return _ONE_CASE_SENSITIVE, checked[0].alias
    if len(name_ids) == 1 and not checked[0].case_sensitive:
        return _ONE_HANGUL, None
    return _CHECK_EACH, None


def _add_key(entries: dict[str, tuple], key: str, kind: int, name_ids: tuple[int, ...],
             checked: bool) -> None:
    """``checked``: some name of the key needs a case or Hangul-edge check per hit."""
    existing = entries.get(key)
    ids = tuple(dict.fromkeys((existing[2] if existing else ()) + name_ids))
    entries[key] = (len(key), kind, ids, checked or bool(existing and existing[3]))


def _split_matches(matches: list[tuple[int, tuple]],
                   split: int) -> tuple[list[tuple[int, tuple]], list[tuple[int, tuple]]]:
    """Matches in ``padded_title + padded_body`` -> those in each (``split``: the length
    of padded_title).  A match across the two would not be found scanning each alone."""
    if not matches:
        return matches, matches
    title: list[tuple[int, tuple]] = []
    body: list[tuple[int, tuple]] = []
    for match in matches:
        last = match[0]
        if last < split:
            title.append(match)
        elif last - match[1][0] + 1 >= split:        # the first index of the key
            body.append((last - split, match[1]))
    return title, body


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
