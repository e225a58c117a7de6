"""English storyline, multi-show, trap and non-show articles."""
from __future__ import annotations

import random
from datetime import datetime

from crawler.demo.clock import MONTHS
from crawler.demo.shows import SHOWS_BY_ID, Show
from crawler.demo.writer_en import Written, fill, pick_other, sentences, show_context
from crawler.demo import phrasebook_en as pb

WINDOW_TITLES: dict[str, tuple[str, ...]] = {
    "2026": ("{T} season {n} release date: {P} eyes a 2026 return",
             "When is {T} season {n} coming out? Everything points to 2026"),
    "late 2026": ("{T} season {n} now looking like a late 2026 release",
                  "{T} season {n} pushed toward late 2026, reports say"),
    "early August 2026": ("{T} season {n}: early August 2026 date circulating",
                          "Is {T} season {n} coming in early August 2026? What we know"),
    "early 2027": ("{T} season {n} may slip into early 2027",
                   "{T} season {n} delay? Release could slide into early 2027"),
    "official": ("{T} season {n} finally gets a premiere date: {OFFICIAL}",
                 "It's official: {T} season {n} premieres {OFFICIAL} on {P}"),
}
WINDOW_LINES: dict[str, tuple[str, ...]] = {
    "2026": ("{P} is said to be targeting a 2026 release for season {n}, though no date has been set.",
             "Industry chatter points to a 2026 launch, with post-production expected to take months."),
    "late 2026": ("The latest reports point to a late 2026 debut for season {n}.",
                  "A late 2026 window now looks likely, as visual effects work continues."),
    "early August 2026": ("Early August 2026 is circulating as a tentative window in some outlets.",
                          "Several reports have floated early August 2026, though {P} has not confirmed it."),
    "early 2027": ("Some insiders now suggest the season may slip into early 2027.",
                   "Editing and marketing plans could push the release into early 2027, people close to the show say."),
    "official": ("{P} confirmed that season {n} premieres on {OFFICIAL}, ending months of speculation.",
                 "The official date is {OFFICIAL}, {P} announced, after earlier reports had pointed to 2026."),
}
PAST_RUMOURS = (
    "Earlier this year, most reports pointed to a 2026 release.",
    "At one point a late 2026 launch looked certain.",
    "Talk of an early August 2026 premiere never came from {P} itself.",
)

ROUNDUP_TITLES = (
    "{K} shows to watch this {MONTH}: {T1}, {T2} and more",
    "What to stream this weekend: {T1}, {T2} and {T3}",
    "The week in TV: {T1} and {T2} lead the conversation",
    "Fall TV preview: {T1}, {T2} and {T3} headline a packed season",
    "Streaming power rankings: {T1} climbs, {T2} holds steady",
)
ROUNDUP_LINES = (
    "{T} remains a safe bet: the {G} follows {PR}.",
    "On {P}, {T} keeps building momentum as season {n} takes shape.",
    "{T} is the pick for anyone who likes a {G} with real stakes.",
    "If you missed it, {T} is built around {PR}.",
    "{T} earns its spot thanks to {C1}, still one of the best characters on {P}.",
)

TRAPS: dict[str, tuple[str, tuple[str, ...], str]] = {
    # key -> (title, paragraphs, section)
    "moving": ("Moving day: how a family-run prop house relocated 40 years of film history", (
        "Moving a prop warehouse is nothing like moving house. For the owners of a family-run rental firm outside Atlanta, it meant packing 40 years of film history into 60 trucks.",
        "The move took eleven weeks. Crews wrapped chandeliers, vintage telephones and a life-size fibreglass horse, then labelled every crate by decade.",
        "'It was a moving experience, honestly,' said the founder's granddaughter, who now runs the business. 'Every box had a story.'",
        "The new building has room for a small museum, and the firm plans to open it to school groups next spring.",
        "Local productions are already booking pieces from the new space, which is closer to the studio district.",
    ), "film"),
    "the-bear": ("Film crew halts shoot after a black bear wanders onto set", (
        "Production on an independent thriller paused for most of a day after a black bear wandered onto the set in the mountains of British Columbia.",
        "The bear was first spotted near the catering tent, crew members said. Wildlife officers arrived within the hour and guided the animal back into the forest.",
        "'The bear was more interested in the sandwiches than in us,' one of the grips joked.",
        "Nobody was hurt, and the production resumed the following morning with extra safety staff on site.",
        "Encounters like this are rare but not unheard of for crews shooting in remote locations.",
    ), "film"),
    "wednesday": ("Box office: Wednesday previews lift a crowded holiday weekend", (
        "Wednesday previews gave the holiday frame an early boost, with three new releases opening a day ahead of the long weekend.",
        "The family adventure led the pack with strong Wednesday numbers, while a horror sequel held up better than expected.",
        "Exhibitors say opening on a Wednesday lets films collect five days of grosses before the first weekend report.",
        "By Sunday, the top ten had earned more than the same frame last year.",
        "Next Wednesday brings another wave of releases, including a long-delayed musical.",
    ), "film"),
    "squid-game": ("Indie studio's 'Squid Game' fishing sim is a surprise hit with anglers", (
        "A tiny studio in Maine has an unexpected success on its hands: Squid Game, a relaxing fishing simulator about night-time squid jigging, sold out its first run of physical copies.",
        "The video game has nothing to do with television. Players pilot a small boat, hang lamps over the water and try to fill their cooler before dawn.",
        "'We named it after what the local fishermen call the autumn season,' the lead designer said. 'We didn't think anyone outside the harbour would play it.'",
        "The studio is now working on a winter update with new boats and weather.",
        "Reviewers have praised its soundtrack, recorded on a real fishing trawler.",
    ), "games"),
    "severance": ("Studio layoffs: hundreds offered severance as streaming unit restructures", (
        "A major studio is cutting hundreds of jobs in its streaming division, with affected staff offered severance packages and extended health cover.",
        "The restructuring merges two marketing teams and closes a regional office, according to an internal memo.",
        "Severance terms vary by seniority, the memo said, with a minimum of twelve weeks' pay.",
        "Unions have asked for talks, arguing that the cuts fall hardest on junior staff.",
        "The company says it will keep investing in original programming despite the reductions.",
    ), "business"),
    "the-boys": ("The boys are back: '90s boy band announces reunion tour", (
        "The boys are back in town. A chart-topping '90s boy band has announced a 30-date reunion tour, its first in almost two decades.",
        "The group will play arenas across North America and Europe, with a new single arriving the week tickets go on sale.",
        "'We were boys when we started,' the band's lead singer said. 'Now we have kids who think our old videos are hilarious.'",
        "Pre-sale codes went to fan-club members first, and several dates sold out within minutes.",
        "A documentary crew will follow the band on the road.",
    ), "music"),
}

