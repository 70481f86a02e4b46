"""A channel or playlist listed through yt-dlp's Python API (flat mode, lazy entries,
nothing downloaded), its errors turned into one line and its chatter kept quiet."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

from collector.errors import SourceError
from collector.sources.entries import Listing, _listing, channel_from_info
from collector.sources.plain import ytdlp_error_words


class _QuietLogger:
    """yt-dlp logger: warnings and errors go to our log, progress chatter nowhere."""

    def __init__(self, log: Any) -> None:
        self.log = log

    def debug(self, msg: str) -> None:
        pass

    def info(self, msg: str) -> None:
        pass

    def warning(self, msg: str) -> None:
        # "Falling back on generic information extractor" is expected for feed URLs.
        level = logging.DEBUG if "Falling back on generic" in msg else logging.WARNING
        self.log.log(level, "yt-dlp: %s", msg)

    def error(self, msg: str) -> None:
        self.log.debug("yt-dlp: %s", msg)


def open_ytdlp(url: str, since: date | None = None, *, socket_timeout: float = 30.0) -> Listing:
    """List a channel or playlist through yt-dlp's Python API in flat mode (lazy entries)."""
    import yt_dlp

    log = logging.getLogger("collector.youtube")
    opts = {
        "extract_flat": "in_playlist",
        "skip_download": True,
        "lazy_playlist": True,
        "quiet": True,
        "no_warnings": False,
        "ignoreerrors": False,
        "socket_timeout": socket_timeout,
        "logger": _QuietLogger(log),
    }
    ydl = yt_dlp.YoutubeDL(opts)
    try:
        info = ydl.extract_info(url, download=False, process=False)
    except yt_dlp.utils.DownloadError as exc:
        raise SourceError(f"cannot list {url}: {ytdlp_error_words(str(exc))}") from None
    except Exception as exc:  # yt-dlp raises many kinds; the user needs one line
        raise SourceError(f"cannot list {url}: {type(exc).__name__}: {exc}") from None
    if not isinstance(info, dict):
        raise SourceError(f"cannot list {url}: yt-dlp returned nothing")
    channel = channel_from_info(info, fallback_id=str(info.get("id") or url))
    raw_entries = info.get("entries")
    if raw_entries is None:
        raw_entries = [info] if info.get("title") else []

    def rows() -> Iterator[dict[str, Any]]:
        try:
            yield from raw_entries
        except yt_dlp.utils.DownloadError as exc:
            raise SourceError(f"listing {url} failed midway: {exc}") from None

    return _listing(channel, rows(), since)
