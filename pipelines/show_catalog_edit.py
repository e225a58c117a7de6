"""Merge imported show entries into the catalog YAML text (pure).

Hand-written fields always win: an existing show only gains fields it does
not have yet (and aliases that no other show uses); a new show is appended at
the end.  The edit is done on the text, so comments and formatting of the
hand-written file survive.  The result is validated before it is returned.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from pipelines.show_catalog import CatalogError, CatalogLoader, catalog_from_data
from pipelines.show_text import TextFolder

MERGEABLE_FIELDS = ("original_title", "original_language", "aliases", "network", "country",
                    "years", "seasons", "cast", "tvmaze_id")


@dataclass
class MergeResult:
    text: str
    added: list[str] = field(default_factory=list)                 # new show ids
    updated: dict[str, list[str]] = field(default_factory=dict)    # show id -> fields added

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


def merge_entries(catalog_text: str, entries: list[dict[str, Any]], source: str = "<catalog>") -> MergeResult:
    """Return the catalog text with ``entries`` merged in; raises CatalogError."""
    data = yaml.load(catalog_text, Loader=CatalogLoader) if catalog_text.strip() else {"shows": []}  # noqa: S506
    if not isinstance(data, dict) or not isinstance(data.get("shows"), list):
        raise CatalogError([f"{source}: top level must be a mapping with a 'shows' list"])
    folder = TextFolder()
    shows: list[dict[str, Any]] = [s for s in data["shows"] if isinstance(s, dict)]
    text = catalog_text if catalog_text.strip() else "shows:\n"
    result = MergeResult(text=text)
    for entry in entries:
        existing = _find_existing(shows, entry, folder)
        if existing is None:
            entry = dict(entry, id=_free_id(shows, entry))
            entry = _without_taken_aliases(shows, entry, folder)
            shows.append(entry)
            result.text = _append_show(result.text, entry)
            result.added.append(entry["id"])
            continue
        additions = _missing_fields(shows, existing, entry, folder)
        if additions:
            existing.update(additions)
            result.text = _insert_fields(result.text, existing["id"], additions)
            result.updated.setdefault(existing["id"], []).extend(additions)
    catalog_from_data(yaml.load(result.text, Loader=CatalogLoader), source=source)  # noqa: S506
    return result


def _find_existing(shows: list[dict[str, Any]], entry: dict[str, Any], folder: TextFolder) -> dict[str, Any] | None:
    for show in shows:
        if entry.get("tvmaze_id") and show.get("tvmaze_id") == entry["tvmaze_id"]:
            return show
    wanted = {folder.fold_phrase(n) for n in (entry.get("title"), entry.get("original_title")) if n}
    for show in shows:
        if show.get("tvmaze_id") and entry.get("tvmaze_id") and show["tvmaze_id"] != entry["tvmaze_id"]:
            continue
        names = {folder.fold_phrase(n) for n in (show.get("title"), show.get("original_title")) if isinstance(n, str)}
        if show.get("id") == entry.get("id") or names & wanted:
            return show
    return None


def _free_id(shows: list[dict[str, Any]], entry: dict[str, Any]) -> str:
    taken = {s.get("id") for s in shows}
    base = entry["id"]
    if base not in taken:
        return base
    for suffix in (str((entry.get("years") or [None])[0] or ""), (entry.get("country") or "").lower(),
                   str(entry.get("tvmaze_id") or "")):
        candidate = f"{base}-{suffix}" if suffix else ""
        if candidate and candidate not in taken:
            return candidate
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _taken_names(shows: list[dict[str, Any]], folder: TextFolder, skip: dict[str, Any] | None = None) -> set[str]:
    names: set[str] = set()
    for show in shows:
        if show is skip:
            continue
        for name in (show.get("title"), show.get("original_title"), *(show.get("aliases") or [])):
            if isinstance(name, str):
                names.add(folder.fold_phrase(name))
    return names


def _without_taken_aliases(shows: list[dict[str, Any]], entry: dict[str, Any], folder: TextFolder) -> dict[str, Any]:
    taken = _taken_names(shows, folder)
    aliases = [a for a in entry.get("aliases") or [] if folder.fold_phrase(a) and folder.fold_phrase(a) not in taken]
    entry = {k: v for k, v in entry.items() if k != "aliases"}
    if aliases:
        entry = _ordered({**entry, "aliases": aliases})
    return entry


def _missing_fields(shows: list[dict[str, Any]], existing: dict[str, Any], entry: dict[str, Any],
                    folder: TextFolder) -> dict[str, Any]:
    additions: dict[str, Any] = {}
    for name in MERGEABLE_FIELDS:
        if name == "aliases" or name not in entry or existing.get(name) not in (None, "", []):
            continue
        additions[name] = entry[name]
    if entry.get("aliases"):
        taken = _taken_names(shows, folder)
        new = [a for a in entry["aliases"] if folder.fold_phrase(a) and folder.fold_phrase(a) not in taken]
        new = list(dict.fromkeys(new))
        if new and not existing.get("aliases"):
            additions["aliases"] = new
        elif new:
            additions["aliases"] = list(existing["aliases"]) + new      # replaces the list line(s)
    return additions


def _ordered(entry: dict[str, Any]) -> dict[str, Any]:
    order = ("id", "title", *MERGEABLE_FIELDS)
    return {k: entry[k] for k in sorted(entry, key=lambda k: order.index(k) if k in order else len(order))}


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)


def _append_show(text: str, entry: dict[str, Any]) -> str:
    if not text.endswith("\n"):
        text += "\n"
    return text + "# imported from TVmaze\n" + _dump([_ordered(entry)])


def _block_span(lines: list[str], show_id: str) -> tuple[int, int]:
    start = next(i for i, line in enumerate(lines)
                 if line.rstrip("\n") in (f"- id: {show_id}", f"- id: '{show_id}'", f'- id: "{show_id}"'))
    end = start + 1
    while end < len(lines) and not lines[end].startswith(("-", "#")) and lines[end].strip() != "":
        end += 1
    return start, end


def _insert_fields(text: str, show_id: str, additions: dict[str, Any]) -> str:
    lines = text.splitlines(keepends=True)
    start, end = _block_span(lines, show_id)
    if "aliases" in additions:          # drop the old aliases line(s) before writing the merged list
        kept = []
        position = start
        skipping = False
        for position in range(start, end):
            line = lines[position]
            if line.startswith("  aliases:"):
                skipping = True
                continue
            if skipping and line.startswith("    "):
                continue
            skipping = False
            kept.append(line)
        lines[start:end] = kept
        end = start + len(kept)
    dumped = _dump(additions)
    block = "".join("  " + line if line.strip() else line for line in dumped.splitlines(keepends=True))
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    lines[end:end] = [block]
    return "".join(lines)
