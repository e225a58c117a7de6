"""Resolve a SHOW argument (id, title or alias) against the show catalog."""
from __future__ import annotations

from pipelines.show_catalog import Catalog, Show, search_catalog
from pipelines.show_text import TextFolder


class UnknownShowError(LookupError):
    """No catalog show is called that; carries the closest matches."""

    def __init__(self, query: str, suggestions: list[Show]):
        self.query = query
        self.suggestions = suggestions
        super().__init__(self.message())

    def message(self) -> str:
        text = f"unknown show {self.query!r}."
        if self.suggestions:
            listed = "\n".join(f"  {show.id:28} {show.title}" for show in self.suggestions)
            return f"{text} Closest catalog matches:\n{listed}"
        return f"{text} No close match; `entcrawl shows` lists the catalog."


def resolve_show(catalog: Catalog, query: str, suggestions: int = 5) -> Show:
    """The show whose id, title or alias is ``query`` (case and accents ignored)."""
    text = query.strip()
    exact = catalog.get(text) or catalog.get(text.lower())
    if exact is not None:
        return exact
    folder = TextFolder()
    wanted = folder.fold_phrase(text)
    if wanted:
        for show in catalog.shows:
            names = (show.id.replace("-", " "), *show.names())
            if any(folder.fold_phrase(name) == wanted for name in names):
                return show
    raise UnknownShowError(query, [show for show, _ in search_catalog(catalog, text, suggestions)])
