"""yt-dlp entries, whatever listed them, as videos: flat entries mapped to
:class:`VideoEntry` (ids, dates, text cleaned), the channel read from a listing's top
level, tabs flattened, and a ``since`` filter over the stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs, urlparse

from collector.models import ChannelInfo, VideoEntry
from collector.sources.plain import decode_entities

_VIDEO_ID = re.compile(r"^[0-9A-Za-z_-]{11}$")
_NON_VIDEO_TABS = ("shorts", "streams", "live", "playlists", "community", "podcasts", "releases")


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
