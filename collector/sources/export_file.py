"""A yt-dlp export file as a listing: a ``-J`` dump (streamed with ijson, never held
whole) or ``-j`` JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import ijson

from collector.errors import SourceError
from collector.sources.entries import Listing, _listing, channel_from_info


def open_export(path: str, since: date | None = None) -> Listing:
    """Read a yt-dlp ``-J`` dump (streamed) or ``-j`` JSON Lines file."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read export ({exc.strerror})") from None
    stripped = head.lstrip()
    if not stripped:
        raise SourceError(f"{path}: export file is empty")
    if not stripped.startswith(b"{"):
        raise SourceError(f"{path}: not a yt-dlp JSON export (expected a JSON object)")
    first_line = stripped.split(b"\n", 1)[0]
    try:
        first = json.loads(first_line)
    except ValueError:
        first = None  # a pretty-printed -J dump, or malformed: the -J reader decides
    if isinstance(first, dict) and not (
        first.get("_type") == "playlist" and "entries" in first
    ):
        return _open_jsonl(p, first, since)
    return _open_json(p, since)


_ENTRY_KEYS = ("id", "url", "title", "_type")


def _open_jsonl(p: Path, first: dict[str, Any], since: date | None) -> Listing:
    if not any(k in first for k in _ENTRY_KEYS):
        raise SourceError(f"{p}: not a yt-dlp export (its first object has no id, url, title "
                          "or _type; make one with `yt-dlp -J --flat-playlist URL`)")
    channel = channel_from_info(first)

    def rows() -> Iterator[dict[str, Any]]:
        with open(p, encoding="utf-8", errors="replace") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError:
                    raise SourceError(f"{p}: line {lineno} is not valid JSON") from None
                if isinstance(obj, dict):
                    yield obj

    return _listing(channel, rows(), since)


def _malformed(p: Path, exc: Exception) -> str:
    """One line: ijson's message is a parser dump over several lines."""
    first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    cut = " (the file is cut off)" if "premature EOF" in first or "incomplete" in first else ""
    return f"{p}: malformed JSON export: {first or 'parse error'}{cut}"


def _top_level(p: Path) -> dict[str, Any]:
    """Scalar keys of a -J dump, read without building its entries."""
    info: dict[str, Any] = {}
    try:
        with open(p, "rb") as fh:
            for prefix, event, value in ijson.parse(fh):
                if prefix and "." not in prefix and event in ("string", "number", "boolean"):
                    info[prefix] = value
    except ijson.JSONError as exc:
        raise SourceError(_malformed(p, exc)) from None
    return info


def _open_json(p: Path, since: date | None) -> Listing:
    info = _top_level(p)
    channel = channel_from_info(info, fallback_id=str(info.get("id")) if info.get("id") else None)
    if info.get("_type") not in ("playlist", "multi_video"):
        # A single video dump: one entry.
        if info.get("id") and info.get("title"):
            return _listing(channel, iter([info]), since)
        raise SourceError(f"{p}: not a yt-dlp playlist or channel export (no entries)")

    def rows() -> Iterator[dict[str, Any]]:
        with open(p, "rb") as fh:
            try:
                yield from ijson.items(fh, "entries.item", use_float=True)
            except ijson.JSONError as exc:
                raise SourceError(_malformed(p, exc)) from None

    return _listing(channel, rows(), since)
