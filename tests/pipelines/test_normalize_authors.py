"""clean_authors: bylines with connectors, roles, sites, handles."""
from __future__ import annotations

import pytest

from pipelines.author_names import clean_authors, is_role


@pytest.mark.parametrize(("values", "site", "expected"), [
    ("By Mara Lindqvist and Tomas Reyes", None, ["Mara Lindqvist", "Tomas Reyes"]),
    ("Mara Lindqvist, Tomas Reyes & Ji-woo Park", None, ["Mara Lindqvist", "Tomas Reyes", "Ji-woo Park"]),
    ("Von Anna Keller und Paul Brandt", None, ["Anna Keller", "Paul Brandt"]),
    ("por Lucía Serrano y Diego Álvarez", None, ["Lucía Serrano", "Diego Álvarez"]),
    ("Par Camille Roux et Hugo Bernard", None, ["Camille Roux", "Hugo Bernard"]),
    # several roles
    ("By Mara Lindqvist, Senior Editor, and Tomas Reyes, Staff Writer", None, ["Mara Lindqvist", "Tomas Reyes"]),
    ("Mara Lindqvist Chief Television Critic", None, ["Mara Lindqvist"]),
    ("Senior TV Editor Mara Lindqvist", None, ["Mara Lindqvist"]),
    ("Mara Lindqvist — TV Critic", None, ["Mara Lindqvist"]),
    ("Tomas Reyes, Contributor; Ji-woo Park, Entertainment Reporter", None, ["Tomas Reyes", "Ji-woo Park"]),
    ("Anna Keller, Redakteurin", None, ["Anna Keller"]),
    ("박지우 기자", None, ["박지우"]),
    # site name, handles, e-mail, URLs
    ("By Mara Lindqvist | Variety", "Variety", ["Mara Lindqvist"]),
    ("Mara Lindqvist | Staff Writer", None, ["Mara Lindqvist"]),
    ("Tomas Reyes for Variety", None, ["Tomas Reyes"]),
    ("Tomas Reyes for The Daily Reel", "The Daily Reel", ["Tomas Reyes"]),
    ("Mara Lindqvist (@maral) mara@example.com https://example.com/mara", None, ["Mara Lindqvist"]),
    (["@maral"], None, []),
    # dedupe, case-insensitive, order kept
    (["Mara Lindqvist", "MARA LINDQVIST", "Tomas Reyes", "mara lindqvist"], None, ["Mara Lindqvist", "Tomas Reyes"]),
    ("TOMAS REYES", None, ["Tomas Reyes"]),
    ("JW. P", None, ["JW. P"]),
    ("ReelNews - Tomas Reyes", "ReelNews", ["Tomas Reyes"]),
    ("Bundesamt für Filmförderung", None, ["Bundesamt für Filmförderung"]),
    # organisations only when nobody else
    ("Variety Staff", "Variety", ["Variety Staff"]),
    (["AP", "Mara Lindqvist"], None, ["Mara Lindqvist"]),
    ("AP", None, ["AP"]),
    (["Soompi Staff", "Tomas Reyes"], None, ["Tomas Reyes"]),
    ("The Associated Press", None, ["The Associated Press"]),
    # not names
    ("Contributor", None, []),
    ("admin", None, []),
    ("", None, []),
    (None, None, []),
    ([None, 3, "Mara Lindqvist"], None, ["Mara Lindqvist"]),
    ("Maria de la Cruz", None, ["Maria de la Cruz"]),
])
def test_clean_authors(values: object, site: str | None, expected: list[str]) -> None:
    assert clean_authors(values, site) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("Staff Writer", True), ("Senior Editor", True), ("TV Critic", True), ("Chief Film Critic", True),
    ("Contributor", True), ("Senior", False), ("Mara Lindqvist", False), ("Film", False),
])
def test_is_role(text: str, expected: bool) -> None:
    assert is_role(text) is expected


def test_long_junk_is_not_a_name() -> None:
    assert clean_authors("This is a whole sentence that somebody put in the author field by mistake") == []
