"""Turn the editorial calendar plus seeded randomness into articles.

``plan_articles(seed)`` returns every article of every phase in creation
order; ``crawler.demo.network`` then applies the phase-2 edits.  All
randomness comes from ``random.Random`` instances seeded with strings derived
from the seed, so the output is identical across runs and platforms.
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from crawler.demo import special_en, storylines, writer_en, writer_ko
from crawler.demo.clock import localize
from crawler.demo.model import SITES_BY_SLUG, Article, Site
from crawler.demo.shows import REPORTERS, SHOWS, SHOWS_BY_ID
from crawler.demo.writer_en import Written

FIRST_DAY = datetime(2026, 2, 1)
LAST_DAY = datetime(2026, 11, 25)
RANDOM_COUNTS = {"demo-reelbuzz": 80, "demo-screenwire": 88, "demo-tvgazette": 44, "demo-hallyuko": 66}
KIND_WEIGHTS = {
    "demo-reelbuzz": {"explainer": 4, "renewal": 2, "casting": 2, "trailer": 2, "premiere_date": 1,
                      "review": 1, "ratings": 1, "roundup": 1.2, "film": 0.6, "music": 0.6},
    "demo-screenwire": {"renewal": 2, "casting": 2, "trailer": 2, "premiere_date": 2, "review": 2,
                        "ratings": 1, "interview": 1, "explainer": 1, "roundup": 1, "film": 0.6,
                        "music": 0.6},
    "demo-tvgazette": {"recap": 3, "review": 2, "ratings": 2, "interview": 1, "casting": 1,
                       "roundup": 0.6},
    "demo-hallyuko": {"renewal": 1.5, "casting": 1.5, "trailer": 1.5, "premiere_date": 1, "review": 1,
                      "ratings": 1.5, "interview": 1, "roundup": 0.6, "film": 0.4, "music": 0.4},
}
# tvgazette's own newest stories, so relative dates ("5 hours ago") show up near the end of Nov.
TVGAZETTE_LATEST = ((11, 23, 21, 0), (11, 24, 13, 30), (11, 25, 8, 45))


@dataclass(frozen=True)
class Draft:
    site: str
    when: datetime
    kind: str
    shows: tuple[str, ...] = ()
    window: str | None = None
    trap: str | None = None
    phase: int = 1
    copy_of: tuple[str, str] | None = None      # tvgazette copies: original article key
    copy_style: str | None = None               # "verbatim" | "rewrite"


def slugify(title: str, limit: int = 9) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words[:limit]) or "story"


def local(site: Site, month: int, day: int, hour: int, minute: int) -> datetime:
    return localize(datetime(2026, month, day, hour, minute), site.zone)


def random_moment(site: Site, rng: random.Random) -> datetime:
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + timedelta(days=rng.randint(0, span))
    return localize(day.replace(hour=rng.randint(6, 22), minute=rng.choice(range(0, 60, 5))), site.zone)


def pick_shows(site: str, kind: str, rng: random.Random) -> tuple[str, ...]:
    if kind in ("film", "music"):
        return ()
    weights = [3 if (site == "demo-hallyuko" and s.korean_origin) else 1 for s in SHOWS]
    if kind == "roundup":
        chosen: list[str] = []
        while len(chosen) < rng.choice((3, 3, 4)):
            show = rng.choices(SHOWS, weights)[0].id
            if show not in chosen:
                chosen.append(show)
        return tuple(chosen)
    return (rng.choices(SHOWS, weights)[0].id,)


def calendar_drafts(seed: int) -> list[Draft]:
    """Storyline beats, traps and the random filler for every site (not the copies)."""
    drafts: list[Draft] = []
    for show, window, site, (mo, d, h, mi), phase in storylines.BEATS:
        drafts.append(Draft(site, local(SITES_BY_SLUG[site], mo, d, h, mi), "window", (show,),
                            window=window, phase=phase))
    for trap, site, (mo, d, h, mi) in storylines.TRAPS:
        drafts.append(Draft(site, local(SITES_BY_SLUG[site], mo, d, h, mi), "trap", trap=trap))
    for site, kind, show, (mo, d, h, mi) in storylines.PHASE3_EXTRA:
        drafts.append(Draft(site, local(SITES_BY_SLUG[site], mo, d, h, mi), kind,
                            (show,) if show else (), phase=3))
    for slug, count in RANDOM_COUNTS.items():
        site = SITES_BY_SLUG[slug]
        rng = random.Random(f"{seed}:calendar:{slug}")
        kinds, weights = zip(*KIND_WEIGHTS[slug].items())
        moments = [random_moment(site, rng) for _ in range(count)]
        if slug == "demo-tvgazette":
            moments[-len(TVGAZETTE_LATEST):] = [local(site, *m) for m in TVGAZETTE_LATEST]
        used_once: set[str] = set()
        for when in moments:
            kind = rng.choices(kinds, weights)[0]
            if slug == "demo-hallyuko" and kind in ("film", "music"):
                kind = "review" if kind in used_once else kind   # one template each: avoid look-alikes
                used_once.add(kind)
            drafts.append(Draft(slug, when, kind, pick_shows(slug, kind, rng)))
    return drafts


def write(draft: Draft, rng: random.Random) -> Written:
    """Produce the text for a draft (copies are handled by ``make_copy``)."""
    shows = [SHOWS_BY_ID[s] for s in draft.shows]
    naive = draft.when.replace(tzinfo=None)
    korean = draft.site == "demo-hallyuko"
    if draft.kind == "window":
        official = storylines.OFFICIAL_DATES.get(shows[0].id, ("", "", ""))
        if korean:
            return writer_ko.compose_window_ko(shows[0], draft.window or "", official[2], rng, naive)
        return special_en.compose_window_article(shows[0], draft.window or "", official[1], rng, naive,
                                                 draft.site)
    if draft.kind == "trap":
        return writer_ko.compose_trap_ko() if korean else special_en.compose_trap(draft.trap or "")
    if draft.kind == "roundup":
        if korean:
            return writer_ko.compose_roundup_ko(shows, rng, naive)
        return special_en.compose_roundup(shows, rng, naive, draft.site)
    if draft.kind in ("film", "music"):
        if korean:
            return writer_ko.compose_non_show_ko(draft.kind, rng)
        return (special_en.compose_film if draft.kind == "film" else special_en.compose_music)(rng, naive)
    if korean:
        kind = draft.kind if draft.kind in writer_ko.TITLES_KO else "review"
        return writer_ko.compose_ko(shows[0], kind, rng, naive)
    return writer_en.compose_show_article(shows[0], draft.kind, rng, naive, draft.site)


def write_unique(draft: Draft, rng: random.Random, taken: set[str]) -> tuple[Draft, Written]:
    """Write a draft, re-rolling (and finally switching kind) until the title is new on the site."""
    written = write(draft, rng)
    alternatives = [k for k in KIND_WEIGHTS[draft.site] if k not in ("roundup", "film", "music")]
    for attempt in range(24):
        if written.title not in taken:
            break
        if attempt >= 8 and draft.kind in alternatives and draft.shows:
            draft = replace(draft, kind=alternatives[(alternatives.index(draft.kind) + 1) % len(alternatives)])
        written = write(draft, rng)
    if written.title in taken:
        raise RuntimeError(f"could not find a unique title for {draft}")
    return draft, written


def rewrite(source: Written, original: Article, rng: random.Random, when: datetime) -> Written:
    show = SHOWS_BY_ID[original.shows[0]]
    if original.kind == "window":
        return special_en.rewrite_window(source, show, rng)
    return writer_en.rewrite_intro(source, show, original.kind, rng, when.replace(tzinfo=None))


def article_path(site: str, number: int, published: datetime, title: str, section: str) -> str:
    if site == "demo-reelbuzz":
        return f"/{published:%Y/%m/%d}/{slugify(title)}/"
    if site == "demo-screenwire":
        return f"/{section}/{slugify(title, 8)}-{40000 + 7 * number}"
    if site == "demo-tvgazette":
        return f"/article.php?id={1000 + number}"
    return f"/news/articleView.html?idxno={20000 + number}"


def screenwire_section(draft: Draft, written: Written) -> str:
    if draft.kind in ("film", "music"):
        return draft.kind
    if draft.kind == "trap":
        return {"film": "film", "music": "music"}.get(written.section, "culture")
    platform = SHOWS_BY_ID[draft.shows[0]].platform if draft.shows else "Netflix"
    return "tv" if platform in ("HBO", "FX on Hulu") else "streaming"


def pick_authors(site: str, rng: random.Random) -> tuple[str, ...]:
    pool = REPORTERS[site]
    if site != "demo-hallyuko" and rng.random() < 0.2:
        return tuple(rng.sample(pool, 2))
    return (rng.choice(pool),)


def site_flags(site: str, number: int, rng: random.Random) -> frozenset[str]:
    if site == "demo-reelbuzz":
        return frozenset({"meta_date"}) if rng.random() < 0.5 else frozenset()
    if site == "demo-tvgazette":
        return {3: frozenset({"cp1252"}), 7: frozenset({"no_charset"})}.get(number % 20, frozenset())
    return frozenset()


def build_site(seed: int, slug: str, drafts: list[Draft],
               originals: dict[tuple[str, str], tuple[Article, Written]]) -> list[tuple[Article, Written]]:
    """Number, write and place one site's drafts (sorted by publication time)."""
    ordered = sorted(drafts, key=lambda d: (d.when, d.kind, d.shows, d.trap or ""))
    titles: set[str] = set()
    built: list[tuple[Article, Written]] = []
    for number, draft in enumerate(ordered, start=1):
        rng = random.Random(f"{seed}:{slug}:{number}")
        if draft.copy_of:
            original, source_written = originals[draft.copy_of]
            written = source_written if draft.copy_style == "verbatim" else rewrite(
                source_written, original, rng, draft.when)
            authors = original.authors if draft.copy_style == "verbatim" else pick_authors(slug, rng)
        else:
            draft, written = write_unique(draft, rng, titles)
            authors = pick_authors(slug, rng)
        titles.add(written.title)
        section = screenwire_section(draft, written) if slug == "demo-screenwire" else written.section
        path = article_path(slug, number, draft.when, written.title, section)
        claim = written.extra.get("release_claim")
        article = Article(
            site=slug, number=number, path=path,
            kind=draft.copy_of and originals[draft.copy_of][0].kind or draft.kind,
            language="ko" if slug == "demo-hallyuko" else "en", published=draft.when,
            authors=authors, shows=draft.shows if not draft.copy_of else originals[draft.copy_of][0].shows,
            mentions=written.mentions, title=written.title, paragraphs=written.paragraphs,
            description=written.description, section=section, keywords=written.keywords,
            syndication=draft.copy_style, original=draft.copy_of,
            release_claim=claim, phase_added=draft.phase, flags=site_flags(slug, number, rng))
        built.append((article, written))
    return built


