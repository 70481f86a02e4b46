"""One redaction path for every message that leaves the process.

Log lines (and their tracebacks), stored errors (``videos.enrichment_error``), CLI
``Error:`` lines and the operator scripts' output all pass through :func:`redact`:
every secret the process holds (each :class:`collector.secret.Secret` registers its
value here when it is created) becomes ``****``, and so does anything that looks like a
credential (``token=...``, an ``Authorization`` header), even one we were never given -
a server's error page may echo someone's request back.
"""

from __future__ import annotations

import logging
import re

MASK = "****"
_SECRETS: set[str] = set()
_CREDENTIAL = re.compile(
    r"(?i)(\bauthorization\s*[:=]\s*(?:discogs\s+token=|bearer\s+|basic\s+)?"
    r"|\b(?:token|key|secret|oauth_token|oauth_signature)\s*[=:]\s*)"
    r"[^\s'\"&,;<>]+"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


MIN_SECRET_LENGTH = 8  # shorter is no real token, and masking it would garble text


def register(value: str) -> None:
    """Remember a secret value: from now on it never leaves the process."""
    if len(value) >= MIN_SECRET_LENGTH:
        _SECRETS.add(value)


def redact(text: str) -> str:
    """``text`` with every known secret and every credential-looking value masked."""
    for value in sorted(_SECRETS, key=len, reverse=True):
        if value in text:
            text = text.replace(value, MASK)
    return _CREDENTIAL.sub(lambda m: m.group(1) + MASK, text)


def body_snippet(body: bytes, limit: int = 60) -> str:
    """The start of a response body, fit for a message: one line, redacted, bounded.

    The whole body is redacted before it is cut, so a secret that straddles the cut
    cannot leave half of itself behind.
    """
    text = body[: limit * 8].decode("utf-8", "replace")
    text = " ".join(_CONTROL.sub(" ", redact(text)).split())
    return text[:limit]


class RedactingFormatter(logging.Formatter):
    """A formatter whose whole output (message, arguments, traceback) is redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
