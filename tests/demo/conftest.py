from __future__ import annotations

from datetime import datetime, timezone

import pytest

from crawler.demo import DemoNetwork


@pytest.fixture(scope="session")
def network() -> DemoNetwork:
    return DemoNetwork(seed=7)


@pytest.fixture(scope="session")
def fixed_now() -> datetime:
    """A fixed request time, so rendered bytes do not depend on the real clock."""
    return datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
