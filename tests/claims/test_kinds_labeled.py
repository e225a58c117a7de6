"""Per-kind precision / recall of classify_kinds on the hand-labeled headlines.

Each (case, kind) pair is scored: a predicted kind listed in the case is a
true positive, one not listed a false positive, a listed kind not predicted a
miss.  ``recap@s2e5`` also checks the recap's season and episode.  Run this
file directly to print the table and every miss:

    .venv/bin/python tests/claims/test_kinds_labeled.py [ID_PREFIX]
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipelines.article_kinds import KINDS, classify_kinds

CASES_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "claims" / "article_kinds.yaml"
DEFAULT_SHOW = {"en": "gh", "es": "rio", "ko": "wind"}
MICRO_PRECISION_FLOOR = 0.92
MICRO_RECALL_FLOOR = 0.92
PER_KIND_FLOOR = 0.75          # precision and recall of every kind with 5+ labeled cases
RECAP_DETAIL_FLOOR = 0.9
MIN_CASES = 150


@dataclass
class KindScores:
    true_positives: Counter = field(default_factory=Counter)
    false_positives: Counter = field(default_factory=Counter)
    false_negatives: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    recap_checked: int = 0
    recap_wrong: list[str] = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        tp = self.true_positives[kind] if kind else sum(self.true_positives.values())
        fp = self.false_positives[kind] if kind else sum(self.false_positives.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp = self.true_positives[kind] if kind else sum(self.true_positives.values())
        fn = self.false_negatives[kind] if kind else sum(self.false_negatives.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def support(self, kind: str) -> int:
        return self.true_positives[kind] + self.false_negatives[kind]


def load_cases(path: Path = CASES_PATH) -> tuple[dict[str, list[str]], list[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["shows"], data["cases"]


def evaluate(shows: dict[str, list[str]], cases: list[dict]) -> KindScores:
    scores = KindScores()
    for case in cases:
        language = case.get("language", "en")
        tags = classify_kinds(case.get("title", ""), case.get("body", ""),
                              shows[case.get("show", DEFAULT_SHOW[language])], language=language)
        wanted: dict[str, str] = {}
        for item in case["kinds"]:
            kind, _, detail = item.partition("@")
            wanted[kind] = detail
        found = {tag.kind: tag for tag in tags}
        for kind, tag in found.items():
            if kind in wanted:
                scores.true_positives[kind] += 1
                if kind == "recap" and wanted[kind]:
                    scores.recap_checked += 1
                    season = re.search(r"s(\d+)", wanted[kind])
                    episode = re.search(r"e(\d+)", wanted[kind])
                    if (tag.season, tag.episode) != (int(season.group(1)) if season else None,
                                                     int(episode.group(1)) if episode else None):
                        scores.recap_wrong.append(f"{case['id']}: want {wanted[kind]}, got s{tag.season}e{tag.episode}")
            else:
                scores.false_positives[kind] += 1
                scores.errors.append(f"{case['id']}: extra {kind} ({tag.evidence!r} in {tag.where})")
        for kind in wanted:
            if kind not in found:
                scores.false_negatives[kind] += 1
                scores.errors.append(f"{case['id']}: missed {kind} (got {sorted(found)})")
    return scores


def table(scores: KindScores) -> str:
    rows = [f"{'kind':14} {'n':>3} {'prec':>6} {'recall':>6}"]
    for kind in KINDS:
        if scores.support(kind) or scores.false_positives[kind]:
            rows.append(f"{kind:14} {scores.support(kind):3d} {scores.precision(kind):6.3f} {scores.recall(kind):6.3f}")
    rows.append(f"{'all (micro)':14} {sum(scores.support(k) for k in KINDS):3d} "
                f"{scores.precision():6.3f} {scores.recall():6.3f}")
    return "\n".join(rows)


def test_enough_cases_for_every_kind():
    shows, cases = load_cases()
    assert len(cases) >= MIN_CASES
    support = Counter(item.partition("@")[0] for case in cases for item in case["kinds"])
    assert set(support) == set(KINDS)
    assert min(support.values()) >= 8
    languages = Counter(case.get("language", "en") for case in cases)
    assert languages["es"] >= 20 and languages["ko"] >= 20


def test_micro_and_per_kind_floors():
    shows, cases = load_cases()
    scores = evaluate(shows, cases)
    report = table(scores) + "\n" + "\n".join(scores.errors)
    assert scores.precision() >= MICRO_PRECISION_FLOOR, report
    assert scores.recall() >= MICRO_RECALL_FLOOR, report
    for kind in KINDS:
        if scores.support(kind) >= 5:
            assert scores.precision(kind) >= PER_KIND_FLOOR, f"{kind}\n{report}"
            assert scores.recall(kind) >= PER_KIND_FLOOR, f"{kind}\n{report}"


def test_recap_season_and_episode():
    shows, cases = load_cases()
    scores = evaluate(shows, cases)
    assert scores.recap_checked >= 8
    assert 1 - len(scores.recap_wrong) / scores.recap_checked >= RECAP_DETAIL_FLOOR, scores.recap_wrong


def test_floors_can_fail_with_headline_only_english_cues(monkeypatch):
    """Scoring with the Korean and Spanish cue tables removed must break the floors."""
    import pipelines.article_kinds as kinds_module

    monkeypatch.setattr(kinds_module, "_languages", lambda language: ("en",))
    shows, cases = load_cases()
    scores = evaluate(shows, cases)
    assert scores.recall() < MICRO_RECALL_FLOOR


if __name__ == "__main__":
    prefix = sys.argv[1] if len(sys.argv) > 1 else ""
    all_shows, all_cases = load_cases()
    outcome = evaluate(all_shows, [c for c in all_cases if c["id"].startswith(prefix)])
    print("\n".join(outcome.errors + outcome.recap_wrong))
    print(table(outcome))
