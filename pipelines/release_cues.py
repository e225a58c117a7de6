"""Cue words for release claims in English, Spanish and Korean (pure).

Used by pipelines/release_claims.py: which words make a date a *release*
date or a *production* date, which verbs put it in the past, which phrases say
"no date yet", which words set the certainty of a claim, sentence and clause
splitting, and season numbers inside a sentence.
"""
from __future__ import annotations

import re

from pipelines.show_season import NUMBER_WORDS

_NETWORKS = (r"netflix|hbo|max|disney\+?|hulu|apple(?:\s+tv\+?)?|prime\s+video|amazon|paramount\+?|peacock"
             r"|the\s+streamer|the\s+network|the\s+studio|tvn|jtbc|sbs|kbs|mbc|tving|wavve|coupang\s+play")

RELEASE_CUE = re.compile(
    r"\b(?:premier(?:e|es|ed|ing)|releas(?:e|es|ed|ing)|debut(?:s|ed|ing)?|arriv(?:e|es|ed|ing|al)"
    r"|return(?:s|ed|ing)?|comeback|come\s+back|coming\s+back|back\s+on|drop(?:s|ped|ping)?"
    r"|launch(?:es|ed|ing)?|bow(?:s|ed)?|stream(?:s|ed|ing)?|air(?:s|ed|ing)?|hits?\s+(?:netflix|screens|streaming)"
    r"|land(?:s|ed|ing)?|come\s+out|comes\s+out|out\s+(?:by|in|on|this|next|before)|coming|wait(?:ing)?\s+(?:until|till)|slated|window|due(?!\s+to)"
    r"|available|bow|estren\w*|lleg\w+|lanzamiento|disponible|regres\w+|vuelve|volver\w+|emitir\w+"
    r"|emisi[oó]n|ver\s+la\s+luz|(?:official|premiere|release|air|launch)\s+date|slip(?:s|ped|ping)?\s+(?:in)?to|push(?:ed|es)?\s+(?:back\s+)?(?:in)?to"
    r"|delay(?:s|ed)?|pushed|postpone[sd]?|rollout|se\s+retras\w+|(?:be|is|are|comes?)\s+back)\b"
    r"|공개|방송|방영|편성|첫방|첫\s*선|돌아온|찾아온|출시|스트리밍",
    re.IGNORECASE)

# Scheduling words: a release date only when the sentence says nothing about filming.
WEAK_RELEASE_CUE = re.compile(
    r"\b(?:scheduled|set\s+for|planned|eye[ds]?|eyeing|aim(?:s|ing)?\s+for|target(?:s|ing|ed)?|expected\s+(?:in|by|for)"
    r"|rumou?red\s+for|tipped\s+for|pencil+ed\s+in|earmarked|floated|floating|mooted|in\s+play|previst[ao]|programad[ao]"
    r"|(?:new|next|upcoming|second|third|fourth|fifth|final)\s+season|season\s+\d{1,2}|new\s+episodes|temporada)\b"
    r"|목표|예정|시즌\s*\d", re.IGNORECASE)

# Other dated events that are not the release: a date nearer to these is not a release claim.
OTHER_EVENT_CUE = re.compile(
    r"\b(?:trailers?|teasers?|first\s+look|posters?|emmys?|awards?|campaign|panel|comic-con|festival|ceremony"
    r"|nominations?|tr[aá]iler|avance|premios?)\b|예고편|티저|시상식|포스터", re.IGNORECASE)

PRODUCTION_CUE = re.compile(
    r"\b(?:film(?:s|ed|ing)?|shoot(?:s|ing)?|shot|wrap(?:s|ped|ping)?|(?<!the\s)production|post-production"
    r"|the\s+edit|editing|reshoots?|effects\s+work|vfx|sound\s+mix\w*|finishing\s+work"
    r"|principal\s+photography|cameras?|on\s+set|table\s+read|rodaje|rodar\w*|grabaci[oó]n(?:es)?"
    r"|grabar\w*|filmaci[oó]n)\b"
    r"|촬영|크랭크인|크랭크업",
    re.IGNORECASE)

