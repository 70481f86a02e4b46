"""Text normalisation for titles (pure functions, no I/O).

``normalise_title`` turns a raw title into the text the parser reads: HTML entities
decoded (the YouTube Data API returns ``&quot;``, ``&amp;``, ``&#39;``), NFC, control and
format characters removed, lone surrogates dropped, Unicode dash and quote variants
unified, emoji and pictographs removed, whitespace collapsed. Artist and song are always
cut from this text, so they never contain anything the title did not.

``fold`` is the comparison key: case, accents, punctuation and whitespace folded.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

# Dash-like characters that channels use as separators.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_TABLE = {ord(c): "-" for c in _DASHES}
# Full-width and mathematical look-alikes of separators ("Song ｜ Artist", "Song ⧸ Artist").
_SEPARATOR_TABLE = {ord("\uff5c"): "|", ord("\u29f8"): "/", ord("\uff0f"): "/",
                    ord("\uff1a"): ":", ord("\u2223"): "|", ord("\u01c0"): "|",
                    # Crosses between two credits ("A ❌ B", "A ✖ B"): the "x" of "A x B".
                    ord("\u274c"): " x ", ord("\u2716"): " x ", ord("\u2715"): " x ",
                    ord("\u2a2f"): " x "}
_QUOTE_TABLE = {
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"},
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\uff07"},
}
_SPACE_RE = re.compile(r"\s+")
# Emoji and pictographs (So = "Symbol, other") plus variation selectors and ZW joiners.
_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


_COMMON_ENTITIES = (("&quot;", '"'), ("&#39;", "'"), ("&apos;", "'"), ("&lt;", "<"),
                    ("&gt;", ">"), ("&amp;", "&"))


@functools.lru_cache(maxsize=4096)
def _replacement(ch: str) -> str:
    if ch.isalnum():
        return ch
    cat = unicodedata.category(ch)
    if cat in _DROP_CATEGORIES:
        return " " if ch in "\t\n\r\x0b\x0c\x85" else ""
    if cat == "So" or (cat == "Sk" and ord(ch) > 0x2000) or cat == "Zs":
        return " "  # emoji, music notes, stars: visual noise between words
    return ch


class _OddChars(dict[int, "str | None"]):
    """str.translate table of :func:`_replacement`, filled in as characters are met."""

    def __missing__(self, code: int) -> str | None:
        value = _replacement(chr(code)) or None  # None: translate drops the character
        self[code] = value
        return value


_ODD_CHARS = _OddChars({c: chr(c) for c in range(0x20, 0x7F)})
_ODD_CHARS.update(_DASH_TABLE)
_ODD_CHARS.update(_QUOTE_TABLE)
_ODD_CHARS.update(_SEPARATOR_TABLE)


def normalise_title(raw: str) -> str:
    """The parser's view of a title; see the module docstring."""
    if not raw:
        return ""
    text = raw
    # Titles are sometimes escaped twice ("&amp;quot;"); two rounds cover that.
    for _ in range(2):
        if "&" not in text or ";" not in text:
            break
        # The YouTube Data API's usual entities first (cheap); anything else via html.
        for entity, char in _COMMON_ENTITIES:
            if entity in text:
                text = text.replace(entity, char)
        if "&" in text and ";" in text:
            text = html.unescape(text)
    if not text.isascii():
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "ignore")
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        # One pass: dashes and quotes unified, odd characters dropped or spaced.
        text = text.translate(_ODD_CHARS)
    elif not text.isprintable():  # ASCII: a control character (outside \x20-\x7e)
        text = text.translate(_ODD_CHARS)
    return " ".join(text.split())


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_NOT_COMBINING)


class _NotCombining(dict[int, "int | None"]):
    """str.translate table that drops combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_NOT_COMBINING = _NotCombining({c: c for c in range(0x80)})


_APOSTROPHES = {ord(c): None for c in "\u2018\u2019\u02bc\u2032\uff07"}
_FOLD_DROP = re.compile(r"[^\w\s]|_", re.UNICODE)
# The same for ASCII text: anything but letters, digits and whitespace becomes a space.
_ASCII_FOLD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c).isspace())}


@functools.lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Comparison key: casefold, no accents, no punctuation, single spaces."""
    if not text:
        return ""
    t = _strip_accents(text.casefold()).replace("&", " and ").replace("'", "")
    # ASCII (most titles): a translate table does what the pattern does, much faster;
    # "Don’t" folds as "Don't" does.
    t = (t.translate(_ASCII_FOLD) if t.isascii()
         else _FOLD_DROP.sub(" ", t.translate(_APOSTROPHES)))
    return " ".join(t.split())


@functools.lru_cache(maxsize=65536)
def artist_key(text: str | None) -> str:
    """Artist comparison key: folded, without a leading "the"."""
    key = fold(text)
    return key[4:] if key.startswith("the ") else key
