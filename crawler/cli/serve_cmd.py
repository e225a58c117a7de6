"""`entcrawl serve`: Datasette on the database, with the project's metadata and chart plugin."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import click
import yaml

from crawler.cli.options import db_option
from crawler.registry import PROJECT_ROOT

METADATA = PROJECT_ROOT / "data" / "metadata.yml"
PLUGINS_DIR = PROJECT_ROOT / "data" / "plugins"
METADATA_DATABASE = "entcrawl"   # the key under `databases:` in data/metadata.yml


def metadata_for(db: str | Path, metadata_path: Path = METADATA) -> dict:
    """The project's metadata with its database section keyed by this file's name.

    Datasette names a database after its file stem; data/metadata.yml describes
    ``entcrawl``, so ``--db /tmp/demo.db`` gets the same titles, facets and
    saved queries under ``demo``.
    """
    metadata = yaml.safe_load(metadata_path.read_text(encoding="utf-8")) or {}
    name = Path(db).stem
    databases = metadata.get("databases") or {}
    if name != METADATA_DATABASE and METADATA_DATABASE in databases:
        databases[name] = databases.pop(METADATA_DATABASE)
    return metadata


def datasette_command(db: str, *, host: str, port: int, allow_sql: bool,
                      get: str | None = None, metadata: str | Path = METADATA) -> list[str]:
    """The datasette command line `entcrawl serve` runs (read-only by default)."""
    command = [sys.executable, "-m", "datasette", "serve", db, "--metadata", str(metadata),
               "--plugins-dir", str(PLUGINS_DIR),
               "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "3000"]
    if not allow_sql:
        command += ["--setting", "default_allow_sql", "off"]
    if get:
        command += ["--get", get]
    return command


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (keep 127.0.0.1 unless you mean to share it).")
@click.option("--port", type=int, default=8001, show_default=True, help="Port to listen on.")
@click.option("--allow-sql", is_flag=True,
              help="Allow arbitrary SQL queries (off by default; saved queries always work).")
@click.option("--get", "get_path", default=None,
              help="Print the response to one GET request (e.g. /entcrawl.json) and exit.")
def serve(db, host, port, allow_sql, get_path):
    """Browse the database in Datasette (read-only, on 127.0.0.1 by default)."""
    if not Path(db).exists():
        raise click.ClickException(f"{db} does not exist yet: run `make demo` or `entcrawl crawl` first")
    with tempfile.TemporaryDirectory(prefix="entcrawl-serve-") as tmp:
        metadata = Path(tmp) / "metadata.yml"
        metadata.write_text(yaml.safe_dump(metadata_for(db), sort_keys=False, allow_unicode=True),
                            encoding="utf-8")
        command = datasette_command(db, host=host, port=port, allow_sql=allow_sql, get=get_path,
                                    metadata=metadata)
        sys.exit(run_forwarding_signals(command))


def run_forwarding_signals(command: list[str]) -> int:
    """Run ``command`` and wait for it; SIGTERM/SIGHUP sent to this process go to it too,
    so stopping `entcrawl serve` (systemd, kill, a test) never leaves Datasette running.
    (Ctrl-C reaches both already: the terminal signals the whole process group.)"""
    child = subprocess.Popen(command, env=os.environ.copy())

    def forward(signum: int, _frame: object) -> None:
        child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:       # the child got SIGINT too; wait for it to stop
                continue
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
