"""Batch extraction over a manifest of saved pages (used by `entcrawl extract --manifest`)."""
from __future__ import annotations

import gzip
import json
import multiprocessing
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from . import extract_article
from .errors import ExtractionError


def read_page(path: Path) -> bytes:
    """The page's bytes; ``.gz`` files are decompressed."""
    data = path.read_bytes()
    if path.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def parse_fetched_at(value: str | None) -> datetime | None:
    """ISO 8601 fetch time ('Z' accepted) or None."""
    if not value:
        return None
    return datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))


def extract_entry(entry: dict[str, Any], base: str) -> dict[str, Any]:
    """One manifest line -> one output line (fields, or an ``error``); never raises."""
    entry_id = entry.get("id")
    try:
        raw_path = entry.get("path")
        if not raw_path:
            raise ValueError("manifest line has no 'path'")
        path = Path(raw_path)
        if not path.is_absolute():
            path = Path(base) / path
        html = read_page(path)
        article = extract_article(html, str(entry.get("url") or ""),
                                  fetched_at=parse_fetched_at(entry.get("fetched_at")),
                                  encoding=entry.get("encoding"))
    except (OSError, ValueError, EOFError, gzip.BadGzipFile, ExtractionError) as err:
        return {"id": entry_id, "error": f"{type(err).__name__}: {err}"}
    except Exception as err:  # a bug must not stop a batch; the line says what happened
        return {"id": entry_id, "error": f"unexpected {type(err).__name__}: {err}"}
    return {"id": entry_id, **article}


def _extract_entry_star(job: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return extract_entry(*job)


def read_manifest(path: Path) -> Iterator[dict[str, Any]]:
    """Manifest lines as dicts; a line that is not a JSON object becomes an error entry."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError as err:
                entry = {"_error": f"manifest line {number}: invalid JSON: {err}"}
            if not isinstance(entry, dict):
                entry = {"_error": f"manifest line {number}: not a JSON object"}
            yield entry


def run_manifest(manifest: Path, out: TextIO, workers: int = 1) -> tuple[int, int]:
    """Extract every manifest entry, writing JSON lines in input order -> (ok, errors)."""
    base = str(manifest.resolve().parent)
    jobs = []
    results: list[dict[str, Any] | None] = []
    for entry in read_manifest(manifest):
        if "_error" in entry:
            results.append({"id": None, "error": entry["_error"]})
        else:
            results.append(None)
            jobs.append((entry, base))
    if workers > 1 and len(jobs) > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = iter(pool.imap(_extract_entry_star, jobs, chunksize=4))
            filled = [r if r is not None else next(done) for r in results]
    else:
        done_seq = iter(map(_extract_entry_star, jobs))
        filled = [r if r is not None else next(done_seq) for r in results]
    errors = 0
    for row in filled:
        errors += "error" in row
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(filled) - errors, errors