PAST_RELEASE = re.compile(
    r"\b(?:premiered|debuted|aired|dropped|arrived|launched|bowed|landed|returned|came\s+out"
    r"|(?:was|were)\s+released|released\s+(?:in|on|back)|first\s+aired|hit\s+(?:netflix|screens|streaming)"
    r"|since\s+(?:its|the|their|the\s+show['’]s|the\s+series['’])\s+(?:\w+\s+)?(?:debut|premiere|release|launch)"
    r"|estrenó|llegó|debutó|se\s+lanzó|fue\s+lanzad[ao]|salió|se\s+emitió|regresó|volvió)(?!\w)"
    r"|공개됐|공개되었|공개했|방영됐|방영되었|방송됐|방송되었|선보였|첫선을\s*보였",
    re.IGNORECASE)

FUTURE_MARKER = re.compile(
    r"\b(?:will|won['’]t|['’]ll|is\s+set|are\s+set|set\s+to|slated|scheduled|expected|likely|could|may"
    r"|might|should|would|planned|plans|aims?|aiming|targeting|eyeing|upcoming|next|coming|going\s+to"
    r"|to\s+(?:premiere|debut|arrive|return|release|drop|launch|be\s+released)"
    r"|se\s+estrenar[aá]|llegar[aá]|estar[aá]|ser[aá]|volver[aá]|regresar[aá]|podr[ií]a|pr[oó]xim[ao])\b"
    r"|예정|된다|될\s*것|할\s*것|전망|예상|계획",
    re.IGNORECASE)

NO_DATE = re.compile(
    r"\bno\s+(?:official\s+|confirmed\s+|firm\s+|exact\s+|set\s+)?(?:premiere|release|launch|air|debut|return)\s+(?:date|window)"
    r"|\b(?:has|have|had)(?:\s+not|n['’]t)\s+(?:yet\s+)?(?:set|announced|revealed|confirmed|given|shared|locked\s+in)"
    r"\s+(?:a|an|the|any)\s+(?:official\s+)?(?:premiere|release|debut|return)\s+(?:date|window)"
    r"|\b(?:premiere|release|debut)\s+date(?:\s+for\s+[^.,;]{1,60}?)?\s+(?:is\s+|has\s+|remains\s+)?(?:still\s+)?"
    r"(?:yet\s+to\s+be\s+(?:announced|confirmed|revealed|set)|TBA|TBD|unknown|unannounced|under\s+wraps"
    r"|(?:has\s+)?(?:not|n['’]t)\s+(?:yet\s+)?(?:been\s+)?(?:announced|confirmed|set|revealed))"
    r"|\byet\s+to\s+(?:receive|get|be\s+given|announce|set|reveal)\s+(?:a|an|its)\s+(?:official\s+)?(?:premiere|release)\s+date"
    r"|\bwithout\s+(?:a|an)\s+(?:official\s+)?(?:premiere|release)\s+date"
    r"|\b(?:sin|no\s+tiene|a[uú]n\s+no\s+tiene|todav[ií]a\s+no\s+tiene)\s+(?:una\s+)?fecha\s+(?:oficial\s+)?de\s+(?:estreno|lanzamiento)"
    r"|\bfecha\s+de\s+estreno(?:\s+de\s+[^.;]{1,60}?)?\s+(?:est[aá]\s+)?(?:a[uú]n\s+|todav[ií]a\s+)?(?:no\s+ha\s+sido\s+(?:anunciada|confirmada|revelada)|por\s+(?:confirmar|anunciar)|se\s+desconoce)"
    r"|(?:공개|방송|방영|편성)\s*(?:일|일정|시기|날짜|날)(?:은|는|이|가)?\s*(?:아직\s*)?(?:미정|정해지지\s*않|확정되지\s*않|알려지지\s*않|공개되지\s*않)",
    re.IGNORECASE)

