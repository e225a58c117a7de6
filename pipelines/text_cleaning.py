"""Pure text clean-up for article bodies and titles.

``clean_body`` normalizes Unicode and whitespace and removes page furniture
(share prompts, comment forms, teaser blocks, ad labels, cookie notices) that
extractors leave behind.  The furniture is matched line by line against the
data tables below: a line is removed only when the *whole line* is furniture
(``BOILERPLATE_LINES``), starts with a teaser label and is short
(``TEASER_PREFIXES``), is a theme leftover (``THEME_LEFTOVER``) or a short cookie
notice.  A real sentence that merely contains "subscribe" or "related" is kept.

``clean_title`` removes a site-name prefix or suffix ("... | Soompi").
"""
from __future__ import annotations

import html
import re
import unicodedata

# --- data: whole-line furniture (compared after ``_line_key``) -------------
SHARE_PROMPTS = frozenset({
    # en
    "share", "share post", "share this", "share this article", "share this story",
    "share this post", "share on facebook", "share on twitter", "share on x", "tweet",
    "pin it", "email this", "copy link", "subscribe", "subscribe now", "subscribe today",
    "sign up for our newsletter", "sign up for the newsletter", "subscribe to our newsletter",
    "get our newsletter", "follow us", "follow us on social media",
    # de / es / fr / ko
    "teilen", "artikel teilen", "beitrag teilen", "newsletter abonnieren", "jetzt abonnieren",
    "compartir", "compartir en facebook", "compartir en twitter", "suscríbete",
    "suscríbete a nuestro boletín", "partager", "partager cet article", "abonnez-vous",
    "inscrivez-vous à notre newsletter", "공유하기", "구독하기", "뉴스레터 구독",
})
COMMENT_FORMS = frozenset({
    "leave a reply", "leave a comment", "please enter your comment", "please enter your name here",
    "you have entered an incorrect email address", "cancel reply", "post comment",
    "your email address will not be published", "required fields are marked *",
    "your email address will not be published. required fields are marked *",
    "save my name, email, and website in this browser for the next time i comment",
    "comments", "0 comments", "no comments yet", "log in to comment",
    "kommentar schreiben", "hinterlasse einen kommentar", "antworten abbrechen", "kommentare",
    "deja una respuesta", "dejar un comentario", "cancelar respuesta", "comentarios",
    "laisser un commentaire", "laisser une réponse", "annuler la réponse", "commentaires",
    "댓글", "댓글쓰기", "댓글 작성",
})
TEASER_HEADINGS = frozenset({
    "related", "related posts", "related articles", "related stories", "related news",
    "more like this", "popular", "popular posts", "most popular", "most read", "read more",
    "read next", "you may also like", "you might also like", "recommended", "recommended for you",
    "trending", "trending now", "more stories", "more news", "latest news", "don't miss",
    "das könnte sie auch interessieren", "mehr zum thema", "weitere artikel", "ähnliche artikel",
    "auch interessant", "meistgelesen", "te puede interesar", "relacionado", "noticias relacionadas",
    "más leídas", "lo más leído", "leer más", "à lire aussi", "lire aussi", "articles similaires",
    "sur le même sujet", "les plus lus", "lire la suite", "관련기사", "관련 기사", "많이 본 뉴스",
    "인기 기사", "더보기",
})
AD_LABELS = frozenset({
    "advertisement", "advertisment", "ad", "ads", "sponsored", "sponsored content",
    "story continues below advertisement", "article continues below advertisement",
    "scroll to continue with content", "continue reading below", "skip to content",
    "anzeige", "werbung", "publicidad", "publicité", "광고",
    "accept", "accept all", "accept all cookies", "cookie settings", "manage cookies",
    "cookie policy", "privacy policy",
})
BOILERPLATE_LINES = SHARE_PROMPTS | COMMENT_FORMS | TEASER_HEADINGS | AD_LABELS

