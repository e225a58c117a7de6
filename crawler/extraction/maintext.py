"""Main text: trafilatura on the shared tree, then our boilerplate line filter."""
from __future__ import annotations

import re
from copy import deepcopy

from lxml.html import HtmlElement

from .dateparse import find_relative, iter_formatted

# Whole lines that are page furniture, never article text.
_BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"(?:date|datum|posted|published|updated|by|author|tags?|categories|category|filed under|share|"
    r"share (?:this|post|article|on)|teilen|partager|compartir|공유)\s*:?\s*"
    r"|spot_img(?:spot_img)*"
    r"|subscribe|abonnieren|newsletter|sign up(?: for our newsletter)?.*"
    r"|popular|popular posts|most popular|trending|more like this|related|related posts|related articles|"
    r"you may also like|recommended(?: for you)?|read more|read next|also read|weitere artikel|das könnte sie auch interessieren"
    r"|(?:facebook|twitter|pinterest|whatsapp|linkedin|telegram|email|e-mail|print|reddit|tumblr)(?:\s+(?:facebook|twitter|pinterest|whatsapp|linkedin|telegram|email|e-mail|print|reddit|tumblr))*"
    r"|leave a (?:reply|comment)|please enter your (?:comment|name here|email address here).*|post comment"
    r"|save my name, email, and website in this browser.*|you have entered an incorrect email address!?"
    r"|(?:\d+\s+)?comments?|no comments(?: yet)?|share post|share on facebook|share on twitter|tweet"
    r")\s*[:!.]?$",
    re.IGNORECASE,
)
# Lines after which everything is comment form, teasers or newsletter.
_TAIL_MARKER = re.compile(
    r"^(?:leave a (?:reply|comment)|please enter your comment!?|more like this|related posts|"
    r"you may also like|comments are closed\.?|schreibe einen kommentar|kommentar verfassen|"
    r"laisser un commentaire|deja una respuesta|댓글(?:을)? (?:남기기|쓰기|작성))\s*[:!.]?$",
    re.IGNORECASE,
)
_MIN_WORDS_BEFORE_CUT = 20


def filter_boilerplate(lines: list[str]) -> list[str]:
    """Drop furniture lines; cut the tail at the comment form / teaser block."""
    kept: list[str] = []
    words = 0
    for line in lines:
        text = " ".join(line.split())
        if not text:
            continue
        if words >= _MIN_WORDS_BEFORE_CUT and _TAIL_MARKER.match(text):
            break
        if _BOILERPLATE_LINE.match(text.lstrip("-•* ")):
            continue
        kept.append(text)
        words += len(text.split())
    return kept


def unwrap_layout_tables(tree: HtmlElement) -> HtmlElement:
    """A copy of the tree where tables used for page layout become plain blocks.

    Old sites put the whole page in one table; trafilatura would then render
    the article as one table row.  A table counts as layout when it holds
    paragraphs, headings or other tables.  The tree is returned unchanged
    (not copied) when there is no such table.
    """
    if not tree.xpath("//table[.//p or .//table or .//h1 or .//h2]"):
        return tree
    work = deepcopy(tree)
    for table in work.xpath("//table[.//p or .//table or .//h1 or .//h2]"):
        for element in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
            element.tag = "div"
            for attribute in ("colspan", "rowspan", "width", "valign", "align"):
                element.attrib.pop(attribute, None)
    return work


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def strip_header_lines(body: str, authors: list[str]) -> str:
    """Drop the byline and dateline lines that trafilatura keeps at the top of the text.

    The title line stays: it is part of the text as readers see it (and of
    the reference annotations this was measured on).
    """
    paragraphs = body.split("\n\n")
    author_norms = [_norm(a) for a in authors if a]
    kept: list[str] = []
    for paragraph in paragraphs[:4]:  # only the first paragraphs can be a byline or dateline
        words = len(paragraph.split())
        if author_norms and words <= 8:
            norm = _norm(paragraph)
            if any(a and a in norm for a in author_norms) \
                    and not re.search(r"[.!?]\s*$", paragraph.strip()[:-1] or "."):
                continue
        if words <= 10 and _is_dateline(paragraph):
            continue
        kept.append(paragraph)
    return "\n\n".join(kept + paragraphs[4:])


_DATE_LABEL = re.compile(
    r"\b(?:published|posted|updated|on|at|veröffentlicht|aktualisiert|erschienen|am|um|uhr|publié|le|publicado|el|"
    r"stand|date|datum)\b|입력|수정", re.IGNORECASE)


def _is_dateline(paragraph: str) -> bool:
    """A short paragraph that is only a date, maybe with a label ("Veröffentlicht am 12. März 2026")."""
    found = iter_formatted(paragraph) or ([(0, "", rel[1])] if (rel := find_relative(paragraph, None)) else [])
    if not found:
        return False
    rest = paragraph.replace(found[0][2], " ")
    rest = _DATE_LABEL.sub(" ", rest)
    return len(re.findall(r"\w+", rest)) <= 2


# When trafilatura's fast pass keeps less than this share of the words in the
# whole document, its full pass (which also tries readability and jusText) runs.
# Fitted on ../shared/corpus/trafilatura-eval (docs/extraction.md): the full pass
# then runs on ~7 % of pages and the body scores match or beat full mode everywhere.
FULL_PASS_BELOW_SHARE = 0.04


def document_words(tree: HtmlElement) -> int:
    """Words of all text in the document, script and style text included (cheap, and
    what ``FULL_PASS_BELOW_SHARE`` was fitted on)."""
    return len(tree.text_content().split())


def _trafilatura_text(tree: HtmlElement, url: str, *, fast: bool, favor_precision: bool) -> str:
    import trafilatura

    return trafilatura.extract(
        tree,
        url=url or None,
        fast=fast,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
        favor_precision=favor_precision,
        deduplicate=False,
    ) or ""


def extract_main_text(tree: HtmlElement, url: str = "", *, favor_precision: bool = False) -> str:
    """Plain text of the article body, paragraphs separated by a blank line.

    trafilatura runs first in its fast mode (its own extractor only); when that
    keeps less than ``FULL_PASS_BELOW_SHARE`` of the document's words, or
    nothing, its full mode (which also tries readability and jusText) runs.
    trafilatura copies the tree before cleaning it, so the shared tree is not
    changed; its own metadata extraction is switched off (``with_metadata=False``).
    """
    work = unwrap_layout_tables(tree)
    text = _trafilatura_text(work, url, fast=True, favor_precision=favor_precision)
    if not text or len(text.split()) < FULL_PASS_BELOW_SHARE * document_words(work):
        text = _trafilatura_text(work, url, fast=False, favor_precision=favor_precision) or text
    if not text:
        return ""
    return "\n\n".join(filter_boilerplate(text.split("\n")))


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # kana and Han: no spaces between words
_WORD = re.compile(r"[^\W_]+")


def count_words(text: str) -> int:
    """Words in the body: runs of letters/digits; each Chinese/Japanese character counts as one."""
    cjk = len(_CJK_CHAR.findall(text))
    return cjk + len(_WORD.findall(_CJK_CHAR.sub(" ", text) if cjk else text))
