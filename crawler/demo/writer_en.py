"""Compose English single-show articles from the phrasebook."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crawler.demo import phrasebook_en as pb
from crawler.demo.clock import MONTHS, long_date
from crawler.demo.shows import SHOWS, Show, actors_for

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SECTION_BY_KIND = {"review": "reviews", "recap": "recaps", "interview": "interviews",
                   "ratings": "ratings", "explainer": "features"}


@dataclass(frozen=True)
class Written:
    title: str
    paragraphs: tuple[str, ...]
    description: str
    section: str
    keywords: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()          # shows named only in passing
    extra: dict = field(default_factory=dict)  # e.g. {"release_claim": {...}}


class SafeDict(dict):
    """format_map helper that leaves unknown placeholders visible (a bug signal)."""

    def __missing__(self, key: str) -> str:
        raise KeyError(f"template placeholder {{{key}}} has no value")


def fill(template: str, ctx: dict[str, object]) -> str:
    text = template.format_map(SafeDict(ctx))
    return text[0].upper() + text[1:] if text else text


def pick_other(rng: random.Random, exclude: set[str]) -> Show:
    # "Wednesday", "Moving" and "The Bear" are kept out of passing comparisons so
    # that their title words appear only where the ground truth says so.
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
    for key, values in pb.FILL.items():
        ctx[key] = rng.choice(values)
    return ctx


def sentences(rng: random.Random, pool: tuple[str, ...], count: int, ctx: dict) -> list[str]:
    return [fill(t, ctx) for t in rng.sample(pool, min(count, len(pool)))]


def compose_show_article(show: Show, kind: str, rng: random.Random,
                         published: datetime) -> Written:
    """A single-show news piece of one of the phrasebook kinds."""
    other = pick_other(rng, {show.id})
    ctx = show_context(show, rng, published, other)
    title = fill(rng.choice(pb.TITLES[kind]), ctx)
    details = sentences(rng, pb.DETAIL[kind], 6, ctx)
    paragraphs = [
        " ".join([fill(rng.choice(pb.INTRO[kind]), ctx), details[0]]),
        " ".join(details[1:3]),
        " ".join(sentences(rng, pb.BACKGROUND, 2, ctx)),
        " ".join(details[3:5]),
    ]
    if rng.random() < 0.7:
        paragraphs.append(" ".join([fill(rng.choice(pb.QUOTE), ctx),
                                    fill(rng.choice(pb.CONTEXT), ctx)]))
    if len(details) > 5:
        paragraphs.append(details[5] + " " + fill(rng.choice(pb.CONTEXT), ctx))
    paragraphs.append(fill(rng.choice(pb.CLOSING), ctx))
    text = " ".join(paragraphs)
    mentions = (other.id,) if other.title in text else ()
    description = paragraphs[0].split(". ")[0].rstrip(".") + "."
    keywords = (show.title, f"{show.title} season {show.next_season}", show.platform, kind)
    return Written(title, tuple(paragraphs), description,
                   SECTION_BY_KIND.get(kind, "tv"), keywords, mentions, {"ctx": ctx})


def rewrite_intro(written: Written, show: Show, kind: str, rng: random.Random,
                  published: datetime) -> Written:
    """A near-duplicate: new headline and new first paragraph, rest unchanged."""
    ctx = written.extra.get("ctx") or show_context(show, rng, published,
                                                   pick_other(rng, {show.id}))
    titles = [t for t in pb.TITLES[kind] if fill(t, ctx) != written.title]
    title = fill(rng.choice(titles), ctx)
    intro = " ".join([
        fill(rng.choice(pb.INTRO[kind]), ctx),
        "The news was first reported by our colleagues at ScreenWire.",
    ])
    return Written(title, (intro,) + written.paragraphs[1:], intro.split(". ")[0] + ".",
                   written.section, written.keywords, written.mentions, dict(written.extra))
