"""MinHash signatures of shingle sets: datasketch's ``affine32`` scheme, without datasketch.

Values are identical to ``datasketch.MinHash(num_perm, seed, scheme="affine32")``
fed with the UTF-8 bytes of each shingle (``tests/pipelines/test_minhash.py``
checks this against datasketch, a development dependency):

* each shingle is hashed to 32 bits: the first 4 bytes of its SHA-1, little endian
  (datasketch's ``sha1_hash32``), then avalanched with the MurmurHash3 finalizer;
* permutation ``i`` maps a hash ``h`` to ``a[i] * h + b[i] mod 2**32`` (``a`` odd),
  with ``a`` and ``b`` drawn from ``numpy.random.RandomState(seed)`` as datasketch does;
* the signature is the minimum of each permutation over all shingles.

Why not import datasketch: its package ``__init__`` imports every sketch it
ships (LSH ensembles, HNSW, async Redis LSH) and with them SciPy: 0.6 s and
~76 MB of memory in each process (the crawl and every extraction worker),
for the 20 lines of it the dedupe stage uses.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

_EMPTY = np.uint32(0xFFFFFFFF)          # the value of a permutation no shingle reached
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=4)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` arrays of the affine permutations (uint32, ``a`` odd)."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def hash32(items: Iterable[bytes]) -> np.ndarray:
    """SHA-1 based 32-bit hashes of ``items``, avalanched (uint32 array)."""
    digests = b"".join(hashlib.sha1(item).digest()[:4] for item in items)
    values = np.frombuffer(digests, dtype="<u4").astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s3)


def signature(shingles: Iterable[str], num_perm: int, seed: int) -> np.ndarray:
    """MinHash values (``num_perm`` uint64, each < 2**32) of a set of shingles.

    An empty set gives ``2**32 - 1`` everywhere, like an empty datasketch MinHash.
    """
    a, b = permutations(num_perm, seed)
    hashes = hash32(s.encode("utf-8") for s in shingles)
    if hashes.size == 0:
        return np.full(num_perm, _EMPTY, dtype=np.uint64)
    result = np.full(num_perm, _EMPTY, dtype=np.uint32)
    # (shingles x permutations) in chunks, so a very long text stays within a few MB
    for start in range(0, hashes.size, 4096):
        chunk = hashes[start:start + 4096].reshape(-1, 1)
        np.minimum(result, (chunk * a + b).min(axis=0), out=result)
    return result.astype(np.uint64)
