"""Plain text for the catalog and its users: titles as their real text, yt-dlp's errors
in words."""

from __future__ import annotations

import html
import re

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(value: str) -> str:
    """``&quot;``, ``&amp;``, ``&#39;``... as the characters they stand for, once.

    The YouTube Data API (and exports made from it) escapes titles as HTML; the catalog
    stores the real text. Only complete entities (with their ``;``) are decoded: "AT&T"
    or "R&B" stay as they are.
    """
    if "&" not in value:
        return value
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), value)


_NET_WORDS = (
    (re.compile(r"Errno -2\]|Name or service not known|nodename nor servname|getaddrinfo",
                re.I), "no network or host not found (DNS lookup failed)"),
    (re.compile(r"Errno -3\]|Temporary failure in name resolution", re.I),
     "no network (DNS lookup failed)"),
    (re.compile(r"Connection refused|Errno 111\]", re.I), "connection refused"),
    (re.compile(r"Network is unreachable|Errno 101\]", re.I), "no network (network unreachable)"),
    (re.compile(r"No route to host|Errno 113\]", re.I), "host unreachable"),
    (re.compile(r"timed out", re.I), "no answer (timed out)"),
    (re.compile(r"CERTIFICATE_VERIFY_FAILED", re.I), "its TLS certificate was not accepted"),
)


def ytdlp_error_words(message: str) -> str:
    """yt-dlp's error as one plain line: network causes in words, no exception reprs."""
    first = re.sub(r"^ERROR:\s*", "", message).splitlines()[0] if message.strip() else ""
    for pattern, words in _NET_WORDS:
        if pattern.search(first):
            return words
    first = re.sub(r"\s*\(caused by \w+\(.*\)\)\s*$", "", first)
    return first or "failed"