# A short line starting with one of these labels is an inline teaser ("RELATED: ...").
TEASER_PREFIXES = re.compile(
    r"^(?:read more|read next|related|see also|also read|more|watch|"
    r"lesen sie auch|mehr zum thema|auch interessant|lee también|lea también|"
    r"lire aussi|à lire aussi|관련기사|관련 기사)\s*[:：»›]\s*\S",
    re.IGNORECASE,
)
TEASER_PREFIX_MAX_WORDS = 25
# WordPress/Newspaper theme leftovers: "spot_imgspot_img", "spot_img".
THEME_LEFTOVER = re.compile(r"^(?:spot_img)+$|^(?:td_[a-z_]+)$", re.IGNORECASE)
COOKIE_NOTICE = re.compile(
    r"\bcookies?\b.*\b(?:accept|consent|agree|by continuing|akzeptier|zustimm|acept|accepter|"
    r"consentement|privacy)|\b(?:accept|agree|consent)\w*\b.*\bcookies?\b|쿠키",
    re.IGNORECASE,
)
COOKIE_NOTICE_MAX_WORDS = 60
# A teaser block at the end: items no longer than this, or ending in an ellipsis.
TEASER_ITEM_MAX_WORDS = 30

# U+200C/U+200D (ZWNJ/ZWJ) are kept: they change rendering in Persian/Indic text and emoji.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u180e\u200e\u200f"), None)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_LIST_MARKER = re.compile(r"^(?:[•·\-\*–—▪►✓]\s|\d{1,3}[.)]\s)")
_KEY_STRIP = " \t:：!.…»›>|*-–—"


def _decode_entities(text: str) -> str:
    """Decode HTML entities, twice at most (feeds often double-escape: ``&amp;#8217;``)."""
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return text


def normalize_text(text: str) -> str:
    """NFC, entities decoded, invisible and control chars removed, spaces folded per line."""
    text = _decode_entities(unicodedata.normalize("NFC", text or ""))
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _line_key(line: str) -> str:
    return " ".join(line.casefold().strip(_KEY_STRIP).split())


def is_teaser_heading(line: str) -> bool:
    return _line_key(line) in TEASER_HEADINGS


def is_boilerplate_line(line: str) -> bool:
    """True when the whole line is page furniture, never for a sentence merely using the words."""
    key = _line_key(line)
    if not key:
        return False
    if key in BOILERPLATE_LINES or THEME_LEFTOVER.match(key.replace(" ", "")):
        return True
    words = len(line.split())
    if TEASER_PREFIXES.match(line.strip()) and words <= TEASER_PREFIX_MAX_WORDS:
        return True
    return words <= COOKIE_NOTICE_MAX_WORDS and bool(COOKIE_NOTICE.search(line))


