"""The TV show catalog (``data/shows.yaml``): typed records, loading, validation.

``load_catalog(path)`` reads the YAML file and validates every show; all
problems are collected and raised together as one ``CatalogError`` whose
message names the file, the show (index and id) and the field.  The alias
rules are documented in docs/tagging.md.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.show_text import TextFolder

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")

KNOWN_FIELDS = frozenset({
    "id", "title", "original_title", "original_language", "aliases", "network",
    "other_networks", "country", "years", "seasons", "cast", "ambiguous",
    "title_case_is_evidence", "not_before", "not_after", "not_after_at_start", "shared_aliases", "cues",
    "other_works", "notes", "tvmaze_id",
})
LIST_OF_STRING_FIELDS = ("aliases", "other_networks", "not_before", "not_after",
                         "not_after_at_start", "shared_aliases", "cues", "other_works")
VETO_FIELDS = ("not_before", "not_after", "not_after_at_start")
CAST_FIELDS = frozenset({"actor", "character", "actor_native", "character_native"})


# LibYAML's parser when PyYAML was built with it (9x faster on data/shows.yaml: 0.06 s
# instead of 0.55 s); the constructor and resolver are SafeLoader's either way.
_SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogLoader(_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 booleans: only true/false, so `on`, `no`, `yes`
    and `off` stay words (they are common in not_before / not_after lists)."""


CatalogLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CatalogLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass(frozen=True)
class CastMember:
    actor: str
    character: str = ""
    actor_native: str = ""
    character_native: str = ""


