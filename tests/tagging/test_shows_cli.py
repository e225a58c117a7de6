"""`entcrawl shows` against a local fake TVmaze (recorded JSON in tests/fixtures/tvmaze)."""
from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from crawler.cli.shows_cmd import shows
from pipelines.show_catalog import load_catalog
from pipelines.show_tvmaze import RateLimiter, TvmazeClient, TvmazeError, catalog_entry, slugify

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tvmaze"

SMALL_CATALOG = """\
# hand-written test catalog: this comment must survive an import
shows:
- id: squid-game
  title: Squid Game
  original_title: 오징어 게임
  original_language: ko
  network: Netflix
  country: KR
  years: [2021, 2025]
  seasons: 3   # hand-written, must stay
- id: the-bear
  title: The Bear
  network: FX
  country: US
  years: [2022, null]
"""


class FakeTvmaze(BaseHTTPRequestHandler):
    """Serves fixture files; paths in `throttle` answer 429 once before succeeding."""
    throttle: set[str] = set()
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        parsed = urllib.parse.urlsplit(self.path)
        self.seen.append(self.path)
        if parsed.path in self.throttle:
            self.throttle.discard(parsed.path)
            self.send_response(429)
            self.send_header("Retry-After", "0")
            self.end_headers()
            return
        if parsed.path == "/search/shows":
            query = urllib.parse.parse_qs(parsed.query).get("q", [""])[0]
            name = "search_" + "_".join(query.lower().split()) + ".json"
        else:
            name = parsed.path.strip("/").replace("/", "_") + ".json"
        path = FIXTURES / name
        if not path.is_file():
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"name":"Not Found","status":404}')
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def api():
    FakeTvmaze.throttle = set()
    FakeTvmaze.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeTvmaze)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def small_catalog(tmp_path):
    path = tmp_path / "shows.yaml"
    path.write_text(SMALL_CATALOG, encoding="utf-8")
    return path


def run(*args, env=None):
    return CliRunner().invoke(shows, list(args), env=env or {}, catch_exceptions=False)


def test_list_and_search(small_catalog):
    listed = run("--catalog", str(small_catalog))
    assert listed.exit_code == 0
    assert "squid-game" in listed.output and "the-bear" in listed.output
    found = run("--catalog", str(small_catalog), "squid")
    assert found.exit_code == 0 and "squid-game" in found.output and "the-bear" not in found.output
    fuzzy = run("--catalog", str(small_catalog), "sqiud gme")
    assert "squid-game" in fuzzy.output
    korean = run("--catalog", str(small_catalog), "오징어")
    assert "squid-game" in korean.output
    none = run("--catalog", str(small_catalog), "zzzzzz")
    assert "no matching shows" in none.output


def test_catalog_from_env_and_real_catalog(small_catalog):
    result = run("bear", env={"ENTCRAWL_CATALOG": str(small_catalog)})
    assert "the-bear" in result.output
    real = run("all of us are dead")
    assert real.output.splitlines()[0].startswith("all-of-us-are-dead")


def test_missing_or_invalid_catalog_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(shows, ["--catalog", str(tmp_path / "nope.yaml")])
    assert result.exit_code != 0 and "catalog file not found" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("shows:\n- id: Bad Id\n", encoding="utf-8")
    result = CliRunner().invoke(shows, ["--catalog", str(bad)])
    assert result.exit_code != 0 and "shows[0]" in result.output and "'title'" in result.output


@pytest.mark.parametrize("args", [["--help"], ["import-tvmaze", "--help"], ["search", "--help"]])
def test_help_everywhere(args):
    result = run(*args)
    assert result.exit_code == 0 and "Usage" in result.output
    if args[0] == "import-tvmaze":
        for option in ("--id", "--search", "--api-url", "--catalog", "--dry-run"):
            assert option in result.output


