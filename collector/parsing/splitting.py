"""Splitting a title on separators outside brackets (pure helpers for the analysis).

Bracketed text is masked first, so a separator inside "(Live - 1969)" never splits a
title; an unclosed bracket (a truncated title) is text.
"""

from __future__ import annotations

import re

BRACKETS = {"(": ")", "[": "]", "【": "】", "「": "」", "『": "』", "〔": "〕", "{": "}", "<": ">"}
CLOSERS = frozenset(BRACKETS.values())
HAS_BRACKET = re.compile(r"[(\[【「『〔{<]")
_BRACKET_CHAR_RE = re.compile("[" + re.escape("".join(BRACKETS) + "".join(CLOSERS)) + "]")


def has_bracket(text: str) -> bool:
    """Whether ``text`` holds an opening bracket: ``HAS_BRACKET.search``, with one `in`
    test (memchr) per ASCII bracket first - cheaper than the character-class search."""
    return ("(" in text or "[" in text or "{" in text or "<" in text
            or (not text.isascii() and HAS_BRACKET.search(text) is not None))
# Separators in order of preference, each with the name the channel profile uses and the
# characters without which it cannot occur (a cheap test before the pattern runs).
SEPARATORS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("dash", re.compile(r"\s+-+\s+|(?<=[\w.!?)\]'\"$】」』》])-\s+|\s+-(?=[^\W\d_])"), "-"),
    ("bullet", re.compile(r"\s*[•·●▪]\s*"), "•·●▪"),
    ("pipe", re.compile(r"\s*\|\s*"), "|"),
    ("slash", re.compile(r"\s+/\s+|\s+_\s+|(?<=[^\W\d_])/(?=\s)|(?<=\s)/(?=[^\W\d_])"), "/_"),
    ("colon", re.compile(r"\s*:\s+"), ":"),
    ("tilde", re.compile(r"\s+~\s+"), "~"),
    ("underscore", re.compile(r"(?<=[^\W_])_(?=[^\W_])"), "_"),
)


def mask_groups(text: str) -> str:
    """Replace bracketed content with placeholders so separators inside are not split on.

    Only matched pairs are masked: an unclosed "(" or "[" (a truncated title) is text.
    """
    if not has_bracket(text):
        return text
    stack: list[tuple[int, str]] = []
    ranges: list[tuple[int, int]] = []
    # Only bracket characters move the stack: the loop visits those alone.
    for m in _BRACKET_CHAR_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch in BRACKETS:
            stack.append((i, BRACKETS[ch]))
        elif stack and ch == stack[-1][1]:
            start, _ = stack.pop()
            if not stack:
                ranges.append((start + 1, i))
        elif ch in CLOSERS:
            # A closer that does not match the innermost opener: drop unmatched openers.
            while stack and stack[-1][1] != ch:
                stack.pop()
            if stack:
                start, _ = stack.pop()
                if not stack:
                    ranges.append((start + 1, i))
    if not ranges:
        return text
    chars = list(text)
    for a, b in ranges:
        chars[a:b] = "\x00" * (b - a)
    return "".join(chars)


def split_spans(text: str, rx: re.Pattern[str], masked: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty part of ``text`` between separators outside brackets."""
    spans, last, end = [], 0, len(masked)
    for m in rx.finditer(masked):
        a, b = m.span()
        if a == 0 or b >= end:
            continue
        spans.append((last, a))
        last = b
    spans.append((last, len(text)))
    return [(a, b) for a, b in spans if a < b and not text[a:b].isspace()]


def split_masked(text: str, rx: re.Pattern[str], masked: str | None = None) -> list[str]:
    masked = mask_groups(text) if masked is None else masked
    return [text[a:b].strip() for a, b in split_spans(text, rx, masked)]


JOINERS = {"dash": " - ", "bullet": " • ", "pipe": " | ", "slash": " / ", "colon": ": ",
             "tilde": " ~ ", "underscore": "_", "gap": " | ", "tight": "-",
             "name": " "}
