"""The YouTube source: list a channel's videos entry by entry.

SOURCE is a channel URL, ``@handle``, channel id, playlist URL (listed through yt-dlp's
Python API in flat mode, nothing downloaded), or the path of a yt-dlp export (``-J``
JSON, streamed with ijson, or ``-j`` JSON Lines). Entries are yielded one at a time so a
50,000-video channel is never held in memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from collector.errors import SourceError
from collector.sources.entries import (
    _NON_VIDEO_TABS,
    Listing,
    channel_from_info,
    clean_text,
    entry_to_video,
)
from collector.sources.export_file import open_export
from collector.sources.ytdlp import open_ytdlp

__all__ = ["Listing", "SourceSpec", "channel_from_info", "clean_text", "entry_to_video",
           "open_export", "open_source", "open_ytdlp", "resolve_source"]

_HANDLE = re.compile(r"^@[\w.\-]{3,100}$")
_CHANNEL_ID = re.compile(r"^UC[0-9A-Za-z_-]{22}$")
_YT_HOSTS = ("youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """What to list: a yt-dlp URL or an export file."""

    kind: str  # "url" | "file"
    location: str

    def __str__(self) -> str:
        return self.location


def resolve_source(source: str) -> SourceSpec:
    """Turn what the user typed into a yt-dlp URL (a channel's Videos tab) or a file."""
    text = source.strip()
    if not text:
        raise SourceError("empty source: give a channel URL, @handle, channel id or export file")
    if _HANDLE.match(text):
        return SourceSpec("url", f"https://www.youtube.com/{text}/videos")
    if _CHANNEL_ID.match(text):
        return SourceSpec("url", f"https://www.youtube.com/channel/{text}/videos")
    parsed = urlparse(text)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        host = parsed.netloc.lower()
        if host in _YT_HOSTS:
            return SourceSpec("url", _videos_tab_url(parsed.path, text))
        if host.endswith("youtube.com") or host == "youtu.be":
            raise SourceError(f"not a channel or playlist URL: {text}")
        # Any other http(s) URL (an RSS feed, a mirror) goes to yt-dlp's generic extractor.
        return SourceSpec("url", text)
    if parsed.scheme and len(parsed.scheme) > 1 and parsed.scheme not in ("file",):
        raise SourceError(f"unsupported URL scheme '{parsed.scheme}': {text}")
    path = Path(parsed.path if parsed.scheme == "file" else text)
    if path.is_file():
        return SourceSpec("file", str(path))
    if path.is_dir():
        raise SourceError(f"{path}: is a directory, not a yt-dlp export file")
    if path.exists():  # a device, a pipe, a socket
        raise SourceError(f"{path}: not a regular file (give a yt-dlp export file)")
    raise SourceError(
        f"{text!r} is not a channel URL, @handle, channel id (UC...), playlist URL or an "
        f"existing export file"
    )


def _videos_tab_url(path: str, original: str) -> str:
    parts = [p for p in path.split("/") if p]
    if path.startswith("/playlist") or "list=" in original:
        if "list=" not in original:
            raise SourceError(f"playlist URL without a list= parameter: {original}")
        return original
    if parts and (parts[0].startswith("@") or parts[0] in ("channel", "c", "user")):
        base_len = 1 if parts[0].startswith("@") else 2
        if len(parts) < base_len:
            raise SourceError(f"incomplete channel URL: {original}")
        base = "https://www.youtube.com/" + "/".join(parts[:base_len])
        tab = parts[base_len] if len(parts) > base_len else "videos"
        if tab in _NON_VIDEO_TABS:
            raise SourceError(f"only a channel's Videos tab is collected, not /{tab}: {original}")
        return base + "/videos"
    raise SourceError(f"not a channel or playlist URL: {original}")


def open_source(spec: SourceSpec, since: date | None = None) -> Listing:
    if spec.kind == "file":
        return open_export(spec.location, since)
    return open_ytdlp(spec.location, since)
