"""Safe, forgiving XML parsing shared by the feed and sitemap parsers.

* No XXE: entities are never resolved, no DTD is loaded, no network access,
  ``huge_tree`` stays off (libxml2's default depth/size limits apply).
* A well-formed document is parsed strictly.  A broken one is *repaired*
  (bare ``&`` escaped, HTML named entities turned into character references,
  control characters dropped, a wrong declared charset replaced by
  Windows-1252) and parsed again with ``recover=True``, which also keeps
  whatever precedes a truncation.
* Element names are compared by local name only (namespace URI and prefix
  ignored), so feeds and sitemaps with wrong or missing namespaces still work.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from html.entities import name2codepoint

from lxml import etree

from .errors import DiscoveryError

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_CDATA = re.compile(r"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_AMPERSAND = re.compile(r"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        recover=recover,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _decode(body: bytes) -> str:
    """Decode using the BOM / XML declaration; fall back to Windows-1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF32_LE, "utf-32"),
                      (codecs.BOM_UTF32_BE, "utf-32")):
        if body.startswith(bom):
            try:
                return body.decode(name).lstrip("\ufeff")
            except UnicodeDecodeError:
                break
    declaration = _XML_DECLARATION.match(body)
    declared = _DECLARED_ENCODING.search(declaration.group(0)) if declaration else None
    candidates = [declared.group(1).decode("ascii")] if declared else []
    candidates.append("utf-8")
    for name in candidates:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def _escape_ampersand(match: re.Match[str]) -> str:
    reference = match.group(1)
    if reference is None:
        return "&amp;"
    name = reference[:-1]
    if name.startswith("#") or name in _XML_ENTITIES:
        return match.group(0)
    if name in name2codepoint:
        return f"&#{name2codepoint[name]};"
    return f"&amp;{reference}"


def repair_xml_text(text: str) -> str:
    """Fix the usual breakage of hand-made XML, leaving CDATA sections alone."""
    text = _INVALID_XML_CHARS.sub("", text)
    pieces = _CDATA.split(text)
    for index in range(0, len(pieces), 2):  # odd indexes are CDATA sections
        pieces[index] = _AMPERSAND.sub(_escape_ampersand, pieces[index])
    return "".join(pieces)


def parse_xml(body: bytes, error: type[DiscoveryError]) -> tuple[etree._Element, bool]:
    """Parse ``body``; return ``(root, repaired)``.  Raise ``error`` if hopeless."""
    if not isinstance(body, (bytes, bytearray)):
        raise error(f"expected bytes, got {type(body).__name__}")
    if not body.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise error("empty document")
    stripped = body.lstrip(b" \t\r\n")
    try:
        root = etree.fromstring(stripped, _parser(recover=False))
        if root is not None:
            return root, False
    except etree.XMLSyntaxError:
        pass
    text = repair_xml_text(_strip_declaration(_decode(stripped)))
    try:
        root = etree.fromstring(text.encode("utf-8"), _parser(recover=True))
    except etree.XMLSyntaxError as exc:
        raise error(f"not XML: {exc}") from exc
    if root is None:
        raise error("not XML: no root element")
    return root, True


def _strip_declaration(text: str) -> str:
    text = text.lstrip()
    if text.startswith("<?xml"):
        end = text.find("?>")
        if end != -1:
            return text[end + 2:]
    return text


def local_name(element: etree._Element) -> str:
    """``{http://www.w3.org/2005/Atom}entry`` / ``news:title`` -> ``entry`` / ``title``."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2]


def prefix_of(element: etree._Element) -> str:
    """Namespace URI, or the literal prefix of an undeclared ``prefix:name`` tag."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{"):
        return tag[1:].partition("}")[0]
    return tag.partition(":")[0] if ":" in tag else ""


def children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """Direct children whose local name is ``name`` (case-insensitive)."""
    lowered = name.lower()
    for child in element:
        if local_name(child).lower() == lowered:
            yield child


def first_child(element: etree._Element, name: str) -> etree._Element | None:
    return next(children(element, name), None)


def descendants(element: etree._Element, name: str) -> Iterator[etree._Element]:
    lowered = name.lower()
    for node in element.iter():
        if node is not element and local_name(node).lower() == lowered:
            yield node


def text_of(element: etree._Element | None) -> str:
    """All text inside ``element``, whitespace collapsed ('' for None).

    Unresolved entity references (we never resolve them) contribute nothing.
    """
    if element is None:
        return ""
    return " ".join(str(element.xpath("string()")).split())
