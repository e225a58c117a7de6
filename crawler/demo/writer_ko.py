"""Korean-language articles for demo-hallyuko, with particles attached to titles.

Korean titles carry their particle directly ("오징어 게임은", "무빙이",
"지금 우리 학교는 시즌2가"), which is exactly what a show tagger has to cope
with.  Particles are chosen from the last syllable's final consonant.
"""
from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from crawler.demo import phrasebook_ko as kb
from crawler.demo.shows import ACTORS_KO, Show
from crawler.demo.variety import vary
from crawler.demo.writer_en import Written

_DIGIT_HAS_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False,
                    "6": True, "7": True, "8": True, "9": False}
_PAIRS = {"은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "과": ("과", "와"),
          "으로": ("으로", "로"), "이다": ("이다", "다")}

def final_consonant(word: str) -> int | None:
    """Index of the final consonant (0 = none, 8 = ㄹ) of the word's last sounded character."""
    for char in reversed(word.strip()):
        if "가" <= char <= "힣":
            return (ord(char) - 0xAC00) % 28
        if char.isdigit():
            return 8 if char in "178" else (1 if _DIGIT_HAS_FINAL[char] else 0)
        if char.isalpha():
            return 0
    return 0


def josa(word: str, particle: str) -> str:
    """Attach a particle: josa("오징어 게임", "은") -> "오징어 게임은".

    A title that itself ends in the particle 는 ("지금 우리 학교는") is quoted
    first, as Korean newsrooms do: "'지금 우리 학교는'은".
    """
    if word.endswith("는"):
        return f"'{word}'" + _particle_for(word, particle)
    return word + _particle_for(word, particle)


def _particle_for(word: str, particle: str) -> str:
    with_final, without = _PAIRS[particle]
    final = final_consonant(word)
    if particle == "으로":
        return "로" if final in (0, 8) else "으로"
    return with_final if final else without


def _korean_name(rng: random.Random) -> str:
    return rng.choice(kb.SURNAMES) + "".join(rng.sample(kb.GIVEN_SYLLABLES, 2))


def _ctx(show: Show, rng: random.Random, published: datetime) -> dict[str, str]:
    if show.korean_origin:
        actor = rng.choice([h for _, h in ACTORS_KO])
    else:
        actor = f"{rng.choice(kb.FOREIGN_FIRST)} {rng.choice(kb.FOREIGN_LAST)}"
    premiere = published + timedelta(days=rng.randint(35, 140))
    place, place2 = rng.sample(kb.PLACES, 2)
    people = {key: _korean_name(rng) for key in ("PD", "WR", "EXEC", "CRITIC")}
    ctx = {"T": show.ko_title, "TS": f"{show.ko_title} 시즌{show.next_season}", "P": show.ko_platform,
           "A": actor, "n": str(show.next_season), "G": kb.GENRES_KO.get(show.id, "화제의 시리즈"),
           "DATE": f"{premiere.month}월 {premiere.day}일", "X": str(rng.randint(12, 95)),
           "W": str(rng.randint(2, 6)), "R": rng.choice(kb.ROLES_KO), "H": rng.choice(kb.HOOKS_KO),
           "K": str(rng.randint(3, 19)), "PCT": str(rng.randint(12, 88)), "PCT2": str(rng.randint(5, 40)),
           "DAYS": str(rng.randint(38, 160)),
           "EP": str(rng.choice((6, 7, 8, 9, 10, 12))), "MIN": str(rng.randint(41, 79)),
           "E": str(rng.randint(2, 5)), "SCORE": str(rng.randint(3, 5)),
           "YEAR": str(rng.choice((2009, 2012, 2014, 2016, 2018, 2020))),
           "PLACE": place, "PLACE2": place2, "VENUE": rng.choice(kb.VENUES), "FAN": rng.choice(kb.FANS),
           **people}
    for key in ("T", "TS", "P", "A"):
        for particle in ("은", "이", "을", "과", "으로"):
            ctx[key + particle] = josa(ctx[key], particle)
    return ctx


TITLES_KO = kb.TITLES_KO
MIN_WORDS_KO = 125
_PARTICLE_SLOT = re.compile(r"\{(\w+?)\}\{(은|이|을|과|으로)\}")


def _fill(template: str, ctx: dict[str, str], rng: random.Random | None = None) -> str:
    """Alternatives, then "{KEY}{은}" particles attached to ctx[KEY], then placeholders."""
    if rng is not None:
        template = vary(template, rng)
    attached = _PARTICLE_SLOT.sub(lambda m: josa(str(ctx[m.group(1)]), m.group(2))
                                  .replace("{", "{{").replace("}", "}}"), template)
    return " ".join(attached.format_map(ctx).split())


def _pick(pool: tuple[str, ...], count: int, ctx: dict, rng: random.Random) -> list[str]:
    return [_fill(t, ctx, rng) for t in rng.sample(pool, min(count, len(pool)))]


def _split(pool: tuple[str, ...], count: int, ctx: dict,
           rng: random.Random) -> tuple[list[str], list[str]]:
    """``count`` filled sentences from the pool, and the other templates filled as a reserve."""
    filled = _pick(pool, len(pool), ctx, rng)
    return filled[:count], filled[count:]


def _paragraphs(lead: list[str], middle: list[str], reserve: list[str],
                rng: random.Random) -> tuple[str, ...]:
    """Lead paragraph first, then 1-3 sentence paragraphs; padded to MIN_WORDS_KO words."""
    rng.shuffle(middle)
    while len(" ".join(lead + middle).split()) < MIN_WORDS_KO and reserve:
        middle.insert(rng.randrange(len(middle) + 1), reserve.pop())
    paragraphs = [" ".join(lead)]
    while middle:
        size = min(len(middle), rng.choice((1, 2, 2, 3)))
        paragraphs.append(" ".join(middle[:size]))
        middle = middle[size:]
    return tuple(paragraphs)


