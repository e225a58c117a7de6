"""English storyline, multi-show, trap and non-show articles."""
from __future__ import annotations

import random
from datetime import datetime

from crawler.demo import phrasebook_en as pb
from crawler.demo import phrasebook_en_body as body
from crawler.demo import phrasebook_special_en as sp
from crawler.demo.clock import MONTHS
from crawler.demo.shows import ACTORS_EN, SHOWS_BY_ID, Show
from crawler.demo.writer_en import (MIN_WORDS, REWRITE_CREDITS, Written, arrange, fill, pick_other,
                                    sentences, show_context)
from crawler.demo.variety import invented_details

# explainer/renewal sentences that fit a release-window story (no premise, no dates)
_WINDOW_DETAIL = tuple(t for t in body.DETAIL["explainer"] if "{PR}" not in t) + tuple(
    t for t in body.DETAIL["renewal"] if not any(w in t for w in ("{MONTH}", "renewal", "order")))


def _lead(site: str, ctx: dict, rng: random.Random) -> str:
    return fill(rng.choice(pb.SITE_LEADS.get(site, ("",))), ctx, rng)


def compose_window_article(show: Show, window: str, official: str, rng: random.Random,
                           published: datetime, site: str = "demo-screenwire") -> Written:
    """A release-window storyline beat (rumoured window or official date)."""
    ctx = show_context(show, rng, published, pick_other(rng, {show.id}))
    ctx["OFFICIAL"] = official
    title = fill(rng.choice(sp.WINDOW_TITLES[window]), ctx, rng)
    first, second = rng.sample(sp.WINDOW_LINES[window], 2)
    intro = " ".join(p for p in (_lead(site, ctx, rng), fill(first, ctx, rng)) if p)
    extra = sentences(rng, sp.WINDOW_EXTRA, len(sp.WINDOW_EXTRA), ctx)
    used = rng.randint(1, 2)
    blocks = [sentences(rng, body.BACKGROUND[:2], 1, ctx) + sentences(rng, body.BACKGROUND[2:], 1, ctx),
              sentences(rng, _WINDOW_DETAIL, rng.randint(2, 3), ctx), extra[:used],
              [fill(second, ctx, rng)] + sentences(rng, body.CONTEXT, 1, ctx)]
    if window in ("early 2027", "official"):
        blocks.append(sentences(rng, sp.PAST_RUMOURS, 2, ctx))
    reserve = extra[used:]
    closing = fill(rng.choice(body.CLOSING), ctx, rng)
    paragraphs = arrange(intro, blocks, reserve, closing, rng)
    text = " ".join(paragraphs)
    claim = {"show_id": show.id, "season": show.next_season,
             "window": window if window != "official" else official,
             "status": "official" if window == "official" else "rumoured"}
    other_id = ctx_other(ctx)
    mentions = (other_id,) if other_id and SHOWS_BY_ID[other_id].title in text else ()
    return Written(title, tuple(paragraphs), paragraphs[0].split(". ")[0] + ".", "tv",
                   (show.title, f"{show.title} season {show.next_season}", "release date"),
                   mentions, {"release_claim": claim, "ctx": ctx, "window_key": window})


def ctx_other(ctx: dict) -> str:
    title = ctx.get("OTHER")
    return next((s.id for s in SHOWS_BY_ID.values() if s.title == title), "")


def compose_roundup(shows: list[Show], rng: random.Random, published: datetime,
                    site: str = "demo-reelbuzz") -> Written:
    titles = {f"T{i + 1}": s.title for i, s in enumerate(shows)}
    head_ctx = {**titles, **invented_details(rng), "MONTH": MONTHS[published.month - 1]}
    head_ctx["K"] = len(shows) + rng.randint(2, 6)
    templates = [t for t in sp.ROUNDUP_TITLES if "{T3}" not in t or len(shows) >= 3]
    title = fill(rng.choice(templates), head_ctx, rng)
    intro = fill(rng.choice(sp.ROUNDUP_INTROS), head_ctx, rng)
    outro = fill(rng.choice(sp.ROUNDUP_OUTROS), head_ctx, rng)
    per_show = []
    for show in shows:
        lines = sentences(rng, sp.ROUNDUP_LINES, len(sp.ROUNDUP_LINES),
                          show_context(show, rng, published, show))
        per_show.append((lines[:2], lines[2:]))
    turn = 0
    while (len(" ".join([intro, outro] + [s for used, _ in per_show for s in used]).split()) < MIN_WORDS
           and any(spare for _, spare in per_show)):
        used, spare = per_show[turn % len(per_show)]
        if spare:
            used.append(spare.pop())
        turn += 1
    paragraphs = [intro] + [" ".join(used) for used, _ in per_show] + [outro]
    keywords = tuple(s.title for s in shows) + ("what to watch",)
    return Written(title, tuple(paragraphs), paragraphs[0], "features", keywords)


