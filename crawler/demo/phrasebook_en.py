"""English sentence pools for single-show articles, keyed by article kind.

Placeholders (filled by ``writer_en``): {T} title, {P} platform, {G} genre,
{PR} premise, {C1} {C2} {C3} characters, {n} season, {A} {A2} actors,
{R} role, {MONTH} a month name, {DATE} a premiere date, {X} a number,
{E} episode number, {ET} episode title, {CITY} a filming city, {SRC} a
sourcing phrase, {V} a review verdict, {H} a trailer hook, {OTHER} another
show, {N} episode count, {W} weeks, {SCORE} a review score.
"""
from __future__ import annotations

TITLES: dict[str, tuple[str, ...]] = {
    "renewal": (
        "{T} renewed for season {n} at {P}",
        "{P} orders season {n} of {T}",
        "It's official: {T} is coming back for season {n}",
        "{T} season {n} confirmed as {P} doubles down on its {G}",
        "{T} gets the green light for a season {n}",
        "{P} brings back {T} for season {n} after record run",
    ),
    "casting": (
        "{A} joins {T} season {n} as {R}",
        "{T} season {n} adds {A} in a mystery role",
        "{T} casts {A} and {A2} for season {n}",
        "Exclusive: {A} boards {T} as {R}",
        "{A} set to play {R} in {T}",
    ),
    "trailer": (
        "{T} season {n} trailer teases {H}",
        "Watch: first look at {T} season {n} shows {H}",
        "New {T} teaser promises {H}",
        "{T} season {n} trailer is here, and it is all about {H}",
    ),
    "premiere_date": (
        "{T} season {n} sets {DATE} premiere on {P}",
        "{T} returns {DATE}: everything to know about season {n}",
        "{P} dates {T} season {n} for {DATE}",
        "Mark your calendars: {T} season {n} arrives {DATE}",
    ),
    "review": (
        "{T} season {n} review: {V}",
        "Review: {T} {V}",
        "'{T}' season {n} is {V}, our review says",
        "{T} season {n}: {V} ({SCORE}/10)",
    ),
    "recap": (
        "{T} season {n}, episode {E} recap: {ET}",
        "'{T}' recap: '{ET}' changes everything for {C1}",
        "{T} episode {E} recap — {ET}",
        "{T} recap: {C1} and {C2} face '{ET}'",
    ),
    "ratings": (
        "{T} tops {P} charts with {X} million views",
        "Streaming ratings: {T} leads a crowded week with {X} million hours",
        "{T} season {n} opens to {X} million views in its first {W} days",
        "{T} holds the top spot on {P} for a {W}th straight week",
    ),
    "interview": (
        "{A} on {T}: 'We wanted {C1} to feel {ADJ}'",
        "Inside {T}: {A} talks season {n} and {C1}'s big choice",
        "{A} opens up about playing {R} in {T}",
        "Q&A: {A} says {T} season {n} will feel {ADJ}",
    ),
    "explainer": (
        "{T} ending explained: what happened to {C1}?",
        "Who is {C2}? The {T} character explained",
        "{T} timeline explained before season {n}",
        "How to watch {T} in order, and what to remember before season {n}",
        "{T} season {n}: everything we know so far",
    ),
}

