"""Bytes -> text: the caller's encoding, then the page's own charset, then detection.

Never raises on a wrong charset: the last resort decodes with ``errors="replace"``.
"""
from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Labels that browsers map to a superset codec (WHATWG encoding standard).
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
            "us-ascii": "cp1252", "iso-8859-9": "cp1254", "x-sjis": "shift_jis", "gb2312": "gb18030",
            "gbk": "gb18030", "ks_c_5601-1987": "cp949", "euc-kr": "cp949", "utf8": "utf-8"}


def normalize_codec(label: str | None) -> str | None:
    """Return a Python codec name for an encoding label, or None when unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (meta tag or XML prolog)."""
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match:
            codec = normalize_codec(match.group(1).decode("ascii", "ignore"))
            if codec:
                return codec
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset_normalizer ships with requests/trafilatura
        return None
    best = from_bytes(data[:65536]).best()
    codec = normalize_codec(best.encoding) if best is not None else None
    if codec and codec.startswith(("utf-16", "utf-32")):
        return None  # HTML without a BOM is never UTF-16/32 in practice; tiny inputs fool detection
    return codec


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a truncated or spliced page), else None."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    # characters above U+007F other than U+FFFD, counted in C
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return text if valid >= 4 * broken and valid > 0 else None


_SINGLE_BYTE_WESTERN = frozenset({"cp1252", "iso8859-1", "iso8859-15", "cp1254"})
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _has_utf8_multibyte(data: bytes) -> bool:
    return _UTF8_MULTIBYTE.search(data, 0, 262144) is not None


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Decode page bytes.

    Order: BOM, ``encoding`` given by the caller (e.g. the HTTP header), the
    page's declared charset, UTF-8, statistical detection.  A declared or given
    charset that does not fit the bytes is skipped; when nothing decodes
    strictly, the first choice decodes with replacement characters.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    choices: list[str] = []
    for codec in (normalize_codec(encoding), declared_charset(data), "utf-8"):
        if codec and codec not in choices:
            choices.append(codec)
    if choices[0] in _SINGLE_BYTE_WESTERN and _has_utf8_multibyte(data):
        # "charset=iso-8859-1" on a UTF-8 page (a common server default): bytes that
        # are valid UTF-8 with multi-byte sequences are practically never cp1252 text.
        text = _strict(data, "utf-8")
        if text is not None:
            return text
    for codec in choices:
        text = _strict(data, codec)
        if text is not None:
            return text
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    high = sum(1 for byte in data[:65536] if byte >= 0x80)
    if len(data) < 512 or high < 0.02 * min(len(data), 65536):
        # too little non-ASCII text for detection to be reliable: Western single-byte text
        return data.decode("cp1252", errors="replace")
    detected = _detect(data)
    if detected:
        text = _strict(data, detected)
        if text is not None:
            return text
    # nothing fits strictly: a single-byte Western codec, undecodable bytes become U+FFFD
    return data.decode(detected or "cp1252", errors="replace")