# A window recalled as an old claim ("Earlier this year, reports pointed to 2026"),
# or one said to be wrong, is not a claim the article makes.
PAST_CLAIM = re.compile(
    r"\b(?:earlier\s+this\s+year|back\s+in|at\s+one\s+point|for\s+a\s+while|as\s+recently\s+as|over\s+the\s+(?:summer|spring|winter)"
    r"|at\s+the\s+start\s+of\s+the\s+year|previously|had\s+(?:pointed|been\s+(?:expected|reported|rumou?red))|pointed\s+(?:to|toward)"
    r"|earlier\s+reports|turned\s+out|proved|was\s+wrong|never\s+(?:came|originated|was|were|materiali[sz]ed)|used\s+to"
    r"|was\s+(?:the\s+assumption|treated\s+as)|looked\s+(?:certain|like\s+a\s+given)|seemed\s+(?:locked|a\s+given|certain))\b"
    r"|앞서|한때|기도\s*했다|바\s*있다|제기됐다", re.IGNORECASE)

# Certainty classes, strongest claim on the reader first: a rumour stays a rumour
# even when a report repeats it; a report with a hedge is still a report.
NEGATED_OFFICIAL = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:been\s+)?(?:officially\s+)?(?:confirmed|announced|official)|unconfirmed|no\s+official"
    r"|yet\s+to\s+(?:be\s+)?(?:confirm|announce)\w*|(?:hasn|haven|didn)['’]t\s+(?:yet\s+)?(?:confirmed|announced|confirm|announce)"
    r"|(?:has|have|did)\s+not\s+(?:yet\s+)?(?:confirmed|announced|confirm|announce)|sin\s+confirmar|no\s+confirmad[ao])\b"
    r"|확정되지\s*않|확정된\s*바\s*없|정해진\s*(?:것이|바)\s*없|공식\s*발표(?:는|가)?\s*(?:없|아직)",
    re.IGNORECASE)
CERTAINTY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rumoured", re.compile(
        r"\b(?:rumou?r(?:s|ed)?|circulat\w+|whispers?|buzz|insiders?|leak(?:s|ed)?|tentative(?:ly)?"
        r"|unconfirmed|fan\s+theor\w+|chatter|gossip|talk\s+(?:of|around)|doing\s+the\s+rounds|making\s+the\s+rounds"
        r"|(?:being\s+)?floated|mooted|word\s+is|se\s+rumorea|rumor(?:es)?|filtrad\w+|sin\s+confirmar)\b"
        r"|루머|소문|설이|설도|공개설|방송설|카더라|추측|일각|이야기가\s*나오", re.IGNORECASE)),
    ("reported", re.compile(
        r"\b(?:reportedly|reports?|reported|according\s+to|sources?|is\s+said\s+to|are\s+said\s+to|per\s+(?:variety|deadline)"
        r"|familiar\s+with|briefed\s+on|close\s+to\s+the|people\s+near|is\s+understood\s+to"
        r"|variety|deadline|the\s+hollywood\s+reporter|thr|expected|se\s+espera|según|seg[uú]n|informa\w*|report(?:e|a)\w*|fuentes)\b"
        r"|보도|전해졌|알려졌|따르면|관계자|예상|전망", re.IGNORECASE)),
    ("speculation", re.compile(
        r"\b(?:could|might|(?-i:may)|possibly|possible|possibility|potentially|perhaps|likely|unlikely|probably|predict\w*"
        r"|guess\w*|hop(?:e|es|ed|ing)|would|should|we\s+(?:think|expect|predict)|estimat\w+|speculat\w+|podr[ií]a|posiblemente"
        r"|probablemente|quiz[aá]s?|tal\s+vez)\b"
        r"|가능성|듯|것으로\s*보인다|점쳐|유력", re.IGNORECASE)),
    ("official", re.compile(
        rf"\b(?:confirm(?:s|ed|ing)?|announc(?:e|es|ed|ing)|officially|official|revealed|unveiled|dated"
        rf"|according\s+to\s+(?:{_NETWORKS})|press\s+release|oficial(?:mente)?|confirm[oó]|anunci[oó]|confirmad[ao]"
        rf"|anunciad[ao]|(?:{_NETWORKS})\s+(?:said|says|told|revealed))\b|공식|확정|발표|밝혔", re.IGNORECASE)),
)
CERTAINTY_ORDER = ("rumoured", "reported", "speculation", "official")

