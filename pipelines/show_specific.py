"""Which shows' specific evidence (network, cast, characters, cues) occurs anywhere in
an article: ``show_evidence.article_has_specific`` for many shows with one scan.

``article_has_specific`` searches every phrase of one show's profile in the whole
article (~35 phrases over ~3,000 characters: tens of µs a call).  The tagger asks
it only for shows with everyday-word or shared names, so ``SpecificEvidence`` puts
the phrases of those shows into one ``KeyScanner`` (show_scan.py) and scans the
article once, the first time it is asked.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from pipelines.show_evidence import ShowProfile, article_has_specific
from pipelines.show_scan import KeyScanner


class SpecificEvidence:
    """Built once per tagger for the shows that may be asked about."""

    def __init__(self, profiles: tuple[ShowProfile, ...], show_indexes: Iterable[int], *,
                 use_hyperscan: bool = True):
        self._profiles = profiles
        entries: dict[str, tuple[int, ...]] = {}
        covered: set[int] = set()
        for index in sorted(set(show_indexes)):
            phrases = profiles[index].specific + profiles[index].specific_cjk
            if not all(phrases):          # "" is in every text: leave it to article_has_specific
                continue
            covered.add(index)
            for phrase in phrases:
                entries[phrase] = entries.get(phrase, ()) + (index,)
        self._covered = frozenset(covered)
        self._scanner = KeyScanner(entries, use_hyperscan=use_hyperscan, wide=True)

    def checker(self, padded_texts: tuple[str, ...]) -> Callable[[int], bool]:
        """``has_specific(show_index)`` == ``article_has_specific(padded_texts, profile)``."""
        found: set[int] | None = None

        def has_specific(show_index: int) -> bool:
            nonlocal found
            if show_index not in self._covered:
                return article_has_specific(padded_texts, self._profiles[show_index])
            if found is None:
                found = {show for text in padded_texts
                         for _, shows in self._scanner.scan(text, ordered=False) for show in shows}
            return show_index in found

        return has_specific
