"""`entcrawl demo` (what `make demo` runs) serves, crawls and summarizes."""
from __future__ import annotations

from crawler.demo import DemoNetwork, expected_facts
from crawler.demo_summary import summary_rows
from crawler.reports.coverage import coverage_report

from .conftest import open_db, run_cli


def test_demo_command_crawls_everything_and_prints_a_summary(tmp_path):
    db_path = tmp_path / "demo.db"
    result = run_cli("demo", "--port", "0", "--db", str(db_path), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for heading in ("Articles per source", "Most covered shows", "Weekly coverage of all-of-us-are-dead",
                    "entcrawl serve"):
        assert heading in out

    facts = expected_facts(DemoNetwork(), 8631, phase=1)
    copies = {f["url"] for f in facts if f["syndication"] == "verbatim"}
    db = open_db(db_path)
    rows = summary_rows(db)
    per_source = dict(rows["per_source"])
    # every demo article is counted once; verbatim copies are linked, not counted
    assert sum(per_source.values()) == len(facts) - len(copies)
    assert set(per_source) == {"demo-reelbuzz", "demo-screenwire", "demo-tvgazette", "demo-hallyuko"}
    covered = [f for f in facts if f["url"] not in copies
               and "all-of-us-are-dead" in set(f["shows"]) | set(f.get("mentions") or [])]
    weekly_total = sum(p.articles for p in coverage_report(db, "all-of-us-are-dead", "x").periods)
    assert abs(weekly_total - len(covered)) <= 2, (weekly_total, len(covered))
    assert rows["top_shows"][0][0] in {"all-of-us-are-dead", "squid-game"}
