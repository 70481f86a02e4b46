"""A string wrapper that never prints its value, so a token cannot leak through repr/str/logs."""

from __future__ import annotations

from collector import redaction


class Secret:
    """Holds a secret string; ``str()``/``repr()`` show only a mask."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None = None) -> None:
        self._value = (value or "").strip()
        redaction.register(self._value)  # every message leaving the process masks it

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def masked(self) -> str:
        if not self._value:
            return "(not set)"
        # Show length class only; even a prefix narrows a 40-char token search too much.
        return "****" + f" ({len(self._value)} chars)"

    def __str__(self) -> str:
        return self.masked()

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def redact(self, text: str) -> str:
        """Remove the secret (and every other known one) from a piece of text."""
        return redaction.redact(text)
