"""Precision / recall of extract_release_claims on the hand-labeled sentences.

A predicted release claim is a true positive when an expected claim of the
case has the same kind and range (earliest..latest); certainty and season are
scored on the matched claims.  Run this file directly to print every miss:

    .venv/bin/python tests/claims/test_release_labeled.py [ID_PREFIX]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from pipelines.release_claims import ReleaseClaim, extract_release_claims

CASES_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "claims" / "release_sentences.yaml"
DEFAULT_SHOW = {"en": "gh", "es": "rio", "ko": "wind"}
PRECISION_FLOOR = 0.93
RECALL_FLOOR = 0.90
CERTAINTY_FLOOR = 0.85
SEASON_FLOOR = 0.90
MIN_CASES = 120


@dataclass
class Expected:
    kind: str
    earliest: date | None
    latest: date | None
    certainty: str
    season: int | None


@dataclass
class Evaluation:
    cases: int = 0
    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)
    certainty_wrong: list[str] = field(default_factory=list)
    season_wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + len(self.false_negatives)
        return self.true_positives / wanted if wanted else 1.0

    @property
    def certainty_accuracy(self) -> float:
        return 1 - len(self.certainty_wrong) / self.true_positives if self.true_positives else 1.0

    @property
    def season_accuracy(self) -> float:
        return 1 - len(self.season_wrong) / self.true_positives if self.true_positives else 1.0


def parse_expected(line: str) -> Expected:
    words = line.split()
    season = int(words[-1][1:]) if words[-1].startswith("s") and words[-1][1:].isdigit() else None
    if words[0] == "none":
        return Expected("none", None, None, words[1], season)
    first, _, last = words[1].partition("..")
    return Expected(words[0], date.fromisoformat(first), date.fromisoformat(last), words[2], season)


def load_cases(path: Path = CASES_PATH) -> tuple[dict[str, list[str]], list[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["shows"], data["cases"]


def run_case(shows: dict[str, list[str]], case: dict) -> list[ReleaseClaim]:
    language = case.get("language", "en")
    published = case.get("published", date(2026, 1, 15))
    return extract_release_claims(
        case["text"], show_aliases=shows[case.get("show", DEFAULT_SHOW[language])],
        published_at=published, language=language, season_hint=case.get("hint"),
        other_show_aliases=case.get("others") or ())


def describe(claim: ReleaseClaim) -> str:
    season = f" s{claim.season}" if claim.season else ""
    if claim.kind == "none":
        return f"none {claim.certainty}{season}"
    return f"{claim.kind} {claim.earliest}..{claim.latest} {claim.certainty}{season} [{claim.span_text}]"


def evaluate(shows: dict[str, list[str]], cases: list[dict]) -> Evaluation:
    result = Evaluation()
    for case in cases:
        result.cases += 1
        wanted = [parse_expected(line) for line in case.get("expect") or []]
        for claim in run_case(shows, case):
            match = next((w for w in wanted if (w.kind, w.earliest, w.latest)
                          == (claim.kind, claim.earliest, claim.latest)), None)
            if match is None:
                result.false_positives.append(f"{case['id']}: {describe(claim)}")
                continue
            wanted.remove(match)
            result.true_positives += 1
            if match.certainty != claim.certainty:
                result.certainty_wrong.append(f"{case['id']}: {match.certainty} != {describe(claim)}")
            if match.season != claim.season:
                result.season_wrong.append(f"{case['id']}: s{match.season} != {describe(claim)}")
        for missing in wanted:
            result.false_negatives.append(f"{case['id']}: {missing.kind} {missing.earliest}..{missing.latest}")
    return result


def test_enough_cases_of_every_kind():
    shows, cases = load_cases()
    assert len(cases) >= MIN_CASES
    lines = [line for case in cases for line in case.get("expect") or []]
    for kind in ("exact", "month", "season", "part_of_year", "quarter", "year", "none"):
        assert sum(line.startswith(kind + " ") for line in lines) >= 3, kind
    assert sum(1 for case in cases if not case.get("expect")) >= 30       # negatives
    assert sum(1 for case in cases if case.get("language") == "es") >= 15
    assert sum(1 for case in cases if case.get("language") == "ko") >= 15


def test_precision_recall_floors():
    shows, cases = load_cases()
    result = evaluate(shows, cases)
    report = "\n".join(["false positives:", *result.false_positives, "misses:", *result.false_negatives])
    assert result.precision >= PRECISION_FLOOR, report
    assert result.recall >= RECALL_FLOOR, report


def test_certainty_and_season_floors():
    shows, cases = load_cases()
    result = evaluate(shows, cases)
    assert result.certainty_accuracy >= CERTAINTY_FLOOR, "\n".join(result.certainty_wrong)
    assert result.season_accuracy >= SEASON_FLOOR, "\n".join(result.season_wrong)


def test_floors_can_fail_without_the_past_and_production_rules(monkeypatch):
    """The same set scored with the past-tense and production checks disabled
    must fall below the precision floor: the negatives really test something."""
    import pipelines.release_claims as claims_module

    monkeypatch.setattr(claims_module, "is_past_release", lambda *args: False)
    monkeypatch.setattr(claims_module, "PRODUCTION_CUE", claims_module.RELEASE_CUE)
    shows, cases = load_cases()
    assert evaluate(shows, cases).precision < PRECISION_FLOOR


if __name__ == "__main__":
    prefix = sys.argv[1] if len(sys.argv) > 1 else ""
    all_shows, all_cases = load_cases()
    outcome = evaluate(all_shows, [c for c in all_cases if c["id"].startswith(prefix)])
    for title, rows in (("false positives", outcome.false_positives), ("misses", outcome.false_negatives),
                        ("certainty", outcome.certainty_wrong), ("season", outcome.season_wrong)):
        for row in rows:
            print(f"{title:16} {row}")
    print(f"cases {outcome.cases}  claims {outcome.true_positives + len(outcome.false_negatives)}  "
          f"precision {outcome.precision:.3f}  recall {outcome.recall:.3f}  "
          f"certainty {outcome.certainty_accuracy:.3f}  season {outcome.season_accuracy:.3f}")