@dataclass(frozen=True)
class Show:
    id: str
    title: str
    original_title: str = ""
    original_language: str = "en"
    aliases: tuple[str, ...] = ()
    network: str = ""
    other_networks: tuple[str, ...] = ()
    country: str = ""
    start_year: int | None = None
    end_year: int | None = None
    seasons: int | None = None
    cast: tuple[CastMember, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()     # names that are everyday words
    title_case_is_evidence: bool = True         # False when the word is capitalized anyway
    not_before: tuple[str, ...] = ()            # words right before a hit that veto it
    not_after: tuple[str, ...] = ()             # words right after a hit that veto it
    not_after_at_start: tuple[str, ...] = ()    # same, only for a sentence-initial hit
                                                # directly followed by the word ("You can")
    shared_aliases: tuple[str, ...] = ()        # names deliberately shared with another show
    cues: tuple[str, ...] = ()                  # extra words that point to this show
    other_works: tuple[str, ...] = ()           # same-title works that are NOT this show
    tvmaze_id: int | None = None                # set by `entcrawl shows import-tvmaze`

    def names(self) -> tuple[str, ...]:
        """Title, original title and aliases, without duplicates, in that order."""
        seen: dict[str, None] = {}
        for name in (self.title, self.original_title, *self.aliases):
            if name:
                seen.setdefault(name, None)
        return tuple(seen)

    def networks(self) -> tuple[str, ...]:
        return tuple(n for n in (self.network, *self.other_networks) if n)


class CatalogError(ValueError):
    """Every problem found in a catalog file, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid show catalog:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class Catalog:
    shows: tuple[Show, ...]
    source: str = "<memory>"
    by_id: Mapping[str, Show] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.by_id:
            object.__setattr__(self, "by_id", {show.id: show for show in self.shows})

    def __len__(self) -> int:
        return len(self.shows)

    def __iter__(self) -> Iterator[Show]:
        return iter(self.shows)

    def __contains__(self, show_id: object) -> bool:
        return show_id in self.by_id

    def get(self, show_id: str) -> Show | None:
        return self.by_id.get(show_id)


def load_catalog(path: str | Path) -> Catalog:
    """Read and validate a catalog file; raises CatalogError or FileNotFoundError."""
    path = Path(path)
    return _parse_catalog(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=4)
def _parse_catalog(text: str, source: str) -> Catalog:
    """Parse + validate, memoized on the file's text: `entcrawl retag` loads the same
    file twice (the command, then ``sync_catalog``), and a Catalog is immutable."""
    try:
        data = yaml.load(text, Loader=CatalogLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise CatalogError([f"{source}: not valid YAML: {exc}"]) from exc
    return catalog_from_data(data, source=source)


def catalog_from_data(data: Any, source: str = "<memory>",
                      folder: TextFolder | None = None) -> Catalog:
    """Validate already-parsed YAML data ({"shows": [...]}) into a Catalog."""
    if not isinstance(data, dict) or not isinstance(data.get("shows"), list):
        raise CatalogError([f"{source}: top level must be a mapping with a 'shows' list"])
    folder = folder or TextFolder()
    problems: list[str] = []
    shows: list[Show] = []
    seen_ids: dict[str, int] = {}
    for index, entry in enumerate(data["shows"]):
        where = f"{source}: shows[{index}]"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            where += f" (id={entry['id']!r})"
        show = _parse_show(entry, where, problems)
        if show is None:
            continue
        if show.id in seen_ids:
            problems.append(f"{where}: field 'id': duplicate id, first used by shows[{seen_ids[show.id]}]")
            continue
        seen_ids[show.id] = index
        shows.append(show)
    _check_alias_collisions(shows, source, folder, problems)
    if problems:
        raise CatalogError(problems)
    return Catalog(shows=tuple(shows), source=source)


def _parse_show(entry: Any, where: str, problems: list[str]) -> Show | None:
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a mapping, got {type(entry).__name__}")
        return None
    before = len(problems)

    def report(field_name: str, message: str) -> None:
        problems.append(f"{where}: field '{field_name}': {message}")

    for key in entry:
        if key not in KNOWN_FIELDS:
            report(str(key), f"unknown field (known: {', '.join(sorted(KNOWN_FIELDS))})")
    show_id = entry.get("id")
    if not isinstance(show_id, str) or not SLUG.match(show_id):
        report("id", f"must be a lowercase slug like 'squid-game', got {show_id!r}")
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        report("title", "missing or empty")
    for name in ("original_title", "network", "notes"):
        if entry.get(name) is not None and not isinstance(entry.get(name), str):
            report(name, "must be a string")
    lists: dict[str, tuple[str, ...]] = {}
    for name in LIST_OF_STRING_FIELDS:
        value = entry.get(name) or []
        if name in VETO_FIELDS and isinstance(value, list):
            value = [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
        if not isinstance(value, list):
            report(name, "must be a list of strings")
            value = []
        bad = [v for v in value if not isinstance(v, str) or not v.strip()]
        if bad:
            report(name, f"must be a list of non-empty strings; bad items: {bad!r} (quote them)")
            value = []
        lists[name] = tuple(v.strip() for v in value)
    language = entry.get("original_language", "en")
    if not isinstance(language, str) or not LANGUAGE.match(language):
        report("original_language", f"must be an ISO 639 code like 'ko', got {language!r}")
    country = entry.get("country", "")
    if country and (not isinstance(country, str) or not COUNTRY.match(country)):
        report("country", f"must be an ISO 3166 alpha-2 code like 'KR', got {country!r}")
    start, end = _parse_years(entry.get("years"), report)
    seasons = entry.get("seasons")
    if seasons is not None and (not isinstance(seasons, int) or isinstance(seasons, bool) or seasons < 0):
        report("seasons", f"must be a non-negative integer or null, got {seasons!r}")
    cast = _parse_cast(entry.get("cast") or [], report)
    tvmaze_id = entry.get("tvmaze_id")
    if tvmaze_id is not None and (not isinstance(tvmaze_id, int) or isinstance(tvmaze_id, bool) or tvmaze_id <= 0):
        report("tvmaze_id", f"must be a positive integer, got {tvmaze_id!r}")
    ambiguous = _parse_ambiguous(entry, title if isinstance(title, str) else "", lists["aliases"], report)
    title_case = entry.get("title_case_is_evidence", True)
    if not isinstance(title_case, bool):
        report("title_case_is_evidence", "must be true or false")
    names = {n for n in (title, entry.get("original_title"), *lists["aliases"]) if isinstance(n, str)}
    for shared in lists["shared_aliases"]:
        if shared not in names:
            report("shared_aliases", f"{shared!r} is not the title, original title or an alias")
    if len(problems) > before:
        return None
    return Show(
        id=show_id, title=title.strip(), original_title=(entry.get("original_title") or "").strip(),
        original_language=language, aliases=lists["aliases"], network=(entry.get("network") or "").strip(),
        other_networks=lists["other_networks"], country=country or "", start_year=start, end_year=end,
        seasons=seasons, cast=cast, ambiguous_aliases=ambiguous, title_case_is_evidence=title_case,
        not_before=lists["not_before"], not_after=lists["not_after"],
        not_after_at_start=lists["not_after_at_start"],
        shared_aliases=lists["shared_aliases"], cues=lists["cues"], other_works=lists["other_works"],
        tvmaze_id=tvmaze_id,
    )


def _parse_years(value: Any, report) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if (not isinstance(value, list) or len(value) != 2
            or not isinstance(value[0], int) or isinstance(value[0], bool)
            or not (value[1] is None or (isinstance(value[1], int) and not isinstance(value[1], bool)))):
        report("years", f"must be [start, end] with end null while running, got {value!r}")
        return None, None
    start, end = value
    if not 1930 <= start <= 2100:
        report("years", f"start year {start} is out of range 1930-2100")
    elif end is not None and end < start:
        report("years", f"end year {end} is before start year {start}")
    return start, end


def _parse_cast(value: Any, report) -> tuple[CastMember, ...]:
    if not isinstance(value, list):
        report("cast", "must be a list of {actor, character} mappings")
        return ()
    members = []
    for position, member in enumerate(value):
        if (not isinstance(member, dict) or not isinstance(member.get("actor"), str)
                or not member["actor"].strip()):
            report(f"cast[{position}]", "needs an 'actor' string")
            continue
        unknown = set(member) - CAST_FIELDS
        if unknown or not all(isinstance(v, str) for v in member.values()):
            report(f"cast[{position}]", f"only string fields {sorted(CAST_FIELDS)} are allowed")
            continue
        members.append(CastMember(**{k: v.strip() for k, v in member.items()}))
    return tuple(members)


def _parse_ambiguous(entry: dict, title: str, aliases: tuple[str, ...], report) -> tuple[str, ...]:
    value = entry.get("ambiguous", False)
    if value is True:
        return (title,) + tuple(a for a in aliases if a.casefold() == title.casefold())
    if value is False or value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        names = {title, entry.get("original_title"), *aliases}
        for name in value:
            if name not in names:
                report("ambiguous", f"{name!r} is not the title, original title or an alias")
        return tuple(value)
    report("ambiguous", "must be true, false or a list of the ambiguous names")
    return ()


def _check_alias_collisions(shows: list[Show], source: str, folder: TextFolder,
                            problems: list[str]) -> None:
    owners: dict[str, tuple[Show, str]] = {}
    for show in shows:
        shared = {folder.fold_phrase(a) for a in show.shared_aliases}
        for name in show.names():
            key = folder.fold_phrase(name)
            if not key:
                problems.append(f"{source}: show {show.id!r}: field 'aliases': {name!r} has no letters or digits")
                continue
            owner = owners.get(key)
            if owner is None:
                owners[key] = (show, name)
                continue
            other, other_name = owner
            if other.id == show.id:
                continue
            other_shared = {folder.fold_phrase(a) for a in other.shared_aliases}
            if key not in shared or key not in other_shared:
                problems.append(
                    f"{source}: show {show.id!r}: field 'aliases': {name!r} collides with "
                    f"{other_name!r} of show {other.id!r}; list it under 'shared_aliases' in both "
                    f"shows (the tagger then decides by network/cast/cues) or drop it")


def search_catalog(catalog: Catalog, query: str, limit: int = 20) -> list[tuple[Show, float]]:
    """Shows whose id, names or cast fuzzily match the query, best first."""
    folder = TextFolder()
    wanted = folder.fold_phrase(query)
    if not wanted:
        return [(show, 1.0) for show in catalog.shows[:limit]]
    scored: list[tuple[float, int, Show]] = []
    for position, show in enumerate(catalog.shows):
        best = 0.0
        for name in (show.id.replace("-", " "), *show.names()):
            key = folder.fold_phrase(name)
            if key == wanted:
                best = 1.0
                break
            if wanted in key:
                closeness = min(0.09, 0.002 * (len(key) - len(wanted)))     # shorter names first
                best = max(best, (0.9 if key.startswith(wanted) else 0.8) - closeness)
            else:
                best = max(best, difflib.SequenceMatcher(None, wanted, key).ratio() * 0.85)
        if best >= 0.6:
            scored.append((best, position, show))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(show, round(score, 3)) for score, _, show in scored[:limit]]
