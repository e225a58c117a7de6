"""Text -> one lxml tree that every extraction module reads (and never changes)."""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import (HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction,
                       document_fromstring)

from .errors import ExtractionError

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_TAG = re.compile(r"<\s*[a-zA-Z!]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])  # the same characters


def make_parser(encoding: str | None = None) -> HTMLParser:
    """The parser settings trafilatura uses too (comments and PIs dropped).

    Every element is a plain ``HtmlElement``: lxml.html's own class lookup is a
    Python call per element proxy (it only adds form-widget subclasses nobody
    here uses), this C-level lookup is several times cheaper on every tree walk.
    """
    parser = HTMLParser(encoding=encoding, collect_ids=False, default_doctype=False, remove_comments=True,
                        remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


def parse_html(text: str) -> HtmlElement:
    """Parse a page into an lxml tree; raise ExtractionError if it is not HTML at all."""
    if not text or not text.strip():
        raise ExtractionError("empty input")
    # UTF-8 keeps every ASCII control character as its own byte (and makes no others), so the
    # bytes answer "how many NULs / any control characters?" with C-speed scans; libxml2 also
    # parses them faster than a str, which lxml hands over as UTF-16/UCS-4 to be converted.
    try:
        data: bytes | None = text.encode("utf-8")
        probe = data
    except UnicodeEncodeError:  # lone surrogates: parse the str as it is
        data, probe = None, text.encode("utf-8", "surrogatepass")
    if b"\x00" in probe and probe.count(b"\x00") > len(text) // 100 + 1:
        raise ExtractionError("binary input, not HTML")
    if not _TAG.search(text[:65536]):
        raise ExtractionError("no HTML markup found")
    changed = False
    if _XML_DECL.match(text):
        text, changed = _XML_DECL.sub("", text, count=1), True
    if len(probe.translate(None, _CONTROL_BYTES)) != len(probe):
        text, changed = _CONTROL.sub(" ", text), True
    if changed and data is not None:
        data = text.encode("utf-8")
    try:
        if data is not None:
            tree = document_fromstring(data, parser=make_parser("utf-8"))
        else:
            tree = document_fromstring(text, parser=make_parser())
    except (etree.ParserError, ValueError) as err:
        raise ExtractionError(f"cannot parse HTML: {err}") from err
    if tree is None or len(tree) == 0:
        raise ExtractionError("no HTML elements found")
    return tree