INTRO: dict[str, tuple[str, ...]] = {
    "renewal": (
        "{P} has renewed {T} for a season {n}, confirming on {WEEKDAY_LC} that the {G} will return.",
        "The wait is over for fans of {T}: {P} has officially ordered season {n}.",
        "{T} is not going anywhere. {P} announced that the series has been renewed for season {n}.",
        "After weeks of speculation, {P} has handed {T} a season {n} renewal.",
    ),
    "casting": (
        "{T} has found {R}. {A} has joined the cast of season {n}, {SRC} confirmed.",
        "{A} is the latest addition to {T}, signing on for season {n} in a role described as {R}.",
        "Casting news for {T}: {A} will appear in season {n}, playing {R}.",
        "The cast of {T} keeps growing, with {A} now set for a key part in season {n}.",
    ),
    "trailer": (
        "{P} has released the first full trailer for {T} season {n}, and it leans hard into {H}.",
        "The new {T} trailer runs just over two minutes and teases {H}.",
        "A fresh look at {T} season {n} arrived online, offering glimpses of {H}.",
        "Fans finally have footage: the season {n} trailer for {T} dropped, promising {H}.",
    ),
    "premiere_date": (
        "{T} season {n} will premiere on {DATE}, {P} announced.",
        "{P} has set {DATE} as the premiere date for season {n} of {T}.",
        "Season {n} of {T} now has a firm date: {DATE}.",
    ),
    "review": (
        "Season {n} of {T} is {V}. That is the short version of a long, strange ride.",
        "{T} returns for season {n}, and the result is {V}.",
        "Going into season {n}, {T} had a lot to prove. The verdict: {V}.",
    ),
    "recap": (
        "Episode {E} of {T}, titled '{ET}', puts {C1} in an impossible position.",
        "'{ET}' is the episode of {T} season {n} that fans will be arguing about all week.",
        "This week's {T}, '{ET}', opens quietly before tipping into chaos for {C1} and {C2}.",
    ),
    "ratings": (
        "{T} was the most-watched series on {P} last week, logging {X} million views.",
        "The numbers are in, and {T} dominated the streaming charts with {X} million views.",
        "{T} racked up {X} million views in its first {W} days, according to {P}.",
    ),
    "interview": (
        "{A}, who plays {R} in {T}, sat down with us ahead of season {n}.",
        "For {A}, joining {T} meant rethinking everything about {R}.",
        "We spoke with {A} about {T}, season {n} and what comes next for {C1}.",
    ),
    "explainer": (
        "{T} left plenty of questions unanswered, so here is a guide to where things stand.",
        "With season {n} of {T} on the horizon, it is a good moment to catch up.",
        "If you have lost track of {T}, this explainer covers what you need before season {n}.",
    ),
}

DETAIL: dict[str, tuple[str, ...]] = {
    "renewal": (
        "The renewal comes {W} weeks after season {x} finished its run.",
        "Production is expected to begin in {CITY} in {MONTH}, {SRC} said.",
        "No episode count has been announced, although the previous season ran {N} episodes.",
        "The core cast, including the actors behind {C1} and {C2}, is expected to return.",
        "Executives pointed to strong completion rates as a reason for the quick decision.",
        "Writers have reportedly been in the room since {MONTH}, mapping out the new arc.",
        "The order is for a full season rather than a shortened farewell run.",
        "Early outlines are said to pick up shortly after the events of the last finale.",
    ),
    "casting": (
        "Details about {R} are being kept under wraps, but the character is said to cross paths with {C1}.",
        "{A} previously earned praise for a string of stage roles and a breakout film turn.",
        "Filming on season {n} is under way in {CITY}, {SRC} said.",
        "{A2} has also been cast in a recurring role, according to the same report.",
        "Returning cast members are expected to include the actors who play {C1} and {C2}.",
        "The role is described as a recurring part that could grow later in the season.",
        "Representatives for {A} did not respond to a request for comment.",
    ),
    "trailer": (
        "The footage shows {C1} facing off with {C2} in what looks like a pivotal confrontation.",
        "A brief shot near the end hints at the return of a familiar face.",
        "Sharp-eyed viewers have already spotted what appears to be a new location in {CITY}.",
        "The score, built around a slowed-down version of the main theme, sets an ominous tone.",
        "There is no release date in the trailer, only a promise of '{MONTH}'.",
        "The trailer crossed {X} million views within its first day online.",
        "Several scenes seem to pick up directly from the last season's cliffhanger.",
    ),
    "premiere_date": (
        "All {N} episodes will be released at once, {P} said.",
        "The season will roll out weekly, with the finale landing {W} weeks after the premiere.",
        "The date was revealed alongside a short teaser featuring {C1}.",
        "Production wrapped in {CITY} earlier in the year, {SRC} said.",
        "It will be the first new {T} episodes in more than a year.",
        "A launch event for press and fans is planned for the week before the premiere.",
    ),
    "review": (
        "The early episodes are patient, maybe too patient, but they pay off.",
        "{C1} gets the richest material, and the performance rises to meet it.",
        "Where the season stumbles is in its middle stretch, which repeats beats from earlier runs.",
        "The production design remains a highlight, especially the scenes in {CITY}.",
        "The writing trusts the audience, leaving key moments unexplained.",
        "A subplot involving {C2} feels like filler until a late twist reframes it.",
        "By the finale, the {G} finds the balance that made it a hit in the first place.",
    ),
    "recap": (
        "The cold open jumps back in time, filling in a gap in {C2}'s history.",
        "Midway through, a quiet conversation between {C1} and {C3} becomes the emotional center.",
        "The final scene is a gut punch, and it leaves {C1} with nowhere to run.",
        "A throwaway line early on turns out to matter a great deal by the end.",
        "The episode runs {X} minutes, one of the longest of the season.",
        "{C2} makes a choice that seems certain to come back to haunt everyone.",
    ),
    "ratings": (
        "That puts it ahead of {OTHER}, which slipped to second place.",
        "Viewing was strongest in South Korea, Brazil and the United States.",
        "The figure counts total hours watched divided by the season's runtime.",
        "It is the show's best opening week since its debut season.",
        "Analysts say the numbers justify the long wait between seasons.",
        "The series also appeared in the top ten in {X} countries.",
    ),
    "interview": (
        "'The scripts surprised me every time,' {A} said. 'I kept calling the writers to ask if they were sure.'",
        "{A} described the set in {CITY} as 'freezing, muddy and completely worth it.'",
        "Asked about {C1}, {A} laughed. 'I can't say anything, or they'll fire me.'",
        "'We shot the biggest scene in one long night,' {A} recalled.",
        "{A} said the cast spent weeks rehearsing before cameras rolled.",
        "'What I love about {T} is that nobody is purely good or bad,' {A} said.",
    ),
    "explainer": (
        "At the end of the last season, {C1} was left facing the consequences of a single choice.",
        "{C2} remains the biggest mystery, with motives that the show has only hinted at.",
        "The series follows {PR}.",
        "The last season ran {N} episodes and ended on a cliffhanger.",
        "Season {n} is expected to widen the story beyond its original setting.",
        "Fan theories point to a time jump, although nothing has been confirmed.",
        "The creators have said they know how the story ends.",
    ),
}

