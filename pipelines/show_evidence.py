"""Context checks around one show mention (pure functions and frozen data).

Two kinds of context matter:

* **vetoes**: the words right next to a hit say it is another work or an
  everyday phrase ("the video game The Last of Us", "Moving forward",
  "severance pay", "on Wednesday").  Global kind words plus each show's
  ``not_before`` / ``not_after`` lists.
* **evidence** for names that are everyday words: show vocabulary, the
  show's network, cast and character names, quotes or italics, and a
  capital letter where a common word would not have one.

Positions: ``padded`` is ``" " + folded + " "``; a mention spans
``text[start:end]`` in the original and ``padded[start + 1:end + 1]``.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipelines.show_catalog import Show
from pipelines.show_text import TextFolder, has_cjk

# Another work of the same name: these words right before / after a hit veto it
# (only when nothing but spaces or quotes separates them from the hit).
KIND_WORDS: tuple[str, ...] = (
    "game", "games", "video game", "videogame", "novel", "novels", "book", "books", "song",
    "songs", "single", "album", "track", "film", "films", "movie", "movies", "webtoon",
    "webtoons", "manga", "comic", "comics", "comic book", "band", "musical", "podcast",
    "videojuego", "juego", "novela", "libro", "cancion", "pelicula", "disco", "historieta",
)
# An appositive after the hit: "Cien años de soledad, la novela de ...".
APPOSITIVE_KINDS: tuple[str, ...] = (
    "the novel", "the book", "the song", "the single", "the album", "the film", "the movie",
    "the video game", "the game", "the webtoon", "the manga", "the comic", "la novela",
    "el libro", "la cancion", "la pelicula", "el videojuego", "el juego",
)
KIND_WORDS_CJK: tuple[str, ...] = (
    "웹툰", "게임", "영화", "소설", "노래", "만화", "원작", "漫画", "マンガ", "映画", "小説",
    "ゲーム", "原作", "楽曲",
)
# Near (within a few words of) an everyday-word title, these lower the evidence.
NEAR_NEGATIVE: frozenset[str] = frozenset(KIND_WORDS) | {
    "sang", "sings", "singer", "rapper", "lyrics", "author", "novelist", "chapter", "gamers",
    "gameplay", "playstation", "xbox", "nintendo", "concert", "tour", "remix", "chart",
}
# Show vocabulary (folded tokens).  One of these nearby counts as generic evidence.
SHOW_WORDS: frozenset[str] = frozenset({
    "season", "seasons", "series", "episode", "episodes", "show", "shows", "showrunner",
    "showrunners", "sitcom", "drama", "dramas", "kdrama", "miniseries", "finale", "premiere",
    "premiered", "premieres", "renewed", "renewal", "cancelled", "canceled", "spinoff", "reboot",
    "revival", "prequel", "cast", "starring", "star", "stars", "costar", "streaming", "streamer",
    "binge", "bingeing", "binged", "rewatch", "rewatched", "rewatching", "watch", "watched",
    "watching", "tv", "television", "emmy", "emmys", "netflix", "hbo", "hulu", "disney",
    "showrunner", "recap", "creator", "trailer", "teaser", "sequel",
    "temporada", "temporadas", "serie", "series", "episodio", "episodios", "capitulo", "estreno",
    "reparto", "protagonista", "protagonistas", "telenovela",
})
SHOW_WORDS_CJK: tuple[str, ...] = (
    "시즌", "드라마", "넷플릭스", "디즈니", "출연", "배우", "방송", "시리즈", "회차", "티빙",
    "쿠팡플레이", "tvn", "jtbc", "ドラマ", "シーズン", "配信", "出演", "放送", "連続",
)
OPEN_QUOTES = "\"'\u201c\u2018\u00ab\u300c\u300e\u300a\u3008<\u2039*_"
CLOSE_QUOTES = "\"'\u201d\u2019\u00bb\u300d\u300f\u300b\u3009>\u203a*_"
SENTENCE_ENDS = ".!?:;\n|\u3002\uff01\uff1f"
SMALL_WORDS = frozenset({"the", "of", "a", "an", "in", "on", "and", "at", "to", "for", "de",
                         "la", "el", "los", "las", "del", "y", "en", "no"})
# Korean particles and copulas that may follow a title with no space.
KOREAN_PARTICLES: frozenset[str] = frozenset({
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "도", "과", "와", "로", "으로",
    "만", "까지", "부터", "처럼", "보다", "이나", "나", "라는", "이라는", "이라", "라", "이다", "다",
    "였다", "이었다", "에는", "에서는", "에도", "과의", "와의", "로는", "으로는", "이며", "며",
    "이고", "고", "이야", "야", "에선", "엔", "란", "이란", "측", "팀", "편",
})
WINDOW = 90          # characters each side of a mention that count as "nearby"
NEAR_WORDS = 4       # words each side in which NEAR_NEGATIVE words lower the evidence
CLAUSE_BREAKS = ",;:.!?()[]\u2014\u2013\u3001\u3002"
LIST_JOINERS = frozenset({"", "and", "or", "y", "e", "o", "&", "와", "과", "및", "や", "と", "、"})


@dataclass(frozen=True)
class ShowProfile:
    """Folded context phrases for one show, padded with spaces for whole-word search."""
    show_index: int
    not_before: tuple[str, ...]      # " naughty dog" style suffixes of the text before a hit
    not_after: tuple[str, ...]       # "part ii " style prefixes of the text after a hit
    not_after_at_start: tuple[str, ...]
    specific: tuple[str, ...]        # " hbo ", " pedro pascal ", " joel " ...
    specific_cjk: tuple[str, ...]    # "류승룡" ... (searched without padding)
    title_case_is_evidence: bool


def build_profile(index: int, show: Show, folder: TextFolder) -> ShowProfile:
    fold = folder.fold_phrase
    phrases: set[str] = set()
    cjk: set[str] = set()
    for network in show.networks():
        phrases.add(fold(network))
    names: list[str] = list(show.cues)
    for member in show.cast:
        names += [member.actor, member.character, member.actor_native, member.character_native]
    for name in names:
        key = fold(name)
        if not key:
            continue
        if has_cjk(key):
            cjk.add(key)
            continue
        phrases.add(key)
        last = key.split()[-1]
        if len(key.split()) > 1 and len(last) >= 5:
            phrases.add(last)        # surnames: "badgley", "berzatto"
    own_names = {fold(name) for name in show.names()}
    phrases -= own_names            # "Gregory House" must not vouch for "House"
    cjk -= own_names
    return ShowProfile(
        show_index=index,
        not_before=tuple(" " + fold(p) for p in show.not_before if fold(p)),
        not_after=tuple(fold(p) + " " for p in show.not_after if fold(p)),
        not_after_at_start=tuple(fold(p) + " " for p in show.not_after_at_start if fold(p)),
        specific=tuple(sorted(f" {p} " for p in phrases if p)),
        specific_cjk=tuple(sorted(cjk)),
        title_case_is_evidence=show.title_case_is_evidence,
    )


KIND_BEFORE = tuple(" " + k for k in KIND_WORDS)
KIND_AFTER = tuple(k + " " for k in KIND_WORDS) + tuple(k + " " for k in APPOSITIVE_KINDS)


def glued(text: str, position: int, step: int) -> bool:
    """Only spaces/quotes between ``position`` (walking by ``step``) and the next word, no clause break."""
    while 0 <= position < len(text) and (text[position].isspace() or text[position] in OPEN_QUOTES + CLOSE_QUOTES):
        position += step
    return not (0 <= position < len(text)) or text[position] not in CLAUSE_BREAKS


def in_larger_name(text: str, start: int, original: str) -> bool:
    """"Slough House", "Lost Ark": a one-word title glued to a capitalized word before it."""
    if " " in original or start < 2 or text[start - 1] != " ":
        return False
    word_start = start - 1
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:start - 1]
    return (len(word) > 1 and word[0].isupper() and not is_sentence_start(text, word_start)
            and word.casefold() not in SMALL_WORDS)


def list_joined(between: str) -> bool:
    """Only a list separator between two titles: "Severance, Slow Horses and The Bear"."""
    stripped = between.strip(" \t\n,;/'\"\u2018\u2019\u201c\u201d\u300c\u300d\u300e\u300f")
    return stripped.casefold() in LIST_JOINERS and len(between) <= 12


def korean_boundary_ok(text: str, start: int, end: int) -> bool:
    """A Hangul title may be followed by a particle ("오징어 게임은") but not by more word."""
    if start > 0 and "\uac00" <= text[start - 1] <= "\ud7a3":
        return False
    tail = end
    while tail < len(text) and "\uac00" <= text[tail] <= "\ud7a3" and tail - end < 5:
        tail += 1
    return tail == end or text[end:tail] in KOREAN_PARTICLES


def is_capitalized(original: str, alias: str) -> bool:
    """Every word the catalog writes with a capital is capitalized in the text too
    ("La casa de papel" needs only "La"); an all-lowercase alias needs a capital start."""
    words = original.replace("-", " ").split()
    model = alias.replace("-", " ").split()
    if len(words) != len(model):
        return original[:1].isupper() or not original[:1].islower()
    wanted = [w for w, m in zip(words, model) if m[:1].isupper()] or words[:1]
    return all(not w[:1].islower() for w in wanted)


def is_sentence_start(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and (text[position].isspace() or text[position] in OPEN_QUOTES):
        position -= 1
    return position < 0 or text[position] in SENTENCE_ENDS


def is_quoted(text: str, start: int, end: int) -> bool:
    return (start > 0 and end < len(text)
            and text[start - 1] in OPEN_QUOTES and text[end] in CLOSE_QUOTES)


def is_title_case_headline(title: str) -> bool:
    """Headlines In Title Case make capital letters meaningless as evidence."""
    words = [w for w in title.split() if w[:1].isalpha() and len(w) >= 4]
    if len(words) < 3:
        return False
    return sum(1 for w in words if w[0].isupper()) / len(words) >= 0.6


def article_has_specific(padded_texts: tuple[str, ...], profile: ShowProfile) -> bool:
    """Network, cast, character or cue anywhere in the article."""
    return any(p in text for text in padded_texts for p in profile.specific) or any(
        p in text for text in padded_texts for p in profile.specific_cjk)
