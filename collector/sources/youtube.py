"""The YouTube source: list a channel's videos entry by entry.

SOURCE is a channel URL, ``@handle``, channel id, playlist URL (listed through yt-dlp's
Python API in flat mode, nothing downloaded), or the path of a yt-dlp export (``-J``
JSON, streamed with ijson, or ``-j`` JSON Lines). Entries are yielded one at a time so a
50,000-video channel is never held in memory.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import ijson

from collector.errors import SourceError
from collector.models import ChannelInfo, VideoEntry
from collector.sources.plain import decode_entities, ytdlp_error_words

_HANDLE = re.compile(r"^@[\w.\-]{3,100}$")
_CHANNEL_ID = re.compile(r"^UC[0-9A-Za-z_-]{22}$")
_VIDEO_ID = re.compile(r"^[0-9A-Za-z_-]{11}$")
_YT_HOSTS = ("youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com")
_NON_VIDEO_TABS = ("shorts", "streams", "live", "playlists", "community", "podcasts", "releases")


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
    if path.exists():
        raise SourceError(f"{path}: is a directory, not a yt-dlp export file")
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


# ---------------------------------------------------------------------- entry mapping


def _video_id(entry: dict[str, Any]) -> str | None:
    vid = entry.get("id")
    url = entry.get("url") or entry.get("webpage_url") or ""
    if isinstance(vid, str) and _VIDEO_ID.match(vid):
        return vid
    # RSS items carry no id; their URL may hold a smuggled fragment: read v= instead.
    parsed = urlparse(str(url).split("#", 1)[0])
    qs = parse_qs(parsed.query)
    if qs.get("v") and _VIDEO_ID.match(qs["v"][0]):
        return qs["v"][0]
    tail = parsed.path.rstrip("/").rsplit("/", 1)[-1]
    if (parsed.netloc.endswith("youtu.be") or "/shorts/" in parsed.path) and _VIDEO_ID.match(tail):
        return tail
    if isinstance(vid, str) and vid:
        return vid
    return str(url) or None


def _upload_date(entry: dict[str, Any]) -> str | None:
    raw = entry.get("upload_date") or entry.get("release_date")
    if isinstance(raw, str) and re.fullmatch(r"\d{8}", raw):
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    for key in ("timestamp", "release_timestamp"):
        ts = entry.get(key)
        if isinstance(ts, int | float) and not isinstance(ts, bool):
            try:
                return datetime.fromtimestamp(ts, UTC).date().isoformat()
            except (OverflowError, OSError, ValueError):
                return None
    return None


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """The text as given, except lone surrogates (invalid in UTF-8, e.g. from a JSON
    "\\ud800" escape), which become U+FFFD so the title can be stored and exported."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _str_field(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return clean_text(value) if isinstance(value, str) else None


def _num(value: Any, tp: type) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return tp(value)


def entry_to_video(entry: dict[str, Any], channel: ChannelInfo | None) -> VideoEntry | None:
    """Map one flat yt-dlp entry; the channel comes from the top level when the entry lacks it."""
    vid = _video_id(entry)
    if not vid:
        return None
    title = entry.get("title")
    title = decode_entities(
        clean_text(title if isinstance(title, str) else ("" if title is None else str(title))))
    channel_id = entry.get("channel_id") or entry.get("playlist_channel_id")
    name = entry.get("channel") or entry.get("uploader") or entry.get("playlist_channel")
    if channel is not None:
        channel_id = channel_id or channel.channel_id
        name = name or channel.name
    url = entry.get("url") or entry.get("webpage_url")
    if isinstance(url, str):
        url = url.split("#__youtubedl_smuggle", 1)[0]
    return VideoEntry(
        video_id=clean_text(str(vid)),
        title=title,
        channel_id=clean_text(str(channel_id)) if channel_id else None,
        channel=decode_entities(clean_text(str(name))) if name else None,
        url=clean_text(url) if isinstance(url, str) else None,
        duration=_num(entry.get("duration"), float),
        upload_date=_upload_date(entry),
        view_count=_num(entry.get("view_count"), int),
        availability=_str_field(entry, "availability"),
        live_status=_str_field(entry, "live_status"),
    )


def channel_from_info(info: dict[str, Any], fallback_id: str | None = None) -> ChannelInfo | None:
    cid = info.get("channel_id") or info.get("playlist_channel_id")
    name = info.get("channel") or info.get("uploader") or info.get("playlist_channel")
    handle = info.get("uploader_id") or info.get("playlist_uploader_id")
    url = info.get("channel_url") or info.get("uploader_url")
    if not cid and not name:
        if fallback_id is None:
            return None
        cid = fallback_id
        name = info.get("title")
    cid = cid or (f"handle:{handle}" if handle else f"name:{name}")
    return ChannelInfo(
        channel_id=str(cid),
        name=str(name) if name else None,
        handle=str(handle) if isinstance(handle, str) and handle.startswith("@") else None,
        url=str(url) if url else None,
    )


def _is_non_video_tab(entry: dict[str, Any]) -> bool:
    title = str(entry.get("title") or "").lower()
    url = str(entry.get("url") or entry.get("webpage_url") or "").lower().rstrip("/")
    return any(title.endswith(f"- {t}") or url.endswith(f"/{t}") for t in _NON_VIDEO_TABS)


def _flatten(entry: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A channel with several tabs is a playlist of playlists: keep only the Videos tab."""
    if entry.get("_type") == "playlist" and isinstance(entry.get("entries"), list):
        if _is_non_video_tab(entry):
            return
        for sub in entry["entries"]:
            if isinstance(sub, dict):
                yield from _flatten(sub)
    elif entry.get("_type") == "url" and entry.get("ie_key") == "YoutubeTab":
        return  # an unexpanded tab (shorts, live) is not a video
    else:
        yield entry


# ---------------------------------------------------------------------- listing


@dataclass(slots=True)
class Listing:
    """A channel (when known) and a stream of its videos.

    ``undated_kept``: videos a ``since`` filter kept because the listing gives no upload
    date for them (flat channel listings carry none); final once ``entries`` is read.
    """

    channel: ChannelInfo | None
    entries: Iterator[VideoEntry]
    undated_kept: int = 0


def _listing(channel: ChannelInfo | None, rows: Iterator[dict[str, Any]],
             since: date | None) -> Listing:
    listing = Listing(channel, iter(()))
    listing.entries = _filter(rows, channel, since, listing)
    return listing


def _filter(
    entries: Iterator[dict[str, Any]],
    channel: ChannelInfo | None,
    since: date | None,
    listing: Listing,
) -> Iterator[VideoEntry]:
    for raw in entries:
        if not isinstance(raw, dict):
            continue
        for flat in _flatten(raw):
            video = entry_to_video(flat, channel)
            if video is None:
                continue
            if since is not None:
                if not video.upload_date:
                    listing.undated_kept += 1
                elif video.upload_date < since.isoformat():
                    continue
            yield video


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


def open_source(spec: SourceSpec, since: date | None = None) -> Listing:
    if spec.kind == "file":
        return open_export(spec.location, since)
    return open_ytdlp(spec.location, since)
