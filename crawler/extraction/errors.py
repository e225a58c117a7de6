"""The one error extraction raises on purpose."""
from __future__ import annotations


class ExtractionError(ValueError):
    """Input that cannot be parsed as HTML at all (empty, binary, plain text)."""