def copy_drafts(seed: int, screenwire: list[tuple[Article, Written]],
                protected: set[tuple[str, str]]) -> list[Draft]:
    """tvgazette republications of screenwire stories (verbatim copies and rewrites)."""
    rng = random.Random(f"{seed}:syndication")
    site = SITES_BY_SLUG["demo-tvgazette"]
    latest = localize(LAST_DAY.replace(hour=23), site.zone)
    drafts: list[Draft] = []
    chosen: set[tuple[str, str]] = set()

    def add(article: Article, style: str) -> None:
        when = article.published + timedelta(hours=rng.randint(2, 9), minutes=rng.choice((0, 10, 25, 40)))
        if article.phase_added == 1 and when > latest:
            when = latest
        drafts.append(Draft(site.slug, when, article.kind, article.shows, phase=article.phase_added,
                            copy_of=article.key, copy_style=style))
        chosen.add(article.key)

    for article, _ in screenwire:
        beat = (article.shows[0], article.release_claim["window"]) if article.release_claim else None
        if article.release_claim and article.release_claim["status"] == "official":
            beat = (article.shows[0], "official")
        if beat in storylines.SYNDICATED_BEATS:
            add(article, storylines.SYNDICATED_BEATS[beat])
        elif article.phase_added == 3 and (article.shows[:1] + (article.kind,)) in storylines.PHASE3_REWRITES:
            add(article, "rewrite")
    candidates = [a for a, _ in screenwire
                  if a.phase_added == 1 and a.key not in chosen and a.key not in protected
                  and a.kind in writer_en.pb.TITLES and len(a.shows) == 1]
    picks = rng.sample(candidates, sum(storylines.SYNDICATION_COUNTS.values()))
    for index, article in enumerate(picks):
        add(article, "verbatim" if index < storylines.SYNDICATION_COUNTS["verbatim"] else "rewrite")
    return drafts


