"""One pass over ``<body>``: the elements that carry class/id/itemprop/rel attributes.

Dates (itemprop and date-class elements) and authors (byline and dateline
elements) all look for elements by these four attributes.  Reading them once,
in document order, replaces several XPath queries over the whole tree; keeping
the element proxies alive in the result also spares lxml from re-creating
them for every later query.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

# (element, tag, class, id, itemprop, rel); an absent attribute is None, an empty one ""
Marked = tuple[HtmlElement, str, "str | None", "str | None", "str | None", "str | None"]


@dataclass(frozen=True)
class PageScan:
    """What ``scan_page`` found, in document order (as ``//body//*[...]`` would return it).

    Parallel lists rather than one object per element: a page has hundreds of
    such elements and this is the hot loop of the metadata readers.
    """

    elements: list[HtmlElement] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    classes: list[str | None] = field(default_factory=list)
    ids: list[str | None] = field(default_factory=list)
    itemprops: list[str | None] = field(default_factory=list)
    rels: list[str | None] = field(default_factory=list)

    def records(self) -> Iterator[Marked]:
        """``(element, tag, class, id, itemprop, rel)`` per element, in document order."""
        return zip(self.elements, self.tags, self.classes, self.ids, self.itemprops, self.rels)


def _body_descendants(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The elements of ``//body//*`` in document order.

    Usually that is everything below the first ``<body>``: a ``<body>`` nested
    in it adds nothing new.  Only when another ``<body>`` sits outside it (the
    parser never makes one, but a caller's tree might) the XPath query answers.
    """
    body = tree.find("body")
    if body is None or any(True for child in tree if child is not body for _ in child.iter("body")):
        return iter(tree.xpath("//body//*"))
    elements = body.iter(etree.Element)
    next(elements)  # <body> itself
    return elements


def scan_page(tree: HtmlElement) -> PageScan:
    """Collect every element below ``<body>`` that has a class, id, itemprop or rel attribute."""
    scan = PageScan()
    elements, tags, classes, ids, itemprops, rels = (scan.elements, scan.tags, scan.classes, scan.ids,
                                                     scan.itemprops, scan.rels)
    for element in _body_descendants(tree):
        get = element.get
        cls, ident, itemprop, rel = get("class"), get("id"), get("itemprop"), get("rel")
        if cls is not None or ident is not None or itemprop is not None or rel is not None:
            elements.append(element)
            tags.append(element.tag)
            classes.append(cls)
            ids.append(ident)
            itemprops.append(itemprop)
            rels.append(rel)
    return scan