INDUSTRY_EXTRA = (
    "Studios have spent the year testing new release windows, and the results have been mixed.",
    "Audience surveys suggest that younger viewers are returning to cinemas for event releases.",
    "Several industry newsletters picked up the story within hours.",
    "Trade groups expect the trend to continue into next year, pointing to a crowded calendar.",
    "Local officials welcomed the attention, saying productions bring hundreds of jobs to the region.",
    "Representatives for the companies involved declined to comment on the figures.",
    "The numbers will be revised once final data comes in on Monday.",
    "Social media reaction was swift, with clips of the announcement shared widely.",
)

FILMS = ("Harbor of Glass", "The Ninth Lantern", "Quiet Engines", "Northbound", "Saltwater Kings",
         "The Paper Orchard", "Midnight Cartographers", "A Field of Lanterns")
ARTISTS = ("Velvet Tides", "Juno Marlowe", "Neon Atlas", "The Amber Years", "Kestrel Lane", "STELLAR9")


def compose_window_article(show: Show, window: str, official: str, rng: random.Random,
                           published: datetime) -> Written:
    """A release-window storyline beat (rumoured window or official date)."""
    ctx = show_context(show, rng, published, pick_other(rng, {show.id}))
    ctx["OFFICIAL"] = official
    title = fill(rng.choice(WINDOW_TITLES[window]), ctx)
    paragraphs = [
        fill(rng.choice(WINDOW_LINES[window]), ctx) + " " + fill(rng.choice(pb.BACKGROUND[:2]), ctx),
        " ".join(sentences(rng, tuple(t for t in pb.DETAIL["explainer"] if "{PR}" not in t), 2, ctx)),
        " ".join(sentences(rng, pb.DETAIL["renewal"], 2, ctx)),
    ]
    if window in ("early 2027", "official"):
        paragraphs.append(" ".join(fill(t, ctx) for t in rng.sample(PAST_RUMOURS, 2)))
    paragraphs.append(fill(rng.choice(WINDOW_LINES[window][::-1]), ctx) + " "
                      + fill(rng.choice(pb.CONTEXT), ctx))
    paragraphs.append(fill(rng.choice(pb.CLOSING), ctx))
    text = " ".join(paragraphs)
    claim = {"show_id": show.id, "season": show.next_season,
             "window": window if window != "official" else official,
             "status": "official" if window == "official" else "rumoured"}
    other_id = ctx_other(ctx)
    mentions = (other_id,) if other_id and SHOWS_BY_ID[other_id].title in text else ()
    return Written(title, tuple(paragraphs), paragraphs[0].split(". ")[0] + ".", "tv",
                   (show.title, f"{show.title} season {show.next_season}", "release date"),
                   mentions, {"release_claim": claim, "ctx": ctx})


def ctx_other(ctx: dict) -> str:
    title = ctx.get("OTHER")
    return next((s.id for s in SHOWS_BY_ID.values() if s.title == title), "")