def _join_lines(lines: list[str]) -> str:
    """Fold a paragraph's lines into one, keeping line breaks before list items."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif _LIST_MARKER.match(line) or _LIST_MARKER.match(out.rsplit("\n", 1)[-1]):
            out += "\n" + line
        else:
            out += " " + line
    return out


def _is_teaser_item(paragraph: str) -> bool:
    stripped = paragraph.rstrip()
    return (len(stripped.split()) <= TEASER_ITEM_MAX_WORDS
            or stripped.endswith(("...", "…")) or is_boilerplate_line(stripped))


def _cut_teaser_tail(paragraphs: list[str]) -> list[str]:
    """Drop a teaser heading and everything after it when the rest is only teasers."""
    total = sum(len(p.split()) for p in paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if not is_teaser_heading(paragraph):
            continue
        tail = paragraphs[index + 1:]
        tail_words = sum(len(p.split()) for p in tail)
        if all(_is_teaser_item(p) for p in tail) and tail_words <= total - tail_words:
            return paragraphs[:index]
    return paragraphs


def clean_body(text: str | None) -> str:
    """Clean an extracted body: paragraphs joined by a blank line, furniture removed.

    >>> clean_body("Hello&nbsp;world.\\n\\nShare post:\\n\\nSubscribe")
    'Hello world.'
    """
    if not text:
        return ""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", normalize_text(text)):
        run: list[str] = []
        for line in block.split("\n"):
            if line and not is_boilerplate_line(line):
                run.append(line)
                continue
            if run:
                paragraphs.append(_join_lines(run))
                run = []
            if is_teaser_heading(line):  # kept for now: it may start a teaser tail
                paragraphs.append(line)
        if run:
            paragraphs.append(_join_lines(run))
    paragraphs = _cut_teaser_tail(paragraphs)
    return "\n\n".join(p for p in paragraphs if not is_boilerplate_line(p))


# --- the head of the body: repeated headline, byline, credit line --------------
_BYLINE_WORDS = frozenset({"by", "von", "par", "por", "door", "av", "af", "di"})
_KOREAN_BYLINE = re.compile(r"^[\uac00-\ud7a3]{2,4}\s?기자(?:\s|$|[|·/])")
BYLINE_MAX_WORDS = 15
_CREDIT = re.compile(
    r"^(?:originally (?:published|appeared) (?:by|on|in|at)|this (?:story|article) "
    r"(?:originally |first )?(?:appeared|was published) (?:on|in))\b",
    re.IGNORECASE,
)
HEAD_PARAGRAPHS_CHECKED = 4


def _is_byline(paragraph: str) -> bool:
    """'By Jane Doe, Staff Writer | Site', 'von Max Muster', '최도윤 기자' (not 'By the end…')."""
    words = paragraph.split()
    if len(words) > BYLINE_MAX_WORDS:
        return False
    if _KOREAN_BYLINE.match(paragraph):
        return True
    return len(words) >= 2 and words[0].lower() in _BYLINE_WORDS and words[1][:1].isupper()


def strip_body_head(body: str, title: str) -> str:
    """Drop a repeated headline, bylines and credit lines from the top of a body.

    Extraction keeps the headline in the body (the corpus counts it as text);
    stored bodies start with the article's first real paragraph, so that the
    same story under another site's byline and credit line is an identical copy.

    >>> strip_body_head("Big news\\n\\nBy Ann Lee | Site\\n\\nThe show returns.", "Big news")
    'The show returns.'
    """
    paragraphs = body.split("\n\n")
    title_key = _line_key(title) if title else ""
    kept_from = 0
    for index, paragraph in enumerate(paragraphs[:HEAD_PARAGRAPHS_CHECKED]):
        credit = _CREDIT.match(paragraph) and len(paragraph.split()) <= BYLINE_MAX_WORDS
        if (title_key and _line_key(paragraph) == title_key) or _is_byline(paragraph) or credit:
            kept_from = index + 1
        else:
            break
    rest = paragraphs[kept_from:]
    return "\n\n".join(p for p in rest if not (_CREDIT.match(p) and len(p.split()) <= BYLINE_MAX_WORDS))


# --- titles ------------------------------------------------------------------
_SEPARATORS = re.compile(r"\s+(\||–|—|-|::|·|»|//|•)\s+")
# Words that follow a separator without being a brand ("Squid Game 2 - Review").
NOT_BRAND = frozenset({
    "review", "recap", "trailer", "teaser", "interview", "exclusive", "explained", "ending explained",
    "watch", "photos", "pictures", "video", "videos", "update", "live", "breaking", "opinion",
    "analysis", "first look", "spoilers", "kritik", "rezension", "crítica", "reseña", "critique",
    "part one", "part two", "finale", "premiere",
})
# A segment with one of these words is part of the title ("... – Until Now"), not a brand.
FUNCTION_WORDS = frozenset({
    "until", "now", "and", "or", "of", "for", "to", "in", "on", "with", "how", "why", "what", "when", "who",
    "is", "are", "was", "not", "no", "again", "ever", "never", "und", "oder", "mit", "für", "von", "zu", "im",
    "wie", "ist", "nicht", "y", "la", "el", "en", "con", "es", "et", "le", "les", "pour", "des", "est",
})
_BRAND_MAX_WORDS = 4
_BRAND_MAX_CHARS = 32


def _brand_key(text: str) -> str:
    key = text.casefold()
    key = re.sub(r"^(?:https?://)?(?:www\.)?", "", key)
    key = re.sub(r"\.(?:com|net|org|co\.[a-z]{2}|[a-z]{2})$", "", key)
    return re.sub(r"[\W_]+", "", key)


def _names_site(segment: str, site_key: str) -> bool:
    """"Variety" for site "variety.com"; "Osthessen|News" for "osthessen-news"; "ABC7 News" for "abc7"."""
    key = _brand_key(segment)
    if not key:
        return False
    if key == site_key:
        return True
    shorter, longer = sorted((key, site_key), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter) and len(segment.split()) <= _BRAND_MAX_WORDS


def _looks_like_brand(segment: str) -> bool:
    words = segment.split()
    if not words or len(words) > _BRAND_MAX_WORDS or len(segment) > _BRAND_MAX_CHARS:
        return False
    if len(words) > 1 and any(w.casefold() in FUNCTION_WORDS for w in words):
        return False
    if _line_key(segment) in NOT_BRAND or re.search(r"\b(?:season|episode|part|staffel|temporada|saison)\b",
                                                    segment, re.IGNORECASE):
        return False
    if segment.rstrip()[-1:] in "?!.,;" or re.fullmatch(r"[\d\W]+", segment):
        return False
    if re.search(r"\.[a-z]{2,}$", segment, re.IGNORECASE):  # variety.com
        return True
    return all(w[:1].isupper() or w[:1].isdigit() or not w[:1].isalpha() for w in words)


def _split_title(title: str) -> tuple[list[str], list[str]]:
    parts = _SEPARATORS.split(title)
    return parts[0::2], parts[1::2]


def clean_title(title: str | None, site_name: str | None = None) -> str:
    """Remove a site-name prefix/suffix from a title.

    With ``site_name`` every leading or trailing segment naming the site goes.
    A title that is only the site name is returned as it is (nothing is lost).
    Without it (or when no segment names the site), only one trailing segment goes, and only when it looks like a
    brand (short, capitalized or a domain, not "Review"/"Trailer"/...) and a
    title of at least three words remains; a " - " separator also needs the
    brand to be at most three words.
    """
    text = " ".join(normalize_text(title or "").split()).strip(" |–—-:·/•")
    site_key = _brand_key(site_name) if site_name else ""
    segments, seps = _split_title(text)
    if len(segments) < 2:
        return text
    before = len(segments)
    if site_key:
        while len(segments) > 1 and _names_site(segments[-1], site_key):
            segments, seps = segments[:-1], seps[:-1]
        while len(segments) > 1 and _names_site(segments[0], site_key):
            segments, seps = segments[1:], seps[1:]
    if len(segments) == before and len(segments) > 1:
        last, sep = segments[-1], seps[-1]
        rest = " ".join(segments[:-1])
        strict = sep == "-"
        if (_looks_like_brand(last) and len(rest.split()) >= 3
                and (not strict or len(last.split()) <= 3)):
            segments, seps = segments[:-1], seps[:-1]
    out = segments[0]
    for sep, segment in zip(seps, segments[1:]):
        out += f" {sep} {segment}"
    return out.strip()


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def count_words(text: str | None) -> int:
    """Whitespace-separated words; Chinese/Japanese characters (no spaces) count two per word."""
    text = text or ""
    cjk = len(_CJK_CHAR.findall(text))
    if not cjk:
        return len(text.split())
    return len(_CJK_CHAR.sub(" ", text).split()) + (cjk + 1) // 2
