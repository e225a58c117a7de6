"""Kinds and release claims for one tagged article (pure; see docs/claims.md).

Thin glue over ``pipelines/article_kinds.py`` and ``pipelines/release_claims.py``:
:func:`annotate_article` takes one article's title, body, language and
publication time and the tagger's show dicts (``ShowTag.as_dict()``), and
returns

* the show dicts, each with ``kinds`` (``KindTag.as_dict()`` list, best first)
  and ``annotation_key`` (a fingerprint of everything the kinds and claims of
  that show were derived from, so ``entcrawl retag`` can skip unchanged ones);
* the article's release claims, ``ReleaseClaim.as_dict()`` plus ``show_id``.

The publication time is read as a UTC date (the database stores UTC), so the
crawl and a later retag read "this fall" against the same day.  Without a
parseable publication time an article gets kinds but no claims.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipelines.article_kinds import classify_kinds
from pipelines.release_claims import extract_release_claims
from pipelines.show_catalog import Catalog

# Source files whose rules decide kinds and claims: editing any of them changes
# every annotation key, so a retag re-derives everything after a rules change.
_RULE_MODULES = ("annotate.py", "article_kinds.py", "release_claims.py", "release_cues.py",
                 "release_windows.py", "release_window_patterns.py", "show_season.py")


@dataclass(frozen=True)
class Annotation:
    shows: list[dict[str, Any]]            # the input tags + "kinds" + "annotation_key"
    release_claims: list[dict[str, Any]]   # ReleaseClaim.as_dict() + "show_id", text order per show


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A hash of the rule modules' source (stable while the code is unchanged)."""
    digest = hashlib.blake2b(digest_size=8)
    folder = Path(__file__).resolve().parent
    for name in _RULE_MODULES:
        path = folder / name
        digest.update(path.read_bytes() if path.is_file() else name.encode())
    return digest.hexdigest()


def show_names(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """{show id: title, original title and aliases} for :func:`annotate_article`."""
    return {show.id: show.names() for show in catalog.shows}


def publication_date(published_at: str | datetime | date | None) -> date | None:
    """The UTC day of an ISO timestamp (naive = UTC); ``None`` when absent or unparseable."""
    if published_at is None or published_at == "":
        return None
    if isinstance(published_at, datetime):
        moment = published_at
    elif isinstance(published_at, date):
        return published_at
    else:
        try:
            moment = datetime.fromisoformat(str(published_at).strip())
        except ValueError:
            try:
                return date.fromisoformat(str(published_at).strip()[:10])
            except ValueError:
                return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(timezone.utc).date()


def annotation_key(text_digest: str, language: str, published: date | None,
                   aliases: Sequence[str], others: Sequence[str], tag: Mapping[str, Any]) -> str:
    """Fingerprint of the inputs of one show's kinds and claims (see :func:`show_inputs`)."""
    digest = hashlib.blake2b(digest_size=12)
    for part in (rules_fingerprint(), text_digest, language, published.isoformat() if published else "",
                 "\x1f".join(sorted(aliases)), "\x1f".join(sorted(others)), str(tag.get("season")),
                 str(bool(tag.get("is_about")))):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def _names_of(tag: Mapping[str, Any], names: Mapping[str, Sequence[str]]) -> list[str]:
    """The matched alias first, then the show's catalog names (docs/claims.md)."""
    found = [str(tag.get("alias") or "")] + list(names.get(str(tag.get("show_id")), ()))
    return list(dict.fromkeys(name for name in found if name))


def _presence_text(text: str) -> str:
    return text.lower().replace("\u2019", "'")


@dataclass(frozen=True)
class ShowInputs:
    """What one show's kinds and claims in one article are derived from."""
    tag: Mapping[str, Any]
    aliases: tuple[str, ...]       # the show's names that occur in the text, matched alias first
    others: tuple[str, ...]        # names of the other tagged shows that occur in the text
    key: str                       # annotation_key() of all the inputs


def show_inputs(title: str, body: str, *, language: str, published: date | None,
                shows: Sequence[Mapping[str, Any]],
                names: Mapping[str, Sequence[str]]) -> list[ShowInputs]:
    """One :class:`ShowInputs` per tag (cheap: no rules run; used by retag to skip).

    Both rule modules use the names only through ``alias_pattern``, so a name that
    does not occur in the text (lowercased, curly apostrophes straightened) cannot
    change a result: it is left out of the inputs and of the key.  Adding an alias
    to the catalog therefore re-derives only the articles that contain it.
    """
    if not isinstance(title, str) or not isinstance(body, str):
        raise TypeError("title and body must be str")
    text = f"{title}\n\n{body}"
    present = _presence_text(text)
    text_digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    aliases_of = {str(tag.get("show_id")): tuple(n for n in _names_of(tag, names)
                                                  if _presence_text(n) in present)
                  for tag in shows}
    inputs = []
    for tag in shows:
        show_id = str(tag.get("show_id"))
        others = tuple(n for other, names_ in aliases_of.items() if other != show_id for n in names_)
        key = annotation_key(text_digest, language or "", published, aliases_of[show_id], others, tag)
        inputs.append(ShowInputs(tag, aliases_of[show_id], others, key))
    return inputs


def annotate_show(title: str, body: str, *, language: str, published: date | None,
                  inputs: ShowInputs) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the tag with ``kinds`` and ``annotation_key``, the claims about the show)."""
    kinds = classify_kinds(title, body, inputs.aliases, language=language or "")
    show = {**inputs.tag, "kinds": [k.as_dict() for k in kinds], "annotation_key": inputs.key}
    if published is None:
        return show, []
    show_id = str(inputs.tag.get("show_id"))
    claims = extract_release_claims(
        f"{title}\n\n{body}", show_aliases=inputs.aliases, published_at=published,
        language=language or "", season_hint=inputs.tag.get("season"),
        other_show_aliases=inputs.others, article_is_about=bool(inputs.tag.get("is_about")))
    return show, [{"show_id": show_id, **claim.as_dict()} for claim in claims]


def annotate_article(title: str, body: str, *, language: str,
                     published_at: str | datetime | date | None,
                     shows: Sequence[Mapping[str, Any]],
                     names: Mapping[str, Sequence[str]]) -> Annotation:
    """Kinds per show and release claims for one article (pure).

    ``shows``: the tagger's dicts (``show_id``, ``alias``, ``season``,
    ``is_about`` ...); ``names``: catalog names per show id (:func:`show_names`).
    Claim offsets refer to ``title + "\\n\\n" + body``.
    """
    published = publication_date(published_at)
    enriched: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    for inputs in show_inputs(title, body, language=language, published=published,
                              shows=shows, names=names):
        show, found = annotate_show(title, body, language=language, published=published, inputs=inputs)
        enriched.append(show)
        claims += found
    return Annotation(enriched, claims)
