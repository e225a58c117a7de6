"""What an article says about a show: its kinds (pure; see docs/claims.md).

``classify_kinds(title, body, show_aliases, language=...)`` looks for cue words
in three places, each with its own weight:

* the headline (1.0 × cue weight),
* the lede, the first paragraph up to 600 characters (0.6 ×), when the show is
  named in the headline or the lede, or nowhere (the tagger matched a
  spelling the alias search missed),
* sentences that name the show further down (0.35 ×, at most 0.7 a kind).

Strong cues weigh 1.0 ("renewed", "trailer", "recap"), weak ones 0.6
("episode 5", "returns", "cast").  A kind is kept at a score of 0.55; when the
headline decides at least one kind, kinds found only in the body need 1.0.
At most ``MAX_KINDS`` kinds, best first; ``other`` when nothing matched.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipelines.release_claims import alias_pattern
from pipelines.release_cues import split_sentences

KINDS = ("renewal", "cancellation", "casting", "production", "trailer", "release_date", "premiere",
         "review", "recap", "ratings", "awards", "interview", "explainer", "other")
HEADLINE_WEIGHT, LEDE_WEIGHT, BODY_WEIGHT, BODY_CAP = 1.0, 0.6, 0.35, 0.7
KEEP_SCORE, BODY_ONLY_SCORE, MAX_KINDS = 0.55, 1.0, 3
LEDE_MAX_CHARS = 600
STRONG, WEAK = 1.0, 0.6
_M = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NTH = r"(?:\d{1,2}|second|third|fourth|fifth|sixth|new|final|segunda|tercera|cuarta|quinta|nueva)"

# kind -> language -> (strong cues, weak cues); English cues apply to every language.
CUES: dict[str, dict[str, tuple[str, str]]] = {
    "renewal": {
        "en": (rf"renew(?:s|ed|al)|picked\s+up\s+for|greenlit|green-?lit|green\s+light|gets?\s+(?:a\s+)?(?:season\s+\d+|{_NTH}\s+season)"
               rf"|orders?\s+(?:a\s+)?(?:season\s+\d+|{_NTH}\s+season)|(?:season\s+\d+|{_NTH}\s+season)\s+(?:is\s+)?(?:officially\s+)?(?:confirmed|happening|a\s+go)",
               r"coming\s+back\s+for|will\s+return\s+for|returning\s+for"),
        "es": (rf"renovad[ao]|renueva|renovaci[oó]n|tendr[aá]\s+(?:una\s+)?{_NTH}\s+temporada|confirma\s+(?:la\s+)?{_NTH}\s+temporada", ""),
        "ko": (r"시즌\s*\d+\s*(?:제작\s*)?(?:확정|제작을\s*확정)|후속\s*시즌\s*(?:제작\s*)?확정|시즌\s*\d+\s*제작", r"후속\s*시즌"),
    },
    "cancellation": {
        "en": (r"cancel(?:l)?ed|cancels|cancellation|axed|axes|scrapped|pulls?\s+the\s+plug|won['’]t\s+return|will\s+not\s+return"
               r"|not\s+(?:be\s+)?returning|no\s+season\s+\d+|(?:comes?|came)\s+to\s+an\s+(?:abrupt\s+)?end|(?:will\s+)?end(?:s|ing)?\s+with\s+(?:season\s+\d+|its\s+\w+\s+season)",
               r"ends?\s+after|ending\s+after"),
        "es": (r"cancelad[ao]|cancela|cancelaci[oó]n|no\s+tendr[aá]\s+(?:una\s+)?\w+\s+temporada|no\s+volver[aá]", ""),
        "ko": (r"제작\s*취소|취소됐|폐지|무산|조기\s*종영|시즌\s*\d+\s*(?:은|는)?\s*없", ""),
    },
    "casting": {
        "en": (r"joins?\s+(?:the\s+)?(?:cast|season|series)|cast\s+as|cast\s+in|casts|boards|tapped\s+to|to\s+star\s+in|will\s+play"
               r"|recast\w*|lands?\s+(?:a\s+|the\s+)?(?:lead\s+|key\s+|recurring\s+)?role|in\s+talks\s+to\s+(?:join|star)|exits?|departs?"
               r"|(?:new|adds?)\s+(?:\w+\s+)?(?:to\s+)?(?:the\s+)?cast|adds\s+\w+\s+\w+\s+(?:as|to)|casting|series\s+regular"
               r"|who['’]s\s+(?:returning|back|new)|cast\s+(?:list|guide)",
               r"cast\b|returns?\s+as|reprise|to\s+play|leaving|departure"),
        "es": (r"se\s+une\s+al\s+(?:elenco|reparto)|fichaje|ficha\s+a|interpretar[aá]|protagonizar[aá]|abandona\s+la\s+serie|nuevo\s+elenco|elenco|reparto", ""),
        "ko": (r"캐스팅|출연\s*확정|합류|하차|주연\s*확정", r"출연"),
    },
    "production": {
        "en": (r"filming|films?\s+in|begins?\s+(?:production|shooting)|starts?\s+(?:production|shooting)|wraps?(?:\s+filming)?|wrapped"
               r"|set\s+photos?|behind\s+the\s+scenes|cameras?\s+(?:roll|start)|principal\s+photography|shooting|in\s+production|post-production",
               r"production"),
        "es": (r"rodaje|grabaciones|comienza\s+a\s+(?:grabar|rodar)|termina\s+(?:el\s+rodaje|de\s+grabar)|filmaci[oó]n", ""),
        "ko": (r"촬영(?!지)|크랭크인|크랭크업", r"제작\s*중"),
    },
    "trailer": {
        "en": (r"trailer|teaser|first\s+look|sneak\s+peek|promo", r"clip|poster|footage"),
        "es": (r"tr[aá]iler|avance|adelanto", r"p[oó]ster"),
        "ko": (r"예고편|티저|예고", r"포스터|스틸"),
    },
    "release_date": {
        "en": (rf"(?:release|premiere|air|debut|return|launch)\s+date|sets?\s+(?:a\s+)?(?:\w+\s+)?(?:premiere|release|return|debut)"
               rf"|(?:premieres?|returns?|arrives?|debuts?|drops?|lands?|coming)\s+(?:(?:on|to)\s+(?:netflix|hbo|max|apple\s+tv\+?|hulu|disney\+|prime\s+video|peacock)\s+)?(?:on\s+|in\s+|this\s+|next\s+)?(?:{_M}|spring|summer|fall|autumn|winter|20\d\d|later\s+this\s+year|next\s+year)\b"
               rf"|(?:netflix|hbo|max|apple(?:\s+tv\+?)?|hulu|disney\+?|prime\s+video|peacock|the\s+streamer|the\s+network)\s+dates\b|gets\s+a\s+(?:premiere\s+|release\s+)?date|when\s+(?:is|does|will)\b.{{0,50}}\b(?:come\s+out|release|premiere|return|arrive)"
               rf"|delayed|pushed\s+(?:back|to)|premiere\s+window|release\s+window",
               r"(?:will|set\s+to|expected\s+to)\s+(?:premiere|return|arrive|debut)|(?:returns?|arrives?|premieres?)\s+(?:in|this|next|later)\s|dates"),
        "es": (r"fecha\s+de\s+estreno|ya\s+tiene\s+fecha|cu[aá]ndo\s+se\s+estrena|se\s+estrenar[aá]|llegar[aá]\s+(?:el|en|a)", r"estreno"),
        "ko": (r"공개일|공개\s*확정|편성\s*확정|방송\s*확정|(?:\d+월\s*\d*일?|내년|올해|연내|상반기|하반기)\s*(?:중\s*)?공개|공개\s*예정|공개\s*시기", ""),
    },
    "premiere": {
        "en": (r"premiered|debuted|premieres\s+(?:tonight|today|this\s+week)|now\s+streaming|out\s+now|is\s+(?:finally\s+)?here"
               r"|has\s+arrived|(?:series|season)\s+premiere(?!\s+date)|first\s+episode|now\s+available|launched"
               r"|(?:debuts|premieres|arrives|lands)\s+(?:on|at|to)\b",
               r"premiere(?!\s+(?:date|window))"),
        "es": (r"se\s+estren[oó]|ya\s+est[aá]\s+disponible|ya\s+se\s+puede\s+ver|lleg[oó]\s+a", r"estreno"),
        "ko": (r"첫\s*방송|첫방|베일을\s*벗|오늘\s*공개|공개됐|드디어\s*공개", ""),
    },
    "review": {
        "en": (r"review(?!s)|reviewed|verdict|(?:\d|one|two|three|four|five)\s+stars|★", r"reviews|critics?"),
        "es": (r"cr[ií]tica|rese[ñn]a", r"opini[oó]n"),
        "ko": (r"리뷰|관전평", r"평가"),
    },
    "recap": {
        "en": (r"recap|s\d{1,2}\s*e\d{1,3}|season\s+\d{1,2},?\s+episode\s+\d{1,3}|episode\s+\d{1,3}\s+review", r"episode\s+\d{1,3}"),
        "es": (r"resumen\s+del?\s+(?:episodio|cap[ií]tulo)", r"episodio\s+\d{1,3}|cap[ií]tulo\s+\d{1,3}"),
        "ko": (r"\d{1,3}\s*[회화]\s*(?:리뷰|줄거리|요약)", r"\d{1,3}\s*[회화]|줄거리"),
    },
    "ratings": {
        "en": (r"ratings|viewership|viewers|most[-\s]watched|top\s+10|hours\s+viewed|nielsen|no\.\s*1\s+on|views\b|record\s+(?:debut|audience)|biggest\s+(?:debut|launch)",
               r"audience|chart|number\s+one|#1"),
        "es": (r"audiencia|espectadores|lo\s+m[aá]s\s+visto|m[aá]s\s+vist[ao]|visualizaciones|top\s+10", r"r[eé]cord"),
        "ko": (r"시청률|시청자\s*수|화제성|톱\s*10|1위", r"순위"),
    },
    "awards": {
        "en": (r"(?:emmys?|golden\s+globes?|nominat\w+|awards?|wins?\s+best|bafta|sag\s+awards?|critics\s+choice|peabody|baeksang|blue\s+dragon)"
               r"(?![-\s](?:winning|winner|nominated))", r"trophy|honou?r"),
        "es": (r"premios?|nominad[ao]s?|nominaciones|galard[oó]n|galardonad[ao]", ""),
        "ko": (r"백상|수상|시상식|후보|대상", ""),
    },
    "interview": {
        "en": (r"interview|q\s*&\s*a|in\s+conversation|opens?\s+up|sits?\s+down\s+with|speaks?\s+(?:to|with|out)|tells\s+us|(?<!in\s)talks",
               r"\b(?:explains|reveals)\s+(?:why|how)|on\s+(?:playing|why|how|filming)"),
        "es": (r"entrevista|habla\s+(?:de|sobre|con)|conversamos|nos\s+cuenta", ""),
        "ko": (r"인터뷰|만났다|를\s*만나", ""),
    },
    "explainer": {
        "en": (r"everything\s+(?:we\s+know|to\s+know|you\s+need\s+to\s+know)|what\s+(?:we\s+know|to\s+know|you\s+need\s+to\s+know)"
               r"|explained|explainer|all\s+you\s+need\s+to\s+know|refresher|cheat\s+sheet|guide\s+to|how\s+to\s+watch"
               r"|(?:release\s+date|cast|plot|trailer|news),\s+(?:cast|plot|trailer|release\s+date|news)|,?\s+(?:and|&)\s+more$|\by\s+m[aá]s$",
               r"before\s+season\s+\d+|what\s+happened|timeline"),
        "es": (r"todo\s+lo\s+que\s+(?:sabemos|hay\s+que\s+saber|debes\s+saber|necesitas\s+saber)|lo\s+que\s+sabemos|explicad[ao]|explicaci[oó]n|gu[ií]a", ""),
        "ko": (r"총정리|모든\s*것|알아야\s*할|정리해\s*봤|한눈에", r"정리"),
    },
}
_EPISODE = re.compile(
    r"\bs(?P<s1>\d{1,2})\s*e(?P<e1>\d{1,3})\b|\bseason\s+(?P<s2>\d{1,2}),?\s+(?:episode|ep\.?)\s+(?P<e2>\d{1,3})\b"
    r"|\b(?:episode|ep\.?|episodio|cap[ií]tulo)\s+(?P<e3>\d{1,3})\b|(?:시즌\s*(?P<s4>\d{1,2})\s*)?(?P<e4>\d{1,3})\s*[회화]"
    r"|\btemporada\s+(?P<s5>\d{1,2})", re.IGNORECASE)
_SEASON = re.compile(r"\bseason\s+(\d{1,2})\b|\btemporada\s+(\d{1,2})\b|시즌\s*(\d{1,2})", re.IGNORECASE)


@dataclass(frozen=True)
class KindTag:
    kind: str                    # one of KINDS
    confidence: float            # 0..1
    evidence: str                # the cue text that decided it ("" for other)
    where: str                   # "headline" | "lede" | "body" | "" (other)
    season: int | None = None    # recaps only
    episode: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "confidence": self.confidence, "evidence": self.evidence,
                "where": self.where, "season": self.season, "episode": self.episode}


def _compile() -> dict[str, dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]]:
    def build(source: str) -> re.Pattern[str] | None:
        if not source:
            return None
        # Latin cues sit on word edges; Hangul cues need none (particles follow).
        return re.compile(rf"(?:(?<![\w])(?:{source})(?![a-z])|(?:{source})(?=[가-힣]))" if source.isascii()
                          else rf"(?:(?<![A-Za-z])(?:{source}))", re.IGNORECASE)
    return {kind: {lang: (build(strong), build(weak)) for lang, (strong, weak) in by_lang.items()}
            for kind, by_lang in CUES.items()}


_PATTERNS = _compile()


def _languages(language: str) -> tuple[str, ...]:
    code = (language or "").split("-")[0].lower()
    return ("en", code) if code in ("es", "ko") else ("en",) if code == "en" else ("en", "es", "ko")


def _scan(text: str, languages: tuple[str, ...]) -> dict[str, tuple[float, str]]:
    """Best cue weight and its text per kind in one piece of text."""
    found: dict[str, tuple[float, str]] = {}
    for kind, by_lang in _PATTERNS.items():
        for lang in languages:
            strong, weak = by_lang.get(lang, (None, None))
            for weight, pattern in ((STRONG, strong), (WEAK, weak)):
                if pattern is None or (kind in found and found[kind][0] >= weight):
                    continue
                match = pattern.search(text)
                if match is not None:
                    found[kind] = (weight, match.group(0).strip())
    return found


def _lede(body: str) -> str:
    stripped = body.lstrip()
    paragraph = stripped.find("\n\n", 0, LEDE_MAX_CHARS)
    return stripped[:paragraph if paragraph != -1 else LEDE_MAX_CHARS]


def _episode(text: str) -> tuple[int | None, int | None]:
    match = _EPISODE.search(text)
    season = episode = None
    if match is not None:
        groups = match.groupdict()
        season = next((int(groups[k]) for k in ("s1", "s2", "s4", "s5") if groups[k]), None)
        episode = next((int(groups[k]) for k in ("e1", "e2", "e3", "e4") if groups[k]), None)
    if season is None:
        plain = _SEASON.search(text)
        season = int(next(g for g in plain.groups() if g)) if plain else None
    return season, episode


def classify_kinds(title: str, body: str, show_aliases: Sequence[str], *,
                   language: str = "") -> list[KindTag]:
    """Kinds of the article for one show, best first (``other`` when none).

    ``show_aliases``: the alias the tagger matched (``ShowTag.alias``), ideally
    with the show's other catalog names; mentions are found case-insensitively.
    """
    if not isinstance(title, str) or not isinstance(body, str):
        raise TypeError("title and body must be str")
    if isinstance(show_aliases, str):
        raise TypeError("show_aliases must be a sequence of names, not one string")
    languages = _languages(language)
    pattern = alias_pattern(show_aliases)
    lede = _lede(body)
    lede_end = body.find(lede) + len(lede) if lede else 0
    named_up_front = pattern is None or bool(pattern.search(title) or pattern.search(lede)
                                             or not pattern.search(body))
    scores: dict[str, float] = {}
    evidence: dict[str, tuple[float, str, str]] = {}     # kind -> (place weight, cue, where)

    def add(found: dict[str, tuple[float, str]], place_weight: float, where: str, cap: float = 9.0) -> None:
        for kind, (weight, cue) in found.items():
            scores[kind] = scores.get(kind, 0.0) + min(cap, weight * place_weight)
            if kind not in evidence or evidence[kind][0] < weight * place_weight:
                evidence[kind] = (weight * place_weight, cue, where)

    headline = _scan(title, languages) if title.strip() else {}
    add(headline, HEADLINE_WEIGHT, "headline")
    if named_up_front and lede.strip():
        add(_scan(lede, languages), LEDE_WEIGHT, "lede")
    if pattern is not None and len(body) > lede_end:
        near: dict[str, float] = {}
        for start, end in split_sentences(body[lede_end:]):
            sentence = body[lede_end + start:lede_end + end]
            if not pattern.search(sentence):
                continue
            for kind, (weight, cue) in _scan(sentence, languages).items():
                gained = min(BODY_CAP - near.get(kind, 0.0), weight * BODY_WEIGHT)
                if gained > 0:
                    near[kind] = near.get(kind, 0.0) + gained
                    add({kind: (weight, cue)}, BODY_WEIGHT, "body")
    # A strong headline cue decides the article; weaker kinds then need more evidence.
    decided = {kind for kind, (weight, _) in headline.items() if weight >= STRONG}
    kept = [kind for kind, score in scores.items()
            if score >= KEEP_SCORE and (not decided or kind in decided or score >= BODY_ONLY_SCORE)]
    kept = _resolve(kept, headline, {k for k, v in scores.items() if v >= BODY_ONLY_SCORE})
    kept.sort(key=lambda k: (-(k in headline), -scores[k], KINDS.index(k)))
    tags: list[KindTag] = []
    for kind in kept[:MAX_KINDS]:
        season = episode = None
        if kind == "recap":
            season, episode = _episode(title + "\n" + lede)
        _, cue, where = evidence[kind]
        tags.append(KindTag(kind, round(min(1.0, scores[kind]), 3), cue, where, season, episode))
    return tags or [KindTag("other", 1.0, "", "")]


def _resolve(kinds: list[str], headline: dict[str, tuple[float, str]], strong: set[str]) -> list[str]:
    """Pairs that exclude each other: the headline's reading wins, else the stronger rule."""
    chosen = set(kinds)
    if "release_date" in chosen and "premiere" in chosen:
        chosen.discard("premiere" if "premiere" not in headline or "release_date" in headline else "release_date")
    if "explainer" in chosen:                 # "release date, cast, plot: everything we know"
        chosen = {k for k in chosen if k == "explainer" or k in strong}
    if "cancellation" in chosen and "renewal" in chosen:
        chosen.discard("renewal" if "renewal" not in headline or "cancellation" in headline else "cancellation")
    return [k for k in kinds if k in chosen]
