"""Keep secrets out of log lines.

``redact_secrets(text)`` (pure) replaces

* the password of ``scheme://user:password@host`` URLs (proxy URLs included),
* values of query parameters whose name looks secret (``token``, ``access_token``,
  ``api_key``, ``key``, ``sig``, ``signature``, ``password``, ``secret``,
  ``session``, ``X-Amz-Credential``...),
* values of ``Authorization``, ``Proxy-Authorization`` and ``Cookie`` headers
  (as Scrapy prints them in header dicts, or ``Name: value`` lines),

with ``[REDACTED]``.  ``RedactSecretsFilter`` applies it to every record a
handler emits; ``entcrawl crawl`` puts it on its handlers, and
``RedactLogsExtension`` puts it on the root handlers of a plain
``scrapy crawl``.
"""
from __future__ import annotations

import logging
import re
from typing import Any

REDACTED = "[REDACTED]"

_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^/\s:@'\"<>]+):[^/\s@'\"<>]+@")
_SECRET_NAME = (
    r"[^=&;#\s'\"<>?]*(?:token|secret|passw(?:or)?d|pwd|api[_-]?key|apikey|signature|credential|"
    r"session)[^=&;#\s'\"<>]*|key|sig|sid|code|auth|authorization"
)
_SECRET_PARAM = re.compile(
    rf"(?P<lead>[?&;](?:{_SECRET_NAME})=)(?P<value>[^&;#\s'\"<>]+)", re.IGNORECASE
)
_SECRET_HEADER = re.compile(
    r"(?P<lead>\b(?:proxy-authorization|authorization|cookie|set-cookie|x-api-key)"
    r"(?:['\"]\s*:\s*\[?\s*b?['\"]|\s*[:=]\s*))(?P<value>[^'\"\]\r\n]+)",
    re.IGNORECASE,
)


def redact_secrets(text: str) -> str:
    """``text`` with credentials, secret query values and auth headers replaced."""
    if not text:
        return text
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:{REDACTED}@", text)
    text = _SECRET_PARAM.sub(lambda m: m["lead"] + REDACTED, text)
    return _SECRET_HEADER.sub(lambda m: m["lead"] + REDACTED, text)


class RedactSecretsFilter(logging.Filter):
    """Rewrite each record's message (args merged in) through ``redact_secrets``."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler to report
            return True
        cleaned = redact_secrets(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact_secrets(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact_secrets(record.exc_text)
        return True


def add_redaction(handler: logging.Handler) -> None:
    """Put one ``RedactSecretsFilter`` on ``handler`` (idempotent)."""
    if not any(isinstance(f, RedactSecretsFilter) for f in handler.filters):
        handler.addFilter(RedactSecretsFilter())


class RedactLogsExtension:
    """Scrapy extension: redact the root logger's handlers (for ``scrapy crawl``)."""

    def __init__(self, root: logging.Logger) -> None:
        for handler in root.handlers:
            add_redaction(handler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedactLogsExtension:
        return cls(logging.getLogger())
