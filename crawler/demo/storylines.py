"""Fixed editorial calendar: release-window storylines, traps, phase changes.

Everything here is fiction written for the demo.  Each beat is
``(show_id, window, site, (month, day, hour, minute), phase)`` in the site's
local time in 2026; ``window`` is one of the rumour stages or "official".
"""
from __future__ import annotations

# The rumour stages every storyline goes through, in order.
WINDOWS: tuple[str, ...] = ("2026", "late 2026", "early August 2026", "early 2027", "official")

OFFICIAL_DATES: dict[str, tuple[str, str, str]] = {
    # show -> (ISO date, English, Korean)
    "all-of-us-are-dead": ("2027-01-29", "January 29, 2027", "2027년 1월 29일"),
    "squid-game": ("2027-03-12", "March 12, 2027", "2027년 3월 12일"),
    "stranger-things": ("2027-02-18", "February 18, 2027", "2027년 2월 18일"),
}

RW, SW, TG, HK = "demo-reelbuzz", "demo-screenwire", "demo-tvgazette", "demo-hallyuko"

BEATS: tuple[tuple[str, str, str, tuple[int, int, int, int], int], ...] = (
    ("all-of-us-are-dead", "2026", SW, (2, 12, 10, 15), 1),
    ("all-of-us-are-dead", "2026", RW, (3, 20, 11, 0), 1),
    ("all-of-us-are-dead", "late 2026", SW, (4, 22, 14, 30), 1),
    ("all-of-us-are-dead", "late 2026", HK, (5, 15, 9, 30), 1),
    ("all-of-us-are-dead", "early August 2026", RW, (6, 18, 18, 45), 1),
    ("all-of-us-are-dead", "early August 2026", HK, (6, 25, 8, 0), 1),
    ("all-of-us-are-dead", "early 2027", SW, (8, 27, 16, 0), 1),
    ("all-of-us-are-dead", "early 2027", RW, (9, 5, 12, 20), 1),
    ("all-of-us-are-dead", "official", SW, (10, 14, 9, 0), 1),
    ("all-of-us-are-dead", "official", HK, (10, 14, 23, 10), 1),
    ("squid-game", "2026", SW, (2, 25, 13, 0), 1),
    ("squid-game", "late 2026", HK, (4, 9, 10, 0), 1),
    ("squid-game", "late 2026", RW, (4, 30, 9, 40), 1),
    ("squid-game", "early August 2026", SW, (6, 10, 11, 25), 1),
    ("squid-game", "early 2027", HK, (8, 19, 17, 0), 1),
    ("squid-game", "early 2027", SW, (9, 12, 8, 30), 1),
    ("squid-game", "official", SW, (11, 27, 9, 0), 3),
    ("squid-game", "official", RW, (11, 27, 21, 15), 3),
    ("squid-game", "official", HK, (11, 28, 8, 30), 3),
    ("stranger-things", "2026", RW, (3, 3, 10, 10), 1),
    ("stranger-things", "late 2026", SW, (5, 6, 15, 45), 1),
    ("stranger-things", "early August 2026", RW, (7, 2, 19, 5), 1),
    ("stranger-things", "early 2027", SW, (9, 24, 10, 50), 1),
    ("stranger-things", "official", SW, (11, 5, 12, 0), 1),
    ("stranger-things", "official", RW, (11, 5, 22, 35), 1),
)

# Ambiguous-title traps: (trap key, site, (month, day, hour, minute)).
TRAPS: tuple[tuple[str, str, tuple[int, int, int, int]], ...] = (
    ("moving", RW, (5, 4, 10, 0)),
    ("the-boys", RW, (8, 8, 16, 30)),
    ("squid-game", SW, (3, 18, 12, 0)),
    ("the-bear", SW, (6, 3, 9, 45)),
    ("severance", SW, (9, 9, 14, 10)),
    ("wednesday", TG, (7, 15, 8, 20)),
    ("moving-ko", HK, (7, 21, 11, 0)),
)

# Screenwire articles that tvgazette republishes, by storyline beat:
# (show, window) -> "verbatim" | "rewrite".  More copies are picked at random.
SYNDICATED_BEATS: dict[tuple[str, str], str] = {
    ("all-of-us-are-dead", "official"): "verbatim",
    ("stranger-things", "early 2027"): "rewrite",
    ("squid-game", "official"): "verbatim",
}
SYNDICATION_COUNTS = {"verbatim": 13, "rewrite": 12}   # random picks on top of the beats

# Phase 3 additions besides the squid-game "official" beats above:
# (site, kind, show or None, (month, day, hour, minute)).
PHASE3_EXTRA: tuple[tuple[str, str, str | None, tuple[int, int, int, int]], ...] = (
    (SW, "trailer", "the-white-lotus", (11, 27, 14, 0)),
    (SW, "review", "slow-horses", (11, 28, 7, 30)),
    (TG, "recap", "the-boys", (11, 27, 18, 40)),
    (RW, "explainer", "money-heist", (11, 28, 10, 5)),
    (RW, "casting", "bridgerton", (11, 28, 16, 50)),
    (HK, "renewal", "moving", (11, 27, 15, 0)),
    (HK, "ratings", "alice-in-borderland", (11, 28, 19, 20)),
)
# tvgazette copies made in phase 3: the squid-game official beat (verbatim,
# above) and a rewrite of the white-lotus trailer.
PHASE3_REWRITES: tuple[tuple[str, str], ...] = (("the-white-lotus", "trailer"),)

# Phase 2 edits: (site, selector, what changes, (month, day, hour, minute) of the edit).
# selector is "beat:<show>:<window>" or "kind:<kind>:<n>" (n-th article of that kind).
PHASE2_UPDATES: tuple[tuple[str, str, str, tuple[int, int, int, int]], ...] = (
    (SW, "beat:stranger-things:official", "title+body", (11, 26, 10, 0)),
    (SW, "kind:casting:3", "body", (11, 26, 15, 30)),
    (RW, "beat:all-of-us-are-dead:early 2027", "title+body", (11, 26, 20, 0)),
    (RW, "kind:renewal:2", "body", (11, 27, 9, 15)),
    (TG, "kind:recap:4", "title+body", (11, 26, 15, 15)),
    (HK, "kind:ratings:1", "title+body", (11, 27, 10, 0)),
)