_ABBREVIATION_END = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Jr|Sr|St|vs|No|Vol|Ep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|U\.S|U\.K|Inc|Co|Corp|approx|est|Sra?|Dra?)\.)$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?。])[\"”’')\]]*\s+|\n+|(?<=[!?])(?=[¿¡])")
CLAUSE_BREAK = re.compile(
    r"\s*[;—–(){}\[\]]\s*|\s+-\s+|\s*:\s+"
    r"|,\s+(?=(?:with|but|while|and|although|though|whereas|which|yet|or|ending|closing|putting|after|following|despite"
    r"|pero|aunque|mientras|y|con|sino)\b)"
    r"|(?<=[지며고])만?,\s+|(?<=데),\s+",
    re.IGNORECASE)

_NUM = r"\d{1,2}(?:st|nd|rd|th)?|" + "|".join(sorted((w for w, n in NUMBER_WORDS.items() if n), key=len, reverse=True))
SEASON_MENTION = re.compile(
    rf"\b(?:season|series|temporada)\s+(?P<a>{_NUM})\b|\b(?P<b>{_NUM})\s+(?:and\s+(?:final|last)\s+)?(?:season|temporada)\b"
    rf"|\bS(?P<c>\d{{1,2}})(?:E\d{{1,3}})?\b|(?:시즌|시리즈)\s*(?P<d>\d{{1,2}})|(?P<e>\d{{1,2}})\s*기\b",
    re.IGNORECASE)


# "the first season wrapped": a season named as the subject of a past event.
PAST_SEASON_AFTER = re.compile(
    r"\W*(?:\w+\W+){0,2}?(?:premiered|aired|ended|wrapped|debuted|was|concluded|finished|dropped|arrived"
    r"|공개됐|방영됐|se\s+estrenó|terminó)", re.IGNORECASE)


def season_number(token: str) -> int | None:
    token = token.lower()
    digits = re.match(r"^(\d{1,2})", token)
    value = int(digits.group(1)) if digits else NUMBER_WORDS.get(token)
    return value if value and 1 <= value <= 40 else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; newlines always break (headings, list items)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        piece = text[start:match.start()].rstrip()
        if "\n" not in match.group(0) and _ABBREVIATION_END.search(piece):
            continue                                   # "Dec. 3", "U.S. viewers"
        if piece.strip():
            spans.append(_trimmed(text, start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` around the span ``start..end`` (sentence offsets)."""
    left, right = 0, len(sentence)
    for match in CLAUSE_BREAK.finditer(sentence):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return left, right


def certainty_of(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The strongest certainty class whose cues appear in ``text``, with the cues."""
    negated = [m.span() for m in NEGATED_OFFICIAL.finditer(text)]
    found: dict[str, list[str]] = {}
    for name, pattern in CERTAINTY_CUES:
        for match in pattern.finditer(text):
            if name == "official" and any(a <= match.start() < b for a, b in negated):
                continue
            found.setdefault(name, []).append(match.group(0))
    for name in CERTAINTY_ORDER:
        if name in found:
            return name, tuple(found[name])
    return None, ()


def nearest_cue(pattern: re.Pattern[str], text: str, start: int, end: int, reach: int,
                within: tuple[int, int] | None = None) -> tuple[int, re.Match[str]] | None:
    """The match of ``pattern`` closest to the span (outside it, at most ``reach``
    characters away, inside ``within`` when given) and its distance.  A cue after
    the span counts double: English and Spanish put the verb before the date
    ("pushed to the fall, because of effects work")."""
    best: tuple[int, re.Match[str]] | None = None
    low, high = within or (0, len(text))
    for match in pattern.finditer(text, low, high):
        if match.start() < end and match.end() > start:
            continue
        gap = start - match.end() if match.end() <= start else 2 * (match.start() - end)
        if gap <= reach and (best is None or gap < best[0]):
            best = (gap, match)
    return best


def is_past_release(text: str, cue: re.Match[str], clause: str) -> bool:
    """The release word nearest the date is in the past ("premiered", "was released",
    "since its debut") and its clause has no future marker."""
    base = max(0, cue.start() - 40)
    past = any(base + m.start() < cue.end() and base + m.end() > cue.start()
               for m in PAST_RELEASE.finditer(text, base, cue.end() + 4))
    return past and not FUTURE_MARKER.search(clause)