def plan_articles(seed: int, protected: set[str] | None = None
                  ) -> tuple[list[Article], dict[tuple[str, str], Written]]:
    """All articles of all phases (without phase-2 edits), plus the written text by key.

    ``protected`` lists update selectors whose targets must not be syndicated.
    """
    drafts = calendar_drafts(seed)
    by_site: dict[str, list[Draft]] = {slug: [] for slug in SITES_BY_SLUG}
    for draft in drafts:
        by_site[draft.site].append(draft)
    screenwire = build_site(seed, "demo-screenwire", by_site["demo-screenwire"], {})
    originals = {a.key: (a, w) for a, w in screenwire}
    protected_keys = {a.key for a, _ in screenwire
                      if any(matches_selector(a, sel, screenwire_index(screenwire))
                             for sel in (protected or set()))}
    by_site["demo-tvgazette"].extend(copy_drafts(seed, screenwire, protected_keys))
    articles = [a for a, _ in screenwire]
    written = {a.key: w for a, w in screenwire}
    for slug in ("demo-reelbuzz", "demo-tvgazette", "demo-hallyuko"):
        for article, text in build_site(seed, slug, by_site[slug], originals):
            articles.append(article)
            written[article.key] = text
    return articles, written


def screenwire_index(built: list[tuple[Article, Written]]) -> list[Article]:
    return [a for a, _ in built]


def matches_selector(article: Article, selector: str, site_articles: list[Article]) -> bool:
    """Does ``article`` match a PHASE2_UPDATES selector ("beat:show:window" / "kind:k:n")?"""
    parts = selector.split(":")
    if parts[0] == "beat":
        claim = article.release_claim or {}
        window = "official" if claim.get("status") == "official" else claim.get("window")
        return article.shows[:1] == (parts[1],) and window == parts[2] and article.phase_added == 1
    if parts[0] == "kind":
        same = [a for a in site_articles if a.kind == parts[1] and a.phase_added == 1
                and a.syndication is None]
        index = int(parts[2]) - 1
        return index < len(same) and same[index].key == article.key
    raise ValueError(f"unknown update selector {selector!r}")


def with_phase_edit(article: Article, change: str, when: datetime) -> Article:
    """The phase-2 version of an article: new title and/or body, dateModified set."""
    from crawler.demo.edits import edited_text  # local import keeps modules small and acyclic
    title, paragraphs, note = edited_text(article, change, when)
    return replace(article, title=title, paragraphs=paragraphs, modified=when,
                   updated_in_phase=2, update_note=note)
