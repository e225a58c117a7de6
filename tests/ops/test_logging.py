"""Secrets are redacted; the log file gets everything, a quiet terminal only errors; progress lines."""
from __future__ import annotations

import io
import logging

import pytest

from crawler.ops.logsetup import configure_run_logging, default_log_file
from crawler.ops.progress import progress_line
from crawler.ops.redaction import REDACTED, RedactLogsExtension, RedactSecretsFilter, redact_secrets


@pytest.mark.parametrize("text, secret", [
    ("Crawled (200) <GET https://site.example/news/x/?token=abc123&page=2>", "abc123"),
    ("GET https://api.example/v1?api_key=K-998877", "K-998877"),
    ("https://bucket/x?X-Amz-Credential=AKIAXYZ&X-Amz-Signature=deadbeef", "deadbeef"),
    ("proxy http://crawler:hunter2@proxy.example:8080 in use", "hunter2"),
    ("{b'Proxy-Authorization': [b'Basic Y3Jhd2xlcjpodW50ZXIy'], b'Accept': [b'*/*']}", "Y3Jhd2xlcjpodW50ZXIy"),
    ("Authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi"),
    ("https://site.example/login?password=pa55&user=ana", "pa55"),
])
def test_secrets_are_redacted(text, secret):
    cleaned = redact_secrets(text)
    assert secret not in cleaned
    assert REDACTED in cleaned


@pytest.mark.parametrize("text", [
    "https://site.example/news/x/?page=2&author=ana&keyword=drama",
    "Crawled (200) <GET http://127.0.0.1:8631/news/articleView.html?idxno=20001>",
    "",
])
def test_harmless_text_is_unchanged(text):
    assert redact_secrets(text) == text


def test_filter_redacts_formatted_args_and_tracebacks():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecretsFilter())
    log = logging.getLogger("test.redaction")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("fetching %s", "https://x.example/?access_token=TOPSECRET")
        try:
            raise ValueError("bad url https://u:TOPSECRET2@x.example/")
        except ValueError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    output = stream.getvalue()
    assert "TOPSECRET" not in output and "fetching" in output and "ValueError" in output


def test_redact_extension_covers_root_handlers():
    handler = logging.StreamHandler(io.StringIO())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        RedactLogsExtension(root)
        RedactLogsExtension(root)
        assert sum(isinstance(f, RedactSecretsFilter) for f in handler.filters) == 1
    finally:
        root.removeHandler(handler)


def test_log_file_gets_everything_quiet_terminal_only_errors(tmp_path):
    terminal = io.StringIO()
    log_file = tmp_path / "logs" / "run.log"
    setup = configure_run_logging(log_file=log_file, level="INFO", quiet=True, stream=terminal)
    try:
        log = logging.getLogger("entcrawl.test")
        log.info("progress line with ?token=abc")
        log.error("a site failed")
    finally:
        setup.close()
    text = log_file.read_text()
    assert "progress line" in text and "a site failed" in text and "abc" not in text
    assert "a site failed" in terminal.getvalue() and "progress line" not in terminal.getvalue()
    assert not setup.handlers


def test_bad_level_is_refused(tmp_path):
    with pytest.raises(ValueError):
        configure_run_logging(log_file=None, level="LOUD")


def test_default_log_file_is_dated():
    import datetime as dt

    assert default_log_file(dt.date(2026, 3, 1)).name == "entcrawl-20260301.log"


def test_progress_line_counts():
    stats = {"response_received_count": 12, "entcrawl/discovered/feed": 4, "entcrawl/discovered/sitemap": 3,
             "entcrawl/skipped/known": 40, "entcrawl/store/new": 5, "entcrawl/store/unchanged": 1,
             "entcrawl/dropped/short_body": 1, "entcrawl/errors/timeout": 2, "entcrawl/errors/http_404": 1}
    line = progress_line("tvline", stats, 61.2)
    assert line.startswith("tvline: 12 pages, 7 article requests (40 known skipped)")
    assert "stored new 5 updated 0 unchanged 1" in line and "dropped 1" in line and "errors 3" in line
    assert line.endswith("61s")
    assert progress_line("tvline", {}, 0, done=True).endswith("(done)")
