"""`entcrawl extract` in single-page and manifest mode (run standalone through click's CliRunner)."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli.extract_cmd import extract

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"


def _invoke(*args: str):
    return CliRunner().invoke(extract, list(args), catch_exceptions=False)


def test_single_page_prints_the_article(tmp_path: Path) -> None:
    result = _invoke(str(FIXTURES / "relative_date.html"), "--url", "https://reelbeat.test/box-office/a/",
                     "--fetched-at", "2026-03-15T12:00:00Z")
    assert result.exit_code == 0, result.output
    article = json.loads(result.output)
    assert article["title"] == "Box office: 'Iron Lanterns' opens at number one"
    assert article["published_at"] == "2026-03-12"


def test_single_gzipped_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress((FIXTURES / "german.html").read_bytes()))
    result = _invoke(str(page), "--url", "https://fernsehwelt.test/serien/x")
    assert result.exit_code == 0
    assert json.loads(result.output)["authors"] == ["Katrin Vogelsang"]


def test_single_page_that_is_not_html_fails_clearly(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("")
    result = CliRunner().invoke(extract, [str(page)])
    assert result.exit_code == 1 and "empty input" in result.output


@pytest.mark.parametrize("both", [False, True])
def test_page_or_manifest_is_required(tmp_path: Path, both: bool) -> None:
    for name in ("a.html", "m.jsonl"):
        (tmp_path / name).write_text("<p>x</p>")
    args = [str(tmp_path / "a.html"), "--manifest", str(tmp_path / "m.jsonl")] if both else []
    result = CliRunner().invoke(extract, args)
    assert result.exit_code == 2 and "either PAGE or --manifest" in result.output


def test_bad_fetched_at_is_a_usage_error() -> None:
    result = CliRunner().invoke(extract, [str(FIXTURES / "german.html"), "--fetched-at", "yesterday-ish"])
    assert result.exit_code == 2 and "--fetched-at" in result.output


def _manifest(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(FIXTURES / "german.html", pages / "german.html")
    (pages / "korean.html.gz").write_bytes(gzip.compress((FIXTURES / "korean.html").read_bytes()))
    (pages / "empty.html").write_text("   ")
    lines = [
        {"id": "de", "path": "pages/german.html", "url": "https://fernsehwelt.test/serien/x"},
        {"id": "ko", "path": str((pages / "korean.html.gz").resolve())},
        {"id": "missing", "path": "pages/nope.html", "url": "https://x.test/"},
        {"id": "empty", "path": "pages/empty.html"},
        {"id": "nopath"},
    ]
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("\n".join(json.dumps(line) for line in lines) + "\nthis is not json\n", encoding="utf-8")
    return manifest


@pytest.mark.parametrize("workers", ["1", "2"])
def test_manifest_mode_writes_one_line_per_input(tmp_path: Path, workers: str) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(extract, ["--manifest", str(_manifest(tmp_path)), "--output", str(out),
                                          "--workers", workers])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["de", "ko", "missing", "empty", "nopath", None]
    assert rows[0]["authors"] == ["Katrin Vogelsang"] and rows[0]["url"] == "https://fernsehwelt.test/serien/x"
    assert rows[1]["language"] == "ko" and rows[1]["url"] == ""
    assert "error" not in rows[0] and "error" not in rows[1]
    assert "No such file" in rows[2]["error"]
    assert "empty input" in rows[3]["error"]
    assert "no 'path'" in rows[4]["error"]
    assert "invalid JSON" in rows[5]["error"]
    assert "extracted 2 pages, 4 errors" in result.output


def test_manifest_to_stdout(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    shutil.copy(FIXTURES / "amp.html", tmp_path / "amp.html")
    manifest.write_text(json.dumps({"id": 7, "path": "amp.html", "url": "https://popwire.test/amp/x"}) + "\n")
    result = CliRunner().invoke(extract, ["--manifest", str(manifest)])
    first = json.loads(result.stdout.splitlines()[0])
    assert "extracted 1 pages, 0 errors" in result.stderr
    assert first["id"] == 7 and first["authors"] == ["Marcus Lee"]


def test_every_option_has_help() -> None:
    result = CliRunner().invoke(extract, ["--help"])
    assert result.exit_code == 0 and "--manifest" in result.output
    assert extract.help
    for param in extract.params:
        if param.param_type_name == "option":
            assert param.help, param.name
