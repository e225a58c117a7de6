"""Compose English single-show articles from the phrasebooks.

Each article draws its own sentences (with ``<a|b>`` alternatives expanded
per use), its own invented people, places and numbers, a paragraph count and
order of its own, and the site's way of opening and closing a story.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crawler.demo import phrasebook_en as pb
from crawler.demo import phrasebook_en_body as body
from crawler.demo.clock import MONTHS, long_date
from crawler.demo.shows import SHOWS, Show, actors_for
from crawler.demo.variety import invented_details, reword, vary

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SECTION_BY_KIND = {"review": "reviews", "recap": "recaps", "interview": "interviews",
                   "ratings": "ratings", "explainer": "features"}
MIN_WORDS = 130
NEWS_KINDS = ("renewal", "casting", "trailer", "premiere_date", "ratings")
# Discourse markers sometimes put in front of a body sentence.
MARKERS = ("Meanwhile,", "Notably,", "For context,", "On top of that,", "As it happens,", "Still,",
           "Separately,", "By most accounts,", "For what it is worth,", "Worth noting:", "Elsewhere,",
           "In other words,", "Crucially,", "Interestingly,", "Behind the scenes,")
_PLAIN_STARTS = {"The", "A", "An", "It", "There", "This", "That", "Its", "Some", "Several", "No",
                 "One", "All", "Writers", "Fans", "Viewers", "Early", "Production", "Filming",
                 "Shooting", "Details", "Returning", "Representatives", "Critics", "Analysts",
                 "Industry", "Online", "Long", "Rival", "Streamers", "Total", "Search", "Searches",
                 "Next", "Post-production", "Visual", "Principal", "Tickets", "Premium", "Exit",
                 "Strong", "Overseas", "Studios", "Audience", "Trade", "Social", "Subtitles"}


@dataclass(frozen=True)
class Written:
    title: str
    paragraphs: tuple[str, ...]
    description: str
    section: str
    keywords: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()          # shows named only in passing
    extra: dict = field(default_factory=dict)  # e.g. {"release_claim": {...}, "ctx": {...}}


class SafeDict(dict):
    """format_map helper that fails loudly on a placeholder without a value."""

    def __missing__(self, key: str) -> str:
        raise KeyError(f"template placeholder {{{key}}} has no value")


def fill(template: str, ctx: dict[str, object], rng: random.Random | None = None) -> str:
    """Expand ``<a|b>`` alternatives (when ``rng`` is given), then placeholders."""
    if rng is not None:
        template = reword(vary(template, rng), rng)
    text = " ".join(template.format_map(SafeDict(ctx)).split())
    start = 1 if text[:1] == "'" else 0
    return text[:start] + text[start:start + 1].upper() + text[start + 1:]


def pick_other(rng: random.Random, exclude: set[str]) -> Show:
    # "Wednesday", "Moving", "The Bear" and "The Boys" are kept out of passing
    # comparisons so that their title words appear only where the ground truth says so.
    pool = [s for s in SHOWS if s.id not in exclude
            and s.id not in {"wednesday", "moving", "the-bear", "the-boys"}]
    return rng.choice(pool)


def show_context(show: Show, rng: random.Random, published: datetime,
                 other: Show) -> dict[str, object]:
    actors = rng.sample(actors_for(show), 2)
    month = MONTHS[(published.month + rng.randint(1, 4) - 1) % 12]
    premiere = (published + timedelta(days=rng.randint(35, 140))).replace(hour=12)
    ctx: dict[str, object] = {
        "T": show.title, "P": show.platform, "G": show.genre, "PR": show.premise,
        "C1": show.characters[0], "C2": show.characters[1], "C3": show.characters[2],
        "n": show.next_season, "x": show.next_season - 1, "A": actors[0], "A2": actors[1],
        "MONTH": month, "DATE": long_date(premiere), "X": f"{rng.randint(8, 95)}.{rng.randint(1, 9)}",
        "E": rng.randint(2, 8), "N": rng.choice((6, 7, 8, 9, 10)), "W": rng.randint(2, 9),
        "SCORE": rng.randint(5, 9), "OTHER": other.title,
        "WEEKDAY_LC": WEEKDAYS[published.weekday()] if published.weekday() != 2 else "Tuesday",
    }
    ctx["WTH"] = ordinal(int(ctx["W"]))
    for key, values in pb.FILL.items():
        ctx[key] = rng.choice(values)
    ctx.update(invented_details(rng))
    return ctx


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def sentences(rng: random.Random, pool: tuple[str, ...], count: int, ctx: dict) -> list[str]:
    return [fill(t, ctx, rng) for t in rng.sample(pool, min(count, len(pool)))]


def site_intro(site: str, kind: str, ctx: dict, rng: random.Random) -> str:
    """The first sentence(s): the site's lead-in (often none) plus a kind intro."""
    lead = fill(rng.choice(pb.SITE_LEADS.get(site, ("",))), ctx, rng)
    return " ".join(part for part in (lead, fill(rng.choice(pb.INTRO[kind]), ctx, rng)) if part)