def compose_ko(show: Show, kind: str, rng: random.Random, published: datetime) -> Written:
    ctx = _ctx(show, rng, published)
    title = _fill(rng.choice(kb.TITLES_KO[kind]), ctx, rng)
    body = kb.BODY_KO[kind]
    rest = list(body[1:])
    rng.shuffle(rest)
    lead = [_fill(body[0], ctx, rng), _fill(rest.pop(), ctx, rng)]
    common, reserve = _split(kb.COMMON_KO, rng.randint(4, 6), ctx, rng)
    middle = _pick(tuple(rest), rng.randint(3, 5), ctx, rng) + common + _pick(kb.EXTRA_KO, 1, ctx, rng)
    paragraphs = _paragraphs(lead, middle, reserve, rng)
    return Written(title, paragraphs, lead[0], "방송", (show.ko_title, ctx["TS"], kind))


def compose_window_ko(show: Show, window: str, official: str, rng: random.Random,
                      published: datetime) -> Written:
    ctx = _ctx(show, rng, published)
    ctx["OFFICIAL"] = official
    lines, titles = kb.WINDOW_KO[window]
    first, second = rng.sample(lines, 2)
    lead = [_fill(first, ctx, rng), _fill(rng.choice(kb.COMMON_KO[:1]), ctx, rng)]
    common, reserve = _split(kb.COMMON_KO[1:] + kb.EXTRA_KO, rng.randint(5, 7), ctx, rng)
    middle = [_fill(second, ctx, rng)] + common
    middle.append(_fill(rng.choice(kb.PAST_KO), ctx, rng) if window not in ("2026", "late 2026")
                  else "제작진은 구체적인 일정은 추후 공개하겠다고 밝혔다.")
    paragraphs = _paragraphs(lead, middle, reserve, rng)
    claim = {"show_id": show.id, "season": show.next_season,
             "window": window if window != "official" else official,
             "status": "official" if window == "official" else "rumoured"}
    return Written(_fill(rng.choice(titles), ctx, rng), paragraphs, paragraphs[0].split(". ")[0],
                   "방송", (show.ko_title, ctx["TS"], "공개일"), (), {"release_claim": claim})


def compose_roundup_ko(shows: list[Show], rng: random.Random, published: datetime) -> Written:
    names = [s.ko_title for s in shows]
    title = f"이번 주 OTT 볼거리…'{names[0]}'부터 '{names[-1]}'까지"
    intro = vary("<이번 주|이번 주말> OTT 플랫폼에서 <주목할 만한|눈여겨볼 만한> 작품들을 <모았다|골라 봤다>.",
                 rng)
    per_show = []
    for show in shows:
        ctx = _ctx(show, rng, published)
        lines = _pick(kb.ROUNDUP_KO, len(kb.ROUNDUP_KO), ctx, rng)
        per_show.append((lines[:2] + _pick(kb.COMMON_KO[1:], 1, ctx, rng), lines[2:]))
    ctx = _ctx(shows[0], rng, published)
    tail = [vary("<주말 정주행 목록을|볼거리를> 정할 때 참고해 보자.", rng)] + _pick(kb.EXTRA_KO, 3, ctx, rng)
    turn = 0
    while (len(" ".join([intro, *tail] + [s for used, _ in per_show for s in used]).split()) < MIN_WORDS_KO
           and any(spare for _, spare in per_show)):
        used, spare = per_show[turn % len(per_show)]
        if spare:
            used.append(spare.pop())
        turn += 1
    paragraphs = [intro] + [" ".join(used) for used, _ in per_show] + [" ".join(tail)]
    return Written(title, tuple(paragraphs), paragraphs[0], "방송", tuple(names) + ("OTT",))


def compose_trap_ko() -> Written:
    title, paragraphs = kb.TRAP_KO
    rng = random.Random("trap:ko")
    ctx = {"K": "7", "PCT": "23", "PCT2": "14", "CRITIC": _korean_name(rng)}
    extra = _pick(kb.EXTRA_KO, len(kb.EXTRA_KO), ctx, rng)
    paragraphs = paragraphs + (" ".join(extra[:4]), " ".join(extra[4:]))
    return Written(title, paragraphs, paragraphs[0].split(". ")[0], "가요", ("공연",))


def compose_non_show_ko(kind: str, rng: random.Random) -> Written:
    title_t, paragraphs_t = kb.NON_SHOW_KO[kind]
    name = rng.choice(kb.FILMS_KO if kind == "film" else kb.GROUPS_KO)
    ctx = {"F": name, "QF": f"'{name}'", "X": str(rng.randint(15, 90)), "W": str(rng.randint(10, 40)),
           "K": str(rng.randint(3, 9)), "PCT": str(rng.randint(12, 60)), "PCT2": str(rng.randint(5, 40)),
           "CRITIC": _korean_name(rng)}
    extra = _pick(kb.EXTRA_KO, len(kb.EXTRA_KO), ctx, rng)
    paragraphs = tuple(_fill(p, ctx) for p in paragraphs_t) + (" ".join(extra[:4]), " ".join(extra[4:]))
    return Written(_fill(title_t, ctx), paragraphs, paragraphs[0],
                   "영화" if kind == "film" else "가요", (kind, name))
