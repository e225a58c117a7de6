"""Extraction quality on the real-page corpus, scored by shared/tools/score_metadata.py.

Skipped when ``../shared/corpus`` (next to the repository) is absent.  Runs
the manifest extraction with two processes over trafilatura-eval (title,
date, authors, body snippets) and htmldate-eval (dates), then fails when a
metric drops under its floor.  Floors sit a little under the scores measured
when this test was written (docs/extraction.md has the table and the
trafilatura 2.3.1 reference values).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.extraction.batch import run_manifest

ROOT = Path(__file__).resolve().parents[2]
SHARED = (ROOT / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_metadata.py"

FLOORS = {
    "trafilatura-eval": {"title_exact": 0.765, "title_contains": 0.865, "date_day": 0.873, "authors_exact": 0.605,
                         "body_with": 0.944, "body_without": 0.90},
    "htmldate-eval": {"date_day": 0.905},
}

pytestmark = pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()), reason="../shared/corpus not present")


def _score(corpus: str, tmp_path: Path) -> dict:
    data = CORPUS / corpus
    manifest = tmp_path / f"{corpus}.manifest.jsonl"
    with open(data / "index.jsonl", encoding="utf-8") as index, open(manifest, "w", encoding="utf-8") as out:
        for line in index:
            entry = json.loads(line)
            out.write(json.dumps({"id": entry["id"], "path": str(data / entry["id"] / "page.html.gz"),
                                  "url": entry.get("url")}) + "\n")
    extracted = tmp_path / f"{corpus}.out.jsonl"
    with open(extracted, "w", encoding="utf-8") as handle:
        ok, errors = run_manifest(manifest, handle, workers=2)
    assert errors == 0 and ok > 900
    predictions = tmp_path / f"{corpus}.pred.jsonl"
    with open(extracted, encoding="utf-8") as rows, open(predictions, "w", encoding="utf-8") as out:
        for line in rows:
            row = json.loads(line)
            out.write(json.dumps({"id": row["id"], "title": row["title"], "published": row["published_at"],
                                  "authors": row["authors"], "body": row["body"]}, ensure_ascii=False) + "\n")
    report = tmp_path / f"{corpus}.score.json"
    subprocess.run([sys.executable, str(SCORER), "--data", str(data), "--predictions", str(predictions),
                    "--json-out", str(report)], check=True, capture_output=True, text=True)
    return json.loads(report.read_text(encoding="utf-8"))["overall"]


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_corpus_scores_stay_above_floors(corpus: str, tmp_path: Path) -> None:
    overall = _score(corpus, tmp_path)
    measured = {key: overall[key]["value"] for key in FLOORS[corpus]}
    print(corpus, measured)
    low = {key: (value, FLOORS[corpus][key]) for key, value in measured.items() if value < FLOORS[corpus][key]}
    assert not low, f"{corpus}: under floor (measured, floor): {low}"
