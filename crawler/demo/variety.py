"""Building blocks that keep the synthetic articles from looking templated.

Two tools, both pure functions of a seeded ``random.Random``:

* ``vary(template, rng)`` expands inline alternatives: ``"<quick|rapid> pickup"``
  becomes "quick pickup" or "rapid pickup".  An empty option is allowed
  (``"<|very >"``).  Alternatives are expanded before placeholders are filled,
  so an option may contain ``{placeholders}``;
* ``invented_details(rng)`` draws per-article specifics (people with jobs,
  places, venues, numbers, an episode title, a festival) so that two articles
  written from the same template still differ in most of their word 4-grams.

Every name here is made up for the demo.
"""
from __future__ import annotations

import random
import re

_ALTERNATIVES = re.compile(r"<([^<>]*)>")

FIRST_NAMES = (
    "Adele", "Bram", "Cora", "Dmitri", "Elsa", "Fintan", "Gwen", "Hugo", "Imogen", "Jasper",
    "Kira", "Lionel", "Maeve", "Nico", "Odette", "Pascal", "Quinn", "Rosalind", "Silas", "Tamsin",
    "Ulric", "Vera", "Wendell", "Xiomara", "Yusuf", "Zelda", "Anouk", "Bertie", "Calla", "Dorian",
    "Esme", "Florian", "Greer", "Hollis", "Ingrid", "Joaquin", "Linnea", "Mateo", "Noemi", "Otis",
)
LAST_NAMES = (
    "Abernathy", "Blackwood", "Carrow", "Delacroix", "Eastlake", "Fairbanks", "Gallagher", "Hollander",
    "Ivers", "Jessop", "Kettering", "Lowell", "Marchetti", "Northcott", "Oyelaran", "Pemberton",
    "Quill", "Radcliffe", "Sandoval", "Thistlewood", "Underhill", "Valancourt", "Wexley", "Yardley",
    "Zamora", "Ashby", "Brennan", "Castellanos", "Dunleavy", "Everard", "Fitzroy", "Greaves",
    "Hartigan", "Ilves", "Kowalczyk", "Lindahl", "Mbatha", "Nakashima", "Ostrowski", "Prideaux",
)
CITIES = (
    "Seoul", "Atlanta", "Belfast", "Vancouver", "Madrid", "London", "Tokyo", "Budapest", "Chicago",
    "Prague", "Busan", "Sicily", "Glasgow", "Lisbon", "Montreal", "Reykjavik", "Cape Town",
    "Wellington", "Dubrovnik", "Albuquerque", "Toronto", "Seville", "Bristol", "Osaka", "Tbilisi",
    "Marrakech", "Gdansk", "Valletta", "Pittsburgh", "Bucharest",
)
VENUES = (
    "a converted aircraft hangar", "a disused rail depot", "an abandoned shopping mall",
    "a former textile mill", "a shuttered boarding school", "a seaside hotel closed for the winter",
    "a stretch of coastal cliffs", "a purpose-built backlot", "a decommissioned power station",
    "a quarry outside the city", "a nineteenth-century opera house", "an empty office tower",
    "a cluster of soundstages near the airport", "a fishing village two hours north",
    "a pine forest that doubled for three locations", "an old naval dockyard",
)
FESTIVALS = (
    "the Harbourlight TV Festival", "the Brightwater Screen Summit", "the Lantern Bay Series Fest",
    "the Northgate Television Forum", "the Silverpine Fan Convention", "the Copperfield Media Days",
    "the Tidewater Showrunners Panel", "the Meridian Streaming Expo",
)
OUTLETS = (
    "the Hollowbrook Ledger", "Screen Signal Weekly", "the Carraway Dispatch", "Frame Rate Daily",
    "the Westmarch Courier", "Broadcast Bulletin", "the Ridgeline Review", "Cue Card Magazine",
)
EPISODE_WORDS = (
    ("Lanterns", "Ashes", "Tides", "Thresholds", "Embers", "Echoes", "Fault Lines", "Keys", "Mirrors",
     "Wolves", "Orchards", "Harbors", "Ledgers", "Crowns", "Ghosts", "Bridges"),
    ("Salt", "Glass", "Winter", "Iron", "Paper", "Midnight", "Borrowed", "Silent", "Burning",
     "Hollow", "Crooked", "Distant", "Velvet", "Broken", "Golden", "Sunken"),
)
JOBS = (
    "line producer", "executive producer", "casting director", "production designer",
    "cinematographer", "costume designer", "composer", "director of the premiere episode",
    "head writer", "stunt coordinator", "location manager", "visual effects supervisor",
)
FAN_DESCRIPTIONS = (
    "a nurse from Leeds", "a retired teacher in Ohio", "a student in Manila",
    "a bus driver from Lyon", "a podcast host in Melbourne", "a software tester in Pune",
    "a florist from Porto", "a graduate student in Nairobi", "a barista in Santiago",
    "a paramedic from Cork", "a librarian in Winnipeg", "a tattoo artist in Bogota",
)


def vary(template: str, rng: random.Random) -> str:
    """Pick one option of every ``<a|b|c>`` group (groups do not nest)."""
    return _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), template)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def episode_title(rng: random.Random) -> str:
    nouns, adjectives = EPISODE_WORDS
    shape = rng.randrange(4)
    if shape == 0:
        return f"{rng.choice(adjectives)} {rng.choice(nouns)}"
    if shape == 1:
        return f"The {rng.choice(adjectives)} {rng.choice(nouns)}"
    if shape == 2:
        return f"{rng.choice(nouns)} of {rng.choice(adjectives)}"
    return f"What the {rng.choice(nouns)} Remember"


