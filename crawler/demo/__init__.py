"""Offline demo network: four synthetic entertainment-news sites on 127.0.0.21-24.

>>> from crawler.demo import DemoNetwork, DemoServer
>>> network = DemoNetwork(seed=7)
>>> with DemoServer(network, port=0) as server:          # doctest: +SKIP
...     print(server.base_url("demo-reelbuzz"))
"""
from crawler.demo.model import SITES, Article, Site
from crawler.demo.network import DemoNetwork, expected_facts
from crawler.demo.registry import demo_registry_entries, entries_to_yaml
from crawler.demo.server import DemoServer

__all__ = ["SITES", "Article", "DemoNetwork", "DemoServer", "Site", "demo_registry_entries",
           "entries_to_yaml", "expected_facts"]
