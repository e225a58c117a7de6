"""Text fingerprints for the dedupe stage: exact hashes, shingles, MinHash, LSH.

The first half of this module is pure (text in, values out).  The second half
persists an LSH index in SQLite (table ``lsh_bands``, created by
``pipelines/migrations.py``) so that near-duplicate lookups work across runs
and cost a handful of indexed queries instead of a rescan of every article.

Scheme (see docs/dedupe.md for the measurements behind these numbers):

* text is normalized (NFKC, lower case, punctuation dropped, whitespace
  collapsed) and cut into word shingles of ``SHINGLE_WORDS`` words;
* a MinHash signature of ``NUM_PERM`` permutations (datasketch's affine32
  scheme, fixed seed; ``pipelines/minhash.py``)
  is split into ``BANDS`` bands of ``ROWS`` rows; each band is hashed to a
  signed 64-bit integer and stored as ``(band, hash, article_id)``;
* two texts become LSH candidates when any band matches.  With 64 bands of
  2 rows the probability of that is 1-(1-J^2)^64: 15 % at Jaccard 0.05,
  87 % at 0.18 (a 25 % excerpt of a longer text), 99.8 % at 0.3;
* candidates are then verified on their real text (exact shingle Jaccard and
  containment), so the LSH only has to be generous, never precise.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from sqlite_utils import Database

from pipelines import minhash

SHINGLE_WORDS = 4
NUM_PERM = 128
BANDS = 64
ROWS = NUM_PERM // BANDS
MINHASH_SEED = 1
SCHEME = f"w{SHINGLE_WORDS}-p{NUM_PERM}-b{BANDS}x{ROWS}-s{MINHASH_SEED}"

# A text with fewer distinct shingles than this is too short to fingerprint
# reliably (a two-sentence brief matches anything with the same names).
MIN_SHINGLES = 12
# Exact-duplicate detection ignores bodies shorter than this (empty bodies,
# "Watch the trailer below." placeholders would all look identical).
MIN_EXACT_WORDS = 15

# Verification thresholds on the real shingle sets, measured on
# tests/fixtures/dedupe/pairs.yaml (docs/dedupe.md).
JACCARD_THRESHOLD = 0.35
CONTAINMENT_THRESHOLD = 0.75
# Containment only counts when the smaller text is not tiny compared to the
# larger one (otherwise a 3-sentence teaser "contains" half the internet).
CONTAINMENT_MIN_SIZE_RATIO = 0.25
MAX_CANDIDATES = 50

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


# --------------------------------------------------------------------------
# pure functions
# --------------------------------------------------------------------------
def normalize_text(text: str) -> str:
    """Lower-cased words separated by single spaces; punctuation removed."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(word.replace("’", "'") for word in _WORD_RE.findall(folded))


