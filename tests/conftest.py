"""Fixtures shared by every test folder: the offline demo network, served on
127.0.0.21-24 at a free port for one test module at a time."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from crawler.demo import DemoNetwork, DemoServer, demo_registry_entries


@pytest.fixture(scope="module")
def demo_network() -> DemoNetwork:
    return DemoNetwork()


@pytest.fixture(scope="module")
def demo_server(demo_network):
    with DemoServer(demo_network, port=0) as server:
        yield server


@pytest.fixture(scope="module")
def demo_registry(demo_server, tmp_path_factory) -> Path:
    """A registry file listing the four demo sites at the running server's port."""
    path = tmp_path_factory.mktemp("registry") / "sites.yaml"
    entries = demo_registry_entries(demo_server.port)
    path.write_text(yaml.safe_dump({"sites": entries}, sort_keys=False), encoding="utf-8")
    return path
