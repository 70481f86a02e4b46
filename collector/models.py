"""Records passed between the source, the passes and the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(slots=True)
class ChannelInfo:
    channel_id: str
    name: str | None = None
    handle: str | None = None
    url: str | None = None


@dataclass(slots=True)
class VideoEntry:
    """One listed video, as the YouTube source yields it."""

    video_id: str
    title: str
    channel_id: str | None = None
    channel: str | None = None
    url: str | None = None
    duration: float | None = None
    upload_date: str | None = None  # YYYY-MM-DD
    view_count: int | None = None
    availability: str | None = None
    live_status: str | None = None


class Orientation(StrEnum):
    ARTIST_SONG = "artist_song"
    SONG_ARTIST = "song_artist"
    NONE = "none"  # no artist in the title


@dataclass(slots=True)
class ParseResult:
    """Artist and song read from a title, with how sure we are and why."""

    artist: str | None
    song: str | None
    featured_artists: list[str] = field(default_factory=list)
    version_tags: list[str] = field(default_factory=list)
    confidence: float = 0.0
    reason: str = ""
    orientation: Orientation = Orientation.NONE
    # The other reading of a two-part title whose orientation is uncertain.
    alt_artist: str | None = None
    alt_song: str | None = None
    primary_artist: str | None = None  # artist without featured credits, for lookups
    # The separator a split title was read at ("dash", "pipe"...); None when not split.
    separator: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "artist": self.artist,
            "song": self.song,
            "featured_artists": list(self.featured_artists),
            "version_tags": list(self.version_tags),
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "orientation": self.orientation.value,
            "alt_artist": self.alt_artist,
            "alt_song": self.alt_song,
        }


class EnrichmentStatus(StrEnum):
    PENDING = "pending"  # not yet looked up, or a service failed: `enrich` retries it
    COMPLETE = "complete"  # every enabled lookup ran (match or not)
    SKIPPED = "skipped"  # nothing to look up (no artist/song, parse too weak)
    FAILED = "failed"  # gave up after max_attempts; `enrich --retry-failed`


@dataclass(slots=True)
class RunSummary:
    listed: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    parsed: int = 0
    enriched: int = 0
    pending: int = 0
    skipped: int = 0
    errors: int = 0
    interrupted: bool = False
    service_down: str | None = None  # why lookups stopped early ("cannot reach ...")
    stats: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "listed": self.listed,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "parsed": self.parsed,
            "enriched": self.enriched,
            "pending": self.pending,
            "skipped": self.skipped,
            "errors": self.errors,
        }
