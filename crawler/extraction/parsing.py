"""Text -> one lxml tree that every extraction module reads (and never changes)."""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from .errors import ExtractionError

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_TAG = re.compile(r"<\s*[a-zA-Z!]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def make_parser() -> HTMLParser:
    """The parser settings trafilatura uses too (comments and PIs dropped)."""
    return HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)


def parse_html(text: str) -> HtmlElement:
    """Parse a page into an lxml tree; raise ExtractionError if it is not HTML at all."""
    if not text or not text.strip():
        raise ExtractionError("empty input")
    if text.count("\x00") > len(text) // 100 + 1:
        raise ExtractionError("binary input, not HTML")
    if not _TAG.search(text[:65536]):
        raise ExtractionError("no HTML markup found")
    text = _CONTROL.sub(" ", _XML_DECL.sub("", text, count=1))
    try:
        tree = document_fromstring(text, parser=make_parser())
    except (etree.ParserError, ValueError) as err:
        raise ExtractionError(f"cannot parse HTML: {err}") from err
    if tree is None or len(tree) == 0:
        raise ExtractionError("no HTML elements found")
    return tree
