"""python -m crawler.demo registry / serve."""
from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from crawler.demo import DemoNetwork, demo_registry_entries
from crawler.demo.__main__ import main
from crawler.demo.server import resolve_request

ROOT = Path(__file__).resolve().parents[2]


def test_registry_prints_yaml(capsys):
    assert main(["registry", "--port", "9100"]) == 0
    parsed = yaml.safe_load(capsys.readouterr().out)
    assert parsed["sites"] == demo_registry_entries(9100)
    assert [s["slug"] for s in parsed["sites"]] == ["demo-reelbuzz", "demo-screenwire",
                                                    "demo-tvgazette", "demo-hallyuko"]


def test_bad_arguments_fail_clearly(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--phase", "9"])
    assert "invalid choice" in capsys.readouterr().err


def test_serve_prints_urls_and_stops_on_ctrl_c():
    process = subprocess.Popen([sys.executable, "-m", "crawler.demo", "serve", "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(5)]
        urls = [line.split()[-1] for line in lines[1:5]]
        assert [u.rsplit(":", 1)[0] for u in urls] == [f"http://127.0.0.{i}" for i in range(21, 25)]
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(urls[3] + "robots.txt", timeout=10) as response:
            assert response.status == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err


def test_odd_request_paths_do_not_crash():
    pages = DemoNetwork().render_site("demo-tvgazette", 1, 8631)
    for raw in ("/%zz", "//article.php?id=", "/article.php?id=1001&id=1002", "/../etc/passwd", ""):
        page, redirect = resolve_request(pages, raw)
        assert page is None or raw == ""
    page, _ = resolve_request(pages, "/article.php?id=1001&utm_source=feed")
    assert page is not None and page.page_type == "article"


def test_unknown_site_is_a_clear_error():
    with pytest.raises(KeyError):
        DemoNetwork().render_site("demo-nowhere", 1, 8631)