BACKGROUND: tuple[str, ...] = (
    "{T} follows {PR}.",
    "For newcomers, the {G} centers on {PR}.",
    "The show became one of {P}'s signature series soon after it launched.",
    "Critics and audiences have embraced the series, and its characters have become fixtures of online fandom.",
    "{C1} and {C2} remain at the heart of the story.",
    "Its mix of genre thrills and character drama has drawn comparisons to {OTHER}.",
    "The previous season ended with several threads left deliberately open.",
    "The series has picked up a string of awards nominations along the way.",
)

QUOTE: tuple[str, ...] = (
    "'We are thrilled to keep telling this story,' a {P} spokesperson said in a statement.",
    "'The fans have been incredibly patient, and we think the wait will be worth it,' {SRC} said.",
    "'This season goes places we have never gone before,' the showrunner said at a recent panel.",
    "'There is a lot more story to tell,' one of the producers said.",
    "A {P} representative declined to share further details.",
)

CONTEXT: tuple[str, ...] = (
    "Streamers have become more cautious about renewals, which makes the news notable.",
    "The announcement lands during a busy stretch for {P}, which has several big returns lined up.",
    "Online, fans reacted quickly, with the show's name trending within the hour.",
    "Long gaps between seasons have become common for big-budget streaming series.",
    "Industry watchers see the show as a key part of {P}'s strategy for the year.",
    "Rival platforms have been scrambling to find their own version of the hit.",
)

CLOSING: tuple[str, ...] = (
    "We will update this story as more details are announced.",
    "Stay tuned for more news on {T} as it develops.",
    "Previous seasons of {T} are streaming now on {P}.",
    "For now, fans will have to make do with rewatches.",
    "More information is expected in the coming months.",
)

FILL: dict[str, tuple[str, ...]] = {
    "R": ("a reclusive scientist", "a rival strategist", "a charming newcomer", "a former ally",
          "an enigmatic mentor", "a ruthless investigator", "a long-lost sibling", "a corporate fixer"),
    "H": ("a darker chapter", "a long-awaited reunion", "a deadly new rule", "an unlikely alliance",
          "a betrayal nobody saw coming", "a brand-new setting", "a race against time"),
    "V": ("a confident return to form", "messy but often thrilling", "its most ambitious season yet",
          "a slow burn that pays off", "uneven, yet impossible to stop watching",
          "a triumph for its cast", "bigger, louder and a little emptier"),
    "CITY": ("Seoul", "Atlanta", "Belfast", "Vancouver", "Madrid", "London", "Tokyo", "Budapest",
             "Chicago", "Prague", "Busan", "Sicily"),
    "SRC": ("a person familiar with the production", "a source close to the show",
            "two people with knowledge of the plans", "the studio", "an insider"),
    "ADJ": ("more human", "dangerous again", "completely unpredictable", "lonely", "honest"),
    "ET": ("The Long Night Shift", "Glass Corridors", "What the River Keeps", "Open Doors",
           "The Quiet Part", "Borrowed Time", "Ashes and Salt", "A Room Without Windows",
           "Small Mercies", "The Last Bell", "Under the Floor", "Paper Crowns"),
}