def test_import_merges_new_and_existing_shows(api, small_catalog):
    result = run("import-tvmaze", "--id", "43687", "--search", "Dark", "--api-url", api,
                 "--catalog", str(small_catalog))
    assert result.exit_code == 0, result.output
    assert "add     dark" in result.output
    assert "update  squid-game" in result.output
    text = small_catalog.read_text(encoding="utf-8")
    assert text.startswith("# hand-written test catalog")           # comments survive
    assert "seasons: 3   # hand-written, must stay" in text
    catalog = load_catalog(small_catalog)
    squid = catalog.get("squid-game")
    assert squid.tvmaze_id == 43687
    assert squid.original_title == "오징어 게임"
    assert squid.start_year == 2021 and squid.seasons == 3
    assert "Round 6" in squid.aliases and "El juego del calamar" in squid.aliases
    assert [m.actor for m in squid.cast] == ["Lee Jung-jae", "Wi Ha-joon"]
    dark = catalog.get("dark")
    assert dark.tvmaze_id == 17861 and dark.original_language == "de" and dark.network == "Netflix"
    assert (dark.start_year, dark.end_year) == (2017, 2020)
    assert dark.cast[0].character == "Jonas Kahnwald"
    assert any(path.startswith("/search/shows?q=Dark") for path in FakeTvmaze.seen)

    again = run("import-tvmaze", "--id", "43687", "--id", "17861", "--api-url", api,
                "--catalog", str(small_catalog))
    assert "catalog already up to date" in again.output
    assert [s.id for s in load_catalog(small_catalog)].count("dark") == 1     # never duplicated


def test_dry_run_writes_nothing(api, small_catalog):
    before = small_catalog.read_text(encoding="utf-8")
    result = run("import-tvmaze", "--id", "17861", "--dry-run", "--api-url", api,
                 "--catalog", str(small_catalog))
    assert result.exit_code == 0 and "add     dark" in result.output
    assert small_catalog.read_text(encoding="utf-8") == before


def test_retries_429_and_reports_missing_shows(api, small_catalog):
    FakeTvmaze.throttle = {"/shows/17861"}
    result = CliRunner().invoke(shows, ["import-tvmaze", "--id", "17861", "--id", "5",
                                        "--search", "nothing at all", "--api-url", api,
                                        "--catalog", str(small_catalog)])
    assert FakeTvmaze.seen.count("/shows/17861") == 2           # 429, then success
    assert "add     dark" in result.output
    assert "id 5: TVmaze has nothing at /shows/5 (404)" in result.output
    assert "no TVmaze match" in result.output
    assert result.exit_code == 1
    assert load_catalog(small_catalog).get("dark") is not None


def test_import_needs_ids_and_a_reachable_api(small_catalog):
    assert CliRunner().invoke(shows, ["import-tvmaze", "--catalog", str(small_catalog)]).exit_code == 2
    result = CliRunner().invoke(shows, ["import-tvmaze", "--id", "1", "--api-url", "http://127.0.0.1:9",
                                        "--catalog", str(small_catalog)])
    assert result.exit_code == 1 and "cannot reach TVmaze" in result.output


def test_rate_limiter_keeps_twenty_calls_per_ten_seconds():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(max_calls=20, per_seconds=10.0, clock=lambda: now[0], sleep=sleep)
    stamps = []
    for _ in range(45):
        limiter.wait()
        stamps.append(now[0])
        now[0] += 0.01
    for i in range(len(stamps) - 20):
        assert stamps[i + 20] - stamps[i] >= 10.0 - 1e-9
    assert slept


def test_client_gives_up_after_retries(api):
    FakeTvmaze.throttle = {"/shows/17861"}
    client = TvmazeClient(api, retries=0, sleep=lambda s: None)
    with pytest.raises(TvmazeError, match="HTTP 429"):
        client.show(17861)


def test_catalog_entry_mapping_and_slugs():
    show = json.loads((FIXTURES / "shows_43687.json").read_text(encoding="utf-8"))
    akas = json.loads((FIXTURES / "shows_43687_akas.json").read_text(encoding="utf-8"))
    entry = catalog_entry(show, akas, [])
    assert entry["id"] == "squid-game" and entry["original_title"] == "오징어 게임"
    assert entry["original_language"] == "ko" and entry["country"] == "KR"   # inferred from the akas
    assert entry["years"] == [2021, 2025] and "Squid Game" not in entry["aliases"]
    assert slugify("Grey's Anatomy") == "greys-anatomy"
    assert slugify("Élite: Temporada 2") == "elite-temporada-2"
    assert yaml.safe_dump(entry, allow_unicode=True)
