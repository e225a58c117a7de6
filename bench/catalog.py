"""A 10,000-show catalog for the tagging benchmark: the real catalog plus synthetic titles.

Synthetic shows get made-up English titles ("The Crimson Harbor", "Midnight
Ledger"), a network, years and sometimes an abbreviation alias, so the
automaton and the per-show profiles have the size of a large real catalog.
Names that would collide with an existing one are skipped (the catalog
validation forbids collisions).
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

from pipelines.show_catalog import Catalog, CatalogLoader, catalog_from_data
from pipelines.show_text import TextFolder

ADJECTIVES = (
    "Crimson", "Silent", "Midnight", "Golden", "Broken", "Hidden", "Electric", "Frozen", "Wild", "Hollow",
    "Burning", "Velvet", "Iron", "Paper", "Glass", "Northern", "Southern", "Last", "Secret", "Lucky",
    "Bitter", "Quiet", "Savage", "Lonely", "Scarlet", "Silver", "Distant", "Restless", "Fallen", "Bright",
    "Twisted", "Gentle", "Rogue", "Sunken", "Painted", "Wicked", "Copper", "Stolen", "Endless", "Royal",
)
NOUNS = (
    "Harbor", "Ledger", "Orchard", "Kingdom", "Frontier", "Signal", "Verdict", "Empire", "Garden", "Circuit",
    "Tides", "Pact", "Station", "Hotel", "Academy", "Witness", "Season", "Crown", "Bridge", "Horizon",
    "Archive", "Avenue", "Coast", "Protocol", "Dynasty", "Precinct", "Theory", "Canyon", "Mirror", "Lantern",
    "Shift", "Colony", "Saints", "Outlaws", "Sisters", "Brothers", "Doctors", "Hunters", "Rivals", "Heirs",
)
PLACES = ("Oakridge", "Port Vale", "Kingsbury", "Redwater", "Elm Falls", "Marlow", "Dunmore", "Ashford",
          "Greyhaven", "Linwood", "Brackenridge", "Cold Spring", "Halden", "Westmarch", "Pinecrest")
NETWORKS = ("Netflix", "HBO", "Hulu", "Prime Video", "Apple TV+", "BBC One", "FX", "AMC", "Peacock",
            "Paramount+", "tvN", "JTBC", "Disney+", "Channel 4", "ITV")


def load_real_catalog_data(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=CatalogLoader)  # noqa: S506 - SafeLoader subclass


def synthetic_titles(rng: random.Random) -> list[str]:
    """Every title shape the generator can make, shuffled (about 45,000)."""
    titles = [f"The {a} {n}" for a in ADJECTIVES for n in NOUNS]
    titles += [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
    titles += [f"{n} of {p}" for n in NOUNS for p in PLACES]
    titles += [f"The {a} {n} of {p}" for a in ADJECTIVES for n in NOUNS for p in PLACES]
    rng.shuffle(titles)
    return titles


def big_catalog(real_catalog: Path, size: int = 10_000, seed: int = 3) -> Catalog:
    """The real catalog plus synthetic shows up to ``size`` shows (validated)."""
    data = load_real_catalog_data(real_catalog)
    shows = list(data["shows"])
    folder = TextFolder()
    taken = {folder.fold_phrase(name) for show in shows
             for name in (show.get("title"), show.get("original_title"), *(show.get("aliases") or []))
             if isinstance(name, str)}
    ids = {show["id"] for show in shows}
    rng = random.Random(seed)
    for title in synthetic_titles(rng):
        if len(shows) >= size:
            break
        key = folder.fold_phrase(title)
        show_id = "bench-" + key.replace(" ", "-")
        if key in taken or show_id in ids:
            continue
        entry = {"id": show_id, "title": title, "network": rng.choice(NETWORKS), "country": "US",
                 "years": [rng.randint(1995, 2024), None], "seasons": rng.randint(1, 8)}
        initials = "".join(word[0] for word in title.split() if word[0].isupper())
        alias_key = folder.fold_phrase(initials)
        if len(initials) >= 3 and rng.random() < 0.2 and alias_key not in taken:
            entry["aliases"] = [initials]
            taken.add(alias_key)
        taken.add(key)
        ids.add(show_id)
        shows.append(entry)
    return catalog_from_data({"shows": shows}, source=f"{real_catalog} + synthetic", folder=folder)
