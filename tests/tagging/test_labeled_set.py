"""Precision / recall of the tagger on the hand-labeled synthetic set.

A tag counts as a true positive when the case lists the show in ``expect``;
every other tag is a false positive; listed shows that are not tagged are
false negatives.  Run this file directly to print every miss:

    .venv/bin/python tests/tagging/test_labeled_set.py [ID_PREFIX]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CASES_PATH = Path(__file__).with_name("labeled_cases.yaml")
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.95
SEASON_FLOOR = 0.95
ABOUT_FLOOR = 0.9
MIN_CASES = 220


@dataclass
class Evaluation:
    cases: int = 0
    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)
    season_checked: int = 0
    season_wrong: list[str] = field(default_factory=list)
    about_checked: int = 0
    about_wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + len(self.false_negatives)
        return self.true_positives / wanted if wanted else 1.0

    @property
    def season_accuracy(self) -> float:
        return 1 - len(self.season_wrong) / self.season_checked if self.season_checked else 1.0

    @property
    def about_accuracy(self) -> float:
        return 1 - len(self.about_wrong) / self.about_checked if self.about_checked else 1.0


def load_cases(path: Path = CASES_PATH) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def parse_expect(items: list[str]) -> dict[str, int | None]:
    expected: dict[str, int | None] = {}
    for item in items:
        show_id, _, season = str(item).partition("@")
        expected[show_id] = int(season) if season else None
    return expected


def evaluate(tagger, cases: list[dict]) -> Evaluation:
    result = Evaluation()
    for case in cases:
        result.cases += 1
        tags = tagger.tag(case.get("title", ""), case.get("body", ""),
                          language=case.get("language", ""), html_title_cues=case.get("cues"))
        found = {t.show_id: t for t in tags}
        expected = parse_expect(case.get("expect") or [])
        for show_id, tag in found.items():
            if show_id in expected:
                result.true_positives += 1
            else:
                result.false_positives.append(f"{case['id']}: {show_id} (alias {tag.alias!r})")
        for show_id, season in expected.items():
            if show_id not in found:
                result.false_negatives.append(f"{case['id']}: {show_id}")
            elif season is not None:
                result.season_checked += 1
                if found[show_id].season != season:
                    result.season_wrong.append(
                        f"{case['id']}: {show_id} season {found[show_id].season}, expected {season}")
        for show_id in case.get("about") or []:
            result.about_checked += 1
            if show_id not in found or not found[show_id].is_about:
                result.about_wrong.append(f"{case['id']}: {show_id}")
    return result


def test_labeled_set_is_big_and_valid(catalog):
    cases = load_cases()
    assert len(cases) >= MIN_CASES
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for case in cases:
        for show_id in parse_expect(case.get("expect") or []):
            assert show_id in catalog, f"{case['id']}: unknown show id {show_id}"
    negatives = sum(1 for c in cases if not c.get("expect"))
    assert negatives >= 70, "the set needs plenty of non-show senses"


def test_precision_and_recall_floors(tagger):
    result = evaluate(tagger, load_cases())
    report = "\n".join(["false positives:", *result.false_positives,
                        "false negatives:", *result.false_negatives])
    assert result.precision >= PRECISION_FLOOR, f"precision {result.precision:.3f}\n{report}"
    assert result.recall >= RECALL_FLOOR, f"recall {result.recall:.3f}\n{report}"


def test_season_and_about_floors(tagger):
    result = evaluate(tagger, load_cases())
    assert result.season_accuracy >= SEASON_FLOOR, "\n".join(result.season_wrong)
    assert result.about_accuracy >= ABOUT_FLOOR, "\n".join(result.about_wrong)


def test_the_floors_can_fail_without_the_ambiguity_guard(catalog):
    """Same catalog with every everyday-word flag and veto removed: the labeled
    set must catch the drop in precision (so the floor test is not vacuous)."""
    from dataclasses import replace

    from pipelines.show_catalog import Catalog
    from pipelines.show_tagger import ShowTagger

    naive = Catalog(shows=tuple(replace(s, ambiguous_aliases=(), not_before=(), not_after=())
                                for s in catalog.shows))
    result = evaluate(ShowTagger(naive), load_cases())
    assert result.precision < PRECISION_FLOOR


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    from pipelines.show_catalog import load_catalog
    from pipelines.show_tagger import ShowTagger

    prefix = sys.argv[1] if len(sys.argv) > 1 else ""       # e.g. "h-" for the held-out batch
    cases = [c for c in load_cases() if c["id"].startswith(prefix)]
    result = evaluate(ShowTagger(load_catalog(root / "data" / "shows.yaml")), cases)
    print(f"cases {result.cases}  precision {result.precision:.3f}  recall {result.recall:.3f}  "
          f"season {result.season_accuracy:.3f} ({result.season_checked})  "
          f"about {result.about_accuracy:.3f} ({result.about_checked})")
    for title, rows in (("false positives", result.false_positives),
                        ("false negatives", result.false_negatives),
                        ("wrong seasons", result.season_wrong), ("wrong is_about", result.about_wrong)):
        print(f"{title}: {len(rows)}")
        for row in rows:
            print("   ", row)


if __name__ == "__main__":
    main()