def content_hash(body: str) -> str:
    """SHA-256 hex digest of the normalized body (exact-duplicate key).

    Whitespace, case, punctuation and Unicode compatibility forms do not
    change the hash; any change of a word does.
    """
    return hashlib.sha256(normalize_text(body).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(normalize_text(text).split())


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Distinct word ``size``-grams of the normalized text.

    A text shorter than ``size`` words yields one shingle (the whole text),
    an empty text none.
    """
    words = normalize_text(text).split()
    if not words:
        return frozenset()
    if len(words) <= size:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger one (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float
    size_ratio: float

    @property
    def is_same_story(self) -> bool:
        if self.jaccard >= JACCARD_THRESHOLD:
            return True
        return (
            self.containment >= CONTAINMENT_THRESHOLD
            and self.size_ratio >= CONTAINMENT_MIN_SIZE_RATIO
        )


def similarity(a: frozenset[str], b: frozenset[str]) -> Similarity:
    ratio = min(len(a), len(b)) / max(len(a), len(b)) if a and b else 0.0
    return Similarity(jaccard(a, b), containment(a, b), ratio)


def minhash_signature(shingle_set: Iterable[str]) -> np.ndarray:
    """MinHash hash values (``NUM_PERM`` uint64) of a shingle set (pipelines/minhash.py:
    datasketch's affine32 scheme)."""
    return minhash.signature(shingle_set, NUM_PERM, MINHASH_SEED)


def band_hashes(signature: np.ndarray) -> list[tuple[int, int]]:
    """``(band, hash)`` pairs; hash is a signed 64-bit int (fits SQLite INTEGER)."""
    if len(signature) != NUM_PERM:
        raise ValueError(f"signature has {len(signature)} values, expected {NUM_PERM}")
    pairs = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"entcrawl-lsh").digest()
        pairs.append((band, int.from_bytes(digest, "little", signed=True)))
    return pairs


@dataclass(frozen=True)
class Fingerprint:
    """Everything dedupe needs to know about one body."""

    content_hash: str
    words: int
    shingles: frozenset[str]

    @property
    def is_exact_eligible(self) -> bool:
        return self.words >= MIN_EXACT_WORDS

    @property
    def is_near_eligible(self) -> bool:
        return len(self.shingles) >= MIN_SHINGLES

    def bands(self) -> tuple[tuple[int, int], ...]:
        return self._bands

    @cached_property
    def _bands(self) -> tuple[tuple[int, int], ...]:
        # computed once: dedupe probes with these bands, store indexes them
        return tuple(band_hashes(minhash_signature(self.shingles)))


def compute_fingerprint(body: str) -> Fingerprint:
    """The fingerprint of ``body`` (pure; the bands are computed on first use)."""
    normalized = normalize_text(body)
    words = normalized.split()
    return Fingerprint(
        content_hash=hashlib.sha256(normalized.encode("utf-8")).hexdigest(),
        words=len(words),
        shingles=shingles(normalized),
    )


class _RecentFingerprints:
    """The last few fingerprints by body: dedupe and then store fingerprint the same
    body, and an extraction worker may hand over the one it computed (``adopt``)."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._by_body: OrderedDict[str, Fingerprint] = OrderedDict()

    def get(self, body: str) -> Fingerprint:
        fp = self._by_body.get(body)
        if fp is None:
            fp = compute_fingerprint(body)
        self.adopt(body, fp)
        return fp

    def adopt(self, body: str, fp: Fingerprint) -> None:
        self._by_body[body] = fp
        self._by_body.move_to_end(body)
        while len(self._by_body) > self.size:
            self._by_body.popitem(last=False)


_RECENT = _RecentFingerprints()


def fingerprint(body: str) -> Fingerprint:
    """``compute_fingerprint(body)``, remembered for the last 64 bodies (a cache only:
    the value is the same whether it was remembered or not)."""
    return _RECENT.get(body)


def adopt_fingerprint(body: str, fp: Fingerprint) -> None:
    """Remember ``fp`` as the fingerprint of ``body``: it must be ``compute_fingerprint(body)``
    made elsewhere (an extraction worker, crawler/worker_stages.py).  Its bands are
    computed there too when the worker asked for them."""
    if not isinstance(fp, Fingerprint):
        raise TypeError(f"expected a Fingerprint, got {type(fp).__name__}")
    _RECENT.adopt(body, fp)


# --------------------------------------------------------------------------
# persisted LSH index (table lsh_bands, see pipelines/migrations.py)
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class NearMatch:
    article_id: int
    story_id: int | None
    similarity: Similarity


def index_article(db: Database, article_id: int, body: str, previous_body: str | None = None) -> int:
    """Write the LSH bands of one article; returns how many were written.

    ``previous_body`` (the text indexed before an update) has its bands
    removed first: deletes go by primary key, so the table needs no second
    index on ``article_id``.  Bodies too short to fingerprint are not indexed.
    Runs inside the caller's transaction when there is one.
    """
    if previous_body is not None:
        remove_article(db, article_id, previous_body)
    fp = fingerprint(body)
    if not fp.is_near_eligible:
        return 0
    rows = [(band, value, article_id) for band, value in fp.bands()]
    db.conn.executemany(
        "INSERT OR IGNORE INTO lsh_bands (band, hash, article_id) VALUES (?, ?, ?)", rows
    )
    return len(rows)


def remove_article(db: Database, article_id: int, body: str) -> None:
    """Delete the bands ``body`` produced for ``article_id``."""
    fp = fingerprint(body)
    if fp.is_near_eligible:
        db.conn.executemany(
            "DELETE FROM lsh_bands WHERE band = ? AND hash = ? AND article_id = ?",
            [(band, value, article_id) for band, value in fp.bands()],
        )


def candidate_article_ids(
    db: Database, bands: Sequence[tuple[int, int]], limit: int = MAX_CANDIDATES
) -> list[int]:
    """Articles sharing at least one band, most shared bands first.

    One query; each ``(band, hash)`` probe is a primary-key lookup.
    """
    if not bands:
        return []
    values = ", ".join("(?, ?)" for _ in bands)
    params: list[int] = [v for pair in bands for v in pair]
    sql = (
        f"WITH probe(band, hash) AS (VALUES {values}) "
        "SELECT l.article_id, COUNT(*) AS hits FROM probe "
        "JOIN lsh_bands AS l ON l.band = probe.band AND l.hash = probe.hash "
        "GROUP BY l.article_id ORDER BY hits DESC, l.article_id LIMIT ?"
    )
    return [row[0] for row in db.execute(sql, [*params, limit]).fetchall()]


def find_near_duplicate(
    db: Database, fp: Fingerprint, exclude_canonical_url: str = ""
) -> NearMatch | None:
    """Best verified near-duplicate among the LSH candidates, or None."""
    if not fp.is_near_eligible:
        return None
    ids = candidate_article_ids(db, fp.bands())
    if not ids:
        return None
    placeholders = ", ".join("?" for _ in ids)
    rows = db.execute(
        f"SELECT id, story_id, body, canonical_url FROM articles WHERE id IN ({placeholders})"
        " AND duplicate_of IS NULL",
        ids,
    ).fetchall()
    best: NearMatch | None = None
    for article_id, story_id, body, canonical_url in rows:
        if exclude_canonical_url and canonical_url == exclude_canonical_url:
            continue
        sim = similarity(fp.shingles, shingles(body or ""))
        if not sim.is_same_story:
            continue
        if best is None or (sim.jaccard, sim.containment) > (
            best.similarity.jaccard,
            best.similarity.containment,
        ):
            best = NearMatch(article_id, story_id, sim)
    return best


def rebuild_index(db: Database) -> int:
    """Re-fingerprint every non-duplicate article (after a scheme change)."""
    with db.atomic():
        db.execute("DELETE FROM lsh_bands")
        count = 0
        for article_id, body in db.execute(
            "SELECT id, body FROM articles WHERE duplicate_of IS NULL"
        ).fetchall():
            if index_article(db, article_id, body or ""):
                count += 1
        db.execute(
            "INSERT OR REPLACE INTO lsh_state (key, value) VALUES ('scheme', ?)", [SCHEME]
        )
    return count


def ensure_index_scheme(db: Database) -> bool:
    """Rebuild the index when it was built with other parameters; True if rebuilt."""
    try:
        row = db.execute("SELECT value FROM lsh_state WHERE key = 'scheme'").fetchone()
    except sqlite3.OperationalError:
        return False
    if row is not None and row[0] == SCHEME:
        return False
    rebuild_index(db)
    return True