def compose_trap(key: str) -> Written:
    title, paragraphs, section = sp.TRAPS[key]
    rng = random.Random(f"trap:{key}")
    ctx = {**invented_details(rng), "MONTH": rng.choice(MONTHS), "WEEKDAY_LC": "Monday"}
    extra = " ".join(sentences(rng, sp.INDUSTRY_EXTRA, 3, ctx))
    paragraphs = paragraphs + (extra,)
    return Written(title, paragraphs, paragraphs[0].split(". ")[0] + ".", section, (section,))


def _made_up_title(rng: random.Random, words: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    nouns, adjectives = words
    return f"{'The ' if rng.random() < 0.5 else ''}{rng.choice(adjectives)} {rng.choice(nouns)}"


def _non_show_ctx(rng: random.Random, published: datetime) -> dict[str, object]:
    ctx: dict[str, object] = dict(invented_details(rng))
    film, rival = _made_up_title(rng, sp.FILM_WORDS), _made_up_title(rng, sp.FILM_WORDS)
    while rival == film:
        rival = _made_up_title(rng, sp.FILM_WORDS)
    ctx.update({
        "FILM": film, "RIVAL": rival, "ARTIST": _made_up_title(rng, sp.ARTIST_WORDS),
        "GROSS": rng.randint(12, 140), "GROSS2": rng.randint(5, 90), "MARKETS": rng.randint(20, 60),
        "WORLD": rng.randint(150, 400), "W": rng.randint(2, 4), "N": rng.randint(9, 14),
        "MONTH": MONTHS[(published.month + 1) % 12], "SRC": rng.choice(pb.FILL["SRC"]),
        "A": rng.choice(ACTORS_EN), "R": rng.choice(pb.FILL["R"]),
        "WEEKDAY_LC": ("Monday", "Tuesday", "Thursday", "Friday")[rng.randrange(4)],
    })
    return ctx


def _non_show_body(ctx: dict, core: tuple[str, ...], rng: random.Random) -> list[str]:
    lines = [fill(t, ctx, rng) for t in core]
    intro, rest = lines[0], lines[1:]
    blocks = [rest[:3], rest[3:6], sentences(rng, sp.INDUSTRY_EXTRA, rng.randint(1, 2), ctx)]
    closing = rest[6] if len(rest) > 6 else fill(rng.choice(sp.INDUSTRY_EXTRA), ctx, rng)
    return arrange(intro, blocks, rest[7:], closing, rng)


def compose_film(rng: random.Random, published: datetime) -> Written:
    ctx = _non_show_ctx(rng, published)
    title = fill(rng.choice((
        "Box office: '{FILM}' opens with ${GROSS} million",
        "'{FILM}' tops the weekend box office, edging out '{RIVAL}'",
        "Weekend box office: '{FILM}' <dethrones|unseats> '{RIVAL}'",
        "'{FILM}' <wins|takes> the weekend as '{RIVAL}' <cools|fades>")), ctx, rng)
    core = (sp.FILM_CORE[0],) + tuple(rng.sample(sp.FILM_CORE[1:], len(sp.FILM_CORE) - 1))
    paragraphs = _non_show_body(ctx, tuple(core), rng)
    return Written(title, tuple(paragraphs), paragraphs[0], "film", ("box office", str(ctx["FILM"])))


def compose_music(rng: random.Random, published: datetime) -> Written:
    ctx = _non_show_ctx(rng, published)
    title = fill(rng.choice((
        "{ARTIST} announces new album and {MONTH} tour dates",
        "{ARTIST} returns with a surprise single",
        "Festival lineup: {ARTIST} to headline the closing night",
        "{ARTIST} <teases|confirms> a {MONTH} album <recorded in|made in> {CITY}")), ctx, rng)
    core = (sp.MUSIC_CORE[0],) + tuple(rng.sample(sp.MUSIC_CORE[1:], len(sp.MUSIC_CORE) - 1))
    paragraphs = _non_show_body(ctx, tuple(core), rng)
    return Written(title, tuple(paragraphs), paragraphs[0], "music", ("music", str(ctx["ARTIST"])))


def rewrite_window(written: Written, show: Show, rng: random.Random) -> Written:
    """Near-duplicate of a storyline beat: other headline, new first paragraph."""
    ctx = dict(written.extra.get("ctx") or {})
    window = written.extra.get("window_key", "official")
    title, intro = written.title, written.paragraphs[0]
    for _ in range(20):
        if title == written.title:
            title = fill(rng.choice(sp.WINDOW_TITLES[window]), ctx, rng)
        if intro == written.paragraphs[0]:
            parts = (_lead("demo-tvgazette", ctx, rng), fill(rng.choice(sp.WINDOW_LINES[window]), ctx, rng),
                     fill(rng.choice(REWRITE_CREDITS), ctx, rng))
            intro = " ".join(p for p in parts if p)
    if title == written.title or intro == written.paragraphs[0]:
        raise RuntimeError(f"could not rewrite {written.title!r}")
    return Written(title, (intro,) + written.paragraphs[1:], intro.split(". ")[0] + ".",
                   written.section, written.keywords, written.mentions, dict(written.extra))
