"""Multi-key search for the tagger's Latin-script path (see docs/tagging.md, Speed).

``KeyScanner(entries)`` finds every occurrence of every key, overlapping ones
included, and returns ``(last index, value)`` pairs in exactly the order of
pyahocorasick's ``Automaton.iter``: by end position, the longest key first for
the same end.

Where the optional ``hyperscan`` package (Intel's SIMD multi-literal matcher) is
installed, text is scanned with it as Latin-1 bytes (~2.5 ns a character
including the Python callbacks, against ~9.5 ns for a 10,000-key
pyahocorasick automaton) or, with ``wide=True``, as UTF-8 (for CJK text, where
pyahocorasick is slowest: ~40 ns a character, its root has thousands of
children).  With ``wide=False``, text that is not Latin-1 is scanned with its
other characters replaced by "?" when no key has "?" or a non-Latin-1
character; otherwise, and without hyperscan, the pyahocorasick automaton is
used.  Both give the same result (tested in tests/tagging/test_show_scan.py).
"""
from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import ahocorasick

try:                                    # optional: a C extension (x86-64 wheels)
    import hyperscan
except ImportError:                     # pragma: no cover - depends on the install
    hyperscan = None

V = TypeVar("V")


def _by_end_longest_first(match: tuple[int, int, Any]) -> tuple[int, int]:
    return match[0], -match[1]


class KeyScanner(Generic[V]):
    """Every occurrence of a fixed set of keys; built once, ``scan()`` is thread-safe."""

    def __init__(self, entries: Mapping[str, V], *, use_hyperscan: bool = True, wide: bool = False):
        self._codec = "utf-8" if wide else "latin-1"
        self._wide = wide
        self._values: list[tuple[int, V]] = []          # hyperscan id -> (key length, value)
        # Latin-1 scanning of text that is not Latin-1: every other character becomes "?",
        # which is exact when every key is Latin-1 and no key contains "?".
        self._replace_ok = not wide and all(_is_latin1(key) and "?" not in key for key in entries)
        self._database = None
        if use_hyperscan and hyperscan is not None:
            self._database = self._compile(entries)
        self._scratch = threading.local()               # hyperscan scratch space, one per thread
        self._automaton = None                          # for text hyperscan does not take
        if entries and (self._database is None or not (wide or self._replace_ok)):
            self._automaton = ahocorasick.Automaton()
            for key, value in entries.items():
                self._automaton.add_word(key, value)
            self._automaton.make_automaton()

    @property
    def uses_hyperscan(self) -> bool:
        return self._database is not None

    def _compile(self, entries: Mapping[str, V]) -> Any:
        patterns: list[bytes] = []
        if any("\x00" in key for key in entries):
            return None                 # the binding measures patterns with strlen()
        for key, value in entries.items():
            try:
                pattern = key.encode(self._codec, "surrogatepass")
            except UnicodeEncodeError:
                continue                # can never occur in Latin-1 text
            patterns.append(pattern)
            self._values.append((len(key), value))
        if not patterns:
            return None
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(expressions=patterns, ids=list(range(len(patterns))),
                         elements=len(patterns), flags=[0] * len(patterns), literal=True)
        return database

    def scan(self, text: str, *, ordered: bool = True) -> list[tuple[int, V]]:
        """``list(automaton.iter(text))``: (index of the last character, value) pairs;
        ``ordered=False``: the same pairs in any order (saves a sort)."""
        if self._database is not None:
            try:
                data = text.encode(self._codec, "surrogatepass")
            except UnicodeEncodeError:
                data = text.encode("latin-1", "replace") if self._replace_ok else None
            if data is not None:
                return self._scan_bytes(data, ordered)
        return list(self._automaton.iter(text)) if self._automaton is not None else []

    def _scan_bytes(self, data: bytes, ordered: bool) -> list[tuple[int, V]]:
        found: list[tuple[int, int]] = []
        scratch = getattr(self._scratch, "space", None)
        if scratch is None:
            scratch = self._scratch.space = hyperscan.Scratch(self._database)
        self._database.scan(data, match_event_handler=_collect, context=found, scratch=scratch)
        entries = self._values
        if self._wide and found and not data.isascii():
            found = _character_offsets(data, found)
        if len(found) < 2 or not ordered:
            return [(end - 1, entries[index][1]) for index, end in found]
        matches = [(end - 1, entries[index][0], entries[index][1]) for index, end in found]
        matches.sort(key=_by_end_longest_first)
        return [(last, value) for last, _, value in matches]


def _is_latin1(key: str) -> bool:
    return not key or max(key) <= "\xff"


def _collect(index: int, start: int, end: int, flags: int, found: list[tuple[int, int]]) -> None:
    found.append((index, end))


def _character_offsets(data: bytes, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """UTF-8 byte offsets of match ends -> character offsets.  A key of whole characters
    matches only on character boundaries (UTF-8 is self-synchronizing)."""
    converted: list[tuple[int, int]] = []
    byte_at, char_at = 0, 0
    for index, end in sorted(found, key=lambda match: match[1]):
        char_at += len(data[byte_at:end].decode("utf-8", "surrogatepass"))
        byte_at = end
        converted.append((index, char_at))
    return converted
