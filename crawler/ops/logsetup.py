"""Logging for ``entcrawl crawl``: a log file plus the terminal.

* The file (default ``data/logs/entcrawl-YYYYMMDD.log``, appended to) gets
  every record at ``LOG_LEVEL`` (INFO by default), progress lines included.
* The terminal (stderr) gets the same, except in quiet mode, where only
  ERROR and above reach it, so cron mails only when something is wrong.
  Quiet is the default when stderr is not a terminal.

Both handlers redact secrets (:mod:`crawler.ops.redaction`).
"""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from crawler.ops.redaction import add_redaction
from crawler.registry import PROJECT_ROOT

DEFAULT_LOG_DIR = PROJECT_ROOT / "data" / "logs"
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
QUIET_TERMINAL_LEVEL = logging.ERROR
NO_LOG_FILE = "-"


def default_log_file(today: date, log_dir: Path = DEFAULT_LOG_DIR) -> Path:
    """``<log_dir>/entcrawl-YYYYMMDD.log`` (one file per day, runs appended)."""
    return log_dir / f"entcrawl-{today:%Y%m%d}.log"


def stream_is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class RunLogging:
    """The handlers installed on the root logger; ``close()`` removes them."""

    log_file: Path | None
    handlers: list[logging.Handler]

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        self.handlers = []


def configure_run_logging(
    *,
    log_file: Path | None,
    level: str | int = "INFO",
    quiet: bool = False,
    stream: TextIO | None = None,
) -> RunLogging:
    """Install the file and terminal handlers on the root logger.

    ``log_file=None`` writes no file.  Raises ``OSError`` when the file
    cannot be opened (the caller reports it before crawling).
    """
    file_level = logging.getLevelName(level) if isinstance(level, str) else level
    if not isinstance(file_level, int):
        raise ValueError(f"unknown log level {level!r}")
    terminal_level = max(file_level, QUIET_TERMINAL_LEVEL) if quiet else file_level
    formatter = logging.Formatter(LOG_FORMAT)
    handlers: list[logging.Handler] = []
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
        file_handler.setLevel(file_level)
        handlers.append(file_handler)
    terminal = logging.StreamHandler(stream or sys.stderr)
    terminal.setLevel(terminal_level)
    handlers.append(terminal)
    root = logging.getLogger()
    for handler in handlers:
        handler.setFormatter(formatter)
        add_redaction(handler)
        root.addHandler(handler)
    root.setLevel(min(h.level for h in handlers))
    return RunLogging(log_file, handlers)