def with_marker(sentence: str, rng: random.Random, rate: float = 0.3) -> str:
    """Sometimes prefix a discourse marker ("Meanwhile, the ...")."""
    first = sentence.split(" ", 1)[0]
    if rng.random() >= rate or first not in _PLAIN_STARTS:
        return sentence
    return f"{rng.choice(MARKERS)} {sentence[0].lower()}{sentence[1:]}"


def chunk(items: list[str], rng: random.Random) -> list[str]:
    """Group sentences into paragraphs of one to three sentences."""
    paragraphs: list[str] = []
    while items:
        size = min(len(items), rng.choice((1, 2, 2, 3)))
        paragraphs.append(" ".join(items[:size]))
        items = items[size:]
    return paragraphs


def arrange(intro: str, blocks: list[list[str]], reserve: list[str], closing: str,
            rng: random.Random) -> list[str]:
    """Intro first, shuffled blocks of sentences, closing last; long enough to count."""
    rng.shuffle(blocks)
    middle = [s for block in blocks for s in block]
    while len(" ".join([intro, *middle, closing]).split()) < MIN_WORDS and reserve:
        middle.insert(rng.randrange(len(middle) + 1), reserve.pop())
    middle = [with_marker(s, rng) for s in middle]
    return [intro, *chunk(middle, rng), closing]


def compose_show_article(show: Show, kind: str, rng: random.Random, published: datetime,
                         site: str = "demo-screenwire") -> Written:
    """A single-show news piece of one of the phrasebook kinds, in the site's voice."""
    other = pick_other(rng, {show.id})
    ctx = show_context(show, rng, published, other)
    title = fill(rng.choice(pb.TITLES[kind]), ctx, rng)
    details = sentences(rng, body.DETAIL[kind], len(body.DETAIL[kind]), ctx)
    used = rng.randint(4, 7)
    intro = site_intro(site, kind, ctx, rng)
    if rng.random() < 0.5:
        intro += " " + details.pop()
    blocks = [details[:used // 2], details[used // 2:used],
              sentences(rng, body.BACKGROUND, rng.randint(1, 2), ctx)]
    if rng.random() < 0.8:
        blocks.append(sentences(rng, body.QUOTE, rng.randint(1, 2), ctx))
    if kind in NEWS_KINDS and rng.random() < 0.6:
        blocks.append(sentences(rng, body.CONTEXT, 1, ctx))
    signoffs = pb.SITE_SIGNOFFS.get(site, ()) + body.CLOSING
    closing = fill(rng.choice(signoffs), ctx, rng)
    paragraphs = arrange(intro, [b for b in blocks if b], details[used:], closing, rng)
    text = " ".join([title, *paragraphs])
    mentions = (other.id,) if other.title in text else ()
    description = paragraphs[0].split(". ")[0].rstrip(".") + "."
    keywords = (show.title, f"{show.title} season {show.next_season}", show.platform, kind)
    return Written(title, tuple(paragraphs), description,
                   SECTION_BY_KIND.get(kind, "tv"), keywords, mentions, {"ctx": ctx})


REWRITE_CREDITS = (
    "The news was first reported by our colleagues at ScreenWire.",
    "<ScreenWire|Our partners at ScreenWire> <broke|first reported> the <story|news>.",
    "<This report is based on|TV Gazette's account draws on> reporting by ScreenWire.",
)


def rewrite_intro(written: Written, show: Show, kind: str, rng: random.Random,
                  published: datetime) -> Written:
    """A near-duplicate: new headline and new first paragraph, rest unchanged."""
    ctx = written.extra.get("ctx") or show_context(show, rng, published,
                                                   pick_other(rng, {show.id}))
    title, intro = written.title, written.paragraphs[0]
    for _ in range(20):
        if title == written.title:
            title = fill(rng.choice(pb.TITLES[kind]), ctx, rng)
        if intro == written.paragraphs[0]:
            intro = " ".join([site_intro("demo-tvgazette", kind, ctx, rng),
                              fill(rng.choice(REWRITE_CREDITS), ctx, rng)])
    if title == written.title or intro == written.paragraphs[0]:
        raise RuntimeError(f"could not rewrite {written.title!r}")
    return Written(title, (intro,) + written.paragraphs[1:], intro.split(". ")[0] + ".",
                   written.section, written.keywords, written.mentions, dict(written.extra))
