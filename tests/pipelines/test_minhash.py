"""pipelines/minhash.py gives datasketch's MinHash values (affine32 scheme) without importing it."""
from __future__ import annotations

import random
import subprocess
import sys

import numpy as np
import pytest

from pipelines import minhash

datasketch = pytest.importorskip("datasketch")


def datasketch_signature(shingles, num_perm=128, seed=1):
    mh = datasketch.MinHash(num_perm=num_perm, seed=seed, scheme="affine32")
    encoded = [s.encode("utf-8") for s in shingles]
    if encoded:
        mh.update_batch(encoded)
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def random_shingles(rng: random.Random, count: int) -> list[str]:
    words = ["season", "finale", "harbor", "드라마", "Staffel", "première", "cast", "trailer", "netflix", "2027"]
    return list({" ".join(rng.choice(words) + str(rng.randint(0, 50)) for _ in range(4)) for _ in range(count)})


@pytest.mark.parametrize("count", [0, 1, 13, 800, 5000])
@pytest.mark.parametrize("num_perm, seed", [(128, 1), (64, 7)])
def test_values_equal_datasketch(count, num_perm, seed):
    shingles = random_shingles(random.Random(count * seed), count)
    ours = minhash.signature(shingles, num_perm, seed)
    assert ours.dtype == np.uint64 and ours.shape == (num_perm,)
    assert np.array_equal(ours, datasketch_signature(shingles, num_perm, seed))


def test_order_and_repeats_do_not_matter():
    shingles = random_shingles(random.Random(3), 200)
    assert np.array_equal(minhash.signature(shingles, 128, 1), minhash.signature(sorted(shingles) * 2, 128, 1))


def test_similar_sets_share_more_values_than_different_ones():
    base = random_shingles(random.Random(5), 400)
    near = base[:360] + random_shingles(random.Random(6), 40)
    far = random_shingles(random.Random(7), 400)
    sig = minhash.signature(base, 128, 1)
    assert (sig == minhash.signature(near, 128, 1)).mean() > 0.6
    assert (sig == minhash.signature(far, 128, 1)).mean() < 0.2


def test_the_pipeline_does_not_import_datasketch():
    code = "import sys; import pipelines.dedupe, pipelines.store; print('datasketch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