def invented_details(rng: random.Random) -> dict[str, object]:
    """Per-article specifics; keys are template placeholders."""
    first_names = rng.sample(FIRST_NAMES, 6)
    last_names = rng.sample(LAST_NAMES, 6)
    names = [f"{f} {l}" for f, l in zip(first_names, last_names)]
    jobs = rng.sample(JOBS, 3)
    city, city2 = rng.sample(CITIES, 2)
    return {
        "SR": names[0], "SR_LAST": last_names[0],            # showrunner
        "EXEC": names[1], "EXEC_LAST": last_names[1],        # platform executive
        "CREW": names[2], "CREW_LAST": last_names[2], "JOB": jobs[0],
        "CREW2": names[3], "JOB2": jobs[1],
        "CRITIC": names[4], "OUTLET": rng.choice(OUTLETS),
        "FAN": names[5].split()[0], "FAN_DESC": rng.choice(FAN_DESCRIPTIONS),
        "CITY": city, "CITY2": city2, "VENUE": rng.choice(VENUES), "FEST": rng.choice(FESTIVALS),
        "ET": episode_title(rng), "ET2": episode_title(rng),
        "DAYS": rng.randint(38, 160), "EXTRAS": rng.randint(2, 40) * 25, "SETS": rng.randint(9, 60),
        "BUDGET": rng.randint(4, 30), "MIN": rng.randint(41, 79), "PCT": rng.randint(12, 88),
        "HOURS": rng.randint(11, 240), "K": rng.randint(3, 19), "AGE": rng.randint(19, 71),
        "Y": rng.choice((2009, 2011, 2013, 2015, 2016, 2018, 2019, 2021)),
    }


# Word-level alternatives applied to English template text (never to the
# placeholder values, so names, titles, dates and windows stay exact).
# Keys are regular expressions matched on word boundaries, case-sensitively.
LEXICON_EN: dict[str, tuple[str, ...]] = {
    r"announced": ("announced", "confirmed", "revealed", "disclosed"),
    r"is expected to": ("is expected to", "is likely to", "is set to", "should"),
    r"are expected to": ("are expected to", "are likely to", "are set to", "should"),
    r"is said to": ("is said to", "is believed to", "is reported to"),
    r"are said to": ("are said to", "are believed to", "are reported to"),
    r"fans": ("fans", "viewers", "audiences", "devotees"),
    r"viewers": ("viewers", "audiences", "watchers"),
    r"the series(?!')": ("the series", "the show", "the drama"),
    r"the show(?!')": ("the show", "the series", "the programme"),
    r"quickly": ("quickly", "swiftly", "rapidly"),
    r"reports": ("reports", "accounts", "stories"),
    r"although": ("although", "though", "even though"),
    r"Filming": ("Filming", "Shooting", "Photography"),
    r"critics": ("critics", "reviewers", "commentators"),
    r"Critics": ("Critics", "Reviewers", "Commentators"),
    r"hints at": ("hints at", "suggests", "points to", "teases"),
    r"appears to be": ("appears to be", "seems to be", "looks like"),
    r"reportedly": ("reportedly", "apparently", "by some accounts"),
    r"according to": ("according to", "per", "citing"),
    r"declined to": ("declined to", "would not", "refused to"),
    r"the cast": ("the cast", "the ensemble"),
    r"scene": ("scene", "sequence", "moment"),
    r"strong": ("strong", "solid", "robust", "healthy"),
    r"highlight": ("highlight", "standout", "high point"),
    r"remains": ("remains", "stays", "is still"),
    r"begin": ("begin", "start", "get under way", "kick off"),
    r"several": ("several", "a number of", "multiple", "a handful of"),
    r"Several": ("Several", "A number of", "Multiple", "A handful of"),
    r"because(?! of)": ("because", "since", "as"),
    r"recent": ("recent", "latest", "most recent"),
    r"huge": ("huge", "enormous", "massive"),
    r"(?<!-)new(?!-)": ("new", "fresh"),
    r"plenty of": ("plenty of", "a lot of", "lots of", "no shortage of"),
    r"said(?! to)": ("said", "noted", "added", "explained"),
    r"so far": ("so far", "to date", "up to now"),
    r"finally": ("finally", "at last", "eventually"),
    r"nearly": ("nearly", "almost", "close to"),
    r"roughly": ("roughly", "about", "around", "approximately"),
    r"Early reviews": ("Early reviews", "First reviews", "Initial reviews"),
    r"praise": ("praise", "applaud", "commend"),
}
_LEXICON_RE = re.compile("|".join(f"(?<![\\w{{])(?:{key})(?![\\w}}])" for key in LEXICON_EN))
_LEXICON_KEYS = [re.compile(f"(?:{key})$") for key in LEXICON_EN]
_LEXICON_VALUES = list(LEXICON_EN.values())


def reword(template: str, rng: random.Random, rate: float = 0.75) -> str:
    """Swap lexicon words of an English template for synonyms (each with probability ``rate``)."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        for key, values in zip(_LEXICON_KEYS, _LEXICON_VALUES):
            if key.match(word):
                return rng.choice(values)
        return word
    return _LEXICON_RE.sub(swap, template)