def compose_roundup(shows: list[Show], rng: random.Random, published: datetime) -> Written:
    titles = {f"T{i + 1}": s.title for i, s in enumerate(shows)}
    head_ctx = {**titles, "K": len(shows) + rng.randint(2, 6), "MONTH": MONTHS[published.month - 1]}
    templates = [t for t in ROUNDUP_TITLES if "{T3}" not in t or len(shows) >= 3]
    title = fill(rng.choice(templates), head_ctx)
    paragraphs = [rng.choice((
        "There is a lot on the schedule this month, so here is where to start.",
        "Our critics picked the series worth your time right now.",
        "Between big returns and quiet gems, the list below covers the week's essentials.",
    ))]
    for show in shows:
        ctx = show_context(show, rng, published, show)
        paragraphs.append(" ".join(fill(t, ctx) for t in rng.sample(ROUNDUP_LINES, 2)))
    paragraphs.append("Tell us what you are watching, and check back next week for more picks.")
    keywords = tuple(s.title for s in shows) + ("what to watch",)
    return Written(title, tuple(paragraphs), paragraphs[0], "features", keywords)


def compose_trap(key: str) -> Written:
    title, paragraphs, section = TRAPS[key]
    rng = random.Random(f"trap:{key}")
    paragraphs = paragraphs + (" ".join(rng.sample(INDUSTRY_EXTRA, 3)),)
    return Written(title, paragraphs, paragraphs[0].split(". ")[0] + ".", section, (section,))


def compose_film(rng: random.Random, published: datetime) -> Written:
    film, rival = rng.sample(FILMS, 2)
    gross = rng.randint(12, 140)
    city = rng.choice(pb.FILL["CITY"])
    title = rng.choice((f"Box office: '{film}' opens with ${gross} million",
                        f"'{film}' tops the weekend box office, edging out '{rival}'",
                        f"Review: '{film}' is {rng.choice(pb.FILL['V'])}"))
    core = [
        f"'{film}' arrived in theaters this weekend and collected an estimated ${gross} million domestically.",
        f"That was enough to edge out '{rival}', which slipped after two weeks on top.",
        f"The film, shot largely in {city}, drew a younger audience than its studio expected.",
        "Strong word of mouth could help it hold well next weekend, analysts said.",
        f"Overseas, the release added another ${rng.randint(5, 90)} million from {rng.randint(20, 60)} markets.",
        f"Premium large-format screens accounted for roughly {rng.randint(15, 40)} percent of the total.",
        f"Critics have been kinder to '{film}' than to its director's previous outing.",
        f"'{rival}' has now passed ${rng.randint(150, 400)} million worldwide.",
        "Exit polls gave the film an A-minus, a grade that usually signals a long run.",
    ]
    paragraphs = [" ".join(rng.sample(core, 2)) for _ in range(3)]
    paragraphs.append(" ".join(rng.sample(INDUSTRY_EXTRA, 3)))
    return Written(title, tuple(paragraphs), paragraphs[0], "film", ("box office", film))


def compose_music(rng: random.Random, published: datetime) -> Written:
    artist = rng.choice(ARTISTS)
    month = MONTHS[(published.month + 1) % 12]
    city = rng.choice(pb.FILL["CITY"])
    title = rng.choice((f"{artist} announces new album and {month} tour dates",
                        f"{artist} returns with a surprise single",
                        f"Festival lineup: {artist} to headline the closing night"))
    core = [
        f"{artist} has new music on the way, the act announced on social media.",
        f"The record, due in {month}, was written over two years and recorded in {city}.",
        f"A lead single arrives this week, and a short run of club shows will follow, {rng.choice(pb.FILL['SRC'])} said.",
        "Tickets go on sale to fan-club members first, followed by a general sale.",
        "The announcement ends a long break after the act's last world tour.",
        f"The festival expects about {rng.randint(20, 90)} thousand visitors across three days.",
        "A string section and a gospel choir feature on several of the new songs.",
        f"The first show takes place in {city}, with a livestream planned for fans abroad.",
        "Early reviews of the single praise its stripped-back production.",
    ]
    paragraphs = [" ".join(rng.sample(core, 2)) for _ in range(3)]
    paragraphs.append(" ".join(rng.sample(INDUSTRY_EXTRA, 3)))
    return Written(title, tuple(paragraphs), paragraphs[0], "music", ("music", artist))


def rewrite_window(written: Written, show: Show, rng: random.Random) -> Written:
    """Near-duplicate of a storyline beat: other headline, new first paragraph."""
    ctx = dict(written.extra.get("ctx") or {})
    window = (written.extra.get("release_claim") or {}).get("window", "2026")
    window = window if window in WINDOW_TITLES else "official"
    titles = [t for t in WINDOW_TITLES[window] if fill(t, ctx) != written.title]
    title = fill(rng.choice(titles or list(WINDOW_TITLES[window])), ctx)
    intro = (f"Fans of {show.title} may be waiting a little longer than hoped. "
             + fill(WINDOW_LINES[window][-1], ctx)
             + " The news was first reported by our colleagues at ScreenWire.")
    return Written(title, (intro,) + written.paragraphs[1:], intro.split(". ")[0] + ".",
                   written.section, written.keywords, written.mentions, dict(written.extra))
