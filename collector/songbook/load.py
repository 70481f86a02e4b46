"""Read the catalog rows the songbook is built from: one read-only query, one place.

This is the only module of the songbook that knows the store's tables. When the store
gains columns (a confirmed identity, a release language), adapt :func:`load_rows` here;
the model, HTML and PDF code only see :class:`CatalogRow`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from collector.errors import CollectorError


class SongbookError(CollectorError):
    """The songbook cannot be made (no database, not a catalog, bad option)."""


@dataclass(frozen=True, slots=True)
class CatalogRow:
    """One video with what the store knows about it (lists decoded)."""

    video_id: str
    title: str
    channel: str
    channel_id: str
    url: str
    view_count: int | None
    artist: str | None            # the title parse's artist
    song: str | None
    merged_artist: str | None     # the merged record's (a matched lookup's names, else the parse's)
    merged_song: str | None
    featured_artists: tuple[str, ...]
    version_tags: tuple[str, ...]
    parse_confidence: float | None
    year: int | None
    year_source: str | None
    genres: tuple[str, ...]
    recording_mbid: str | None
    musicbrainz_status: str | None    # match / weak / no_match
    musicbrainz_confidence: float | None
    language: str | None              # release text language from MusicBrainz, where stored
    discogs_master_id: int | None
    discogs_release_id: int | None
    discogs_status: str | None
    discogs_confidence: float | None


def _list(raw: str | None) -> tuple[str, ...]:
    if not raw or raw == "[]":
        return ()
    try:
        value = json.loads(raw)
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str) and v.strip())


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _optional(cols: set[str], table_alias: str, name: str, alias: str) -> str:
    return f"{table_alias}.{name} AS {alias}" if name in cols else f"NULL AS {alias}"


def open_read_only(path: str | Path) -> sqlite3.Connection:
    """Open the catalog for reading only; one-line errors for a missing or foreign file."""
    p = Path(path)
    if not p.is_file():
        raise SongbookError(f"{p}: no such database (run collect-channel first)")
    try:
        conn = sqlite3.connect(f"file:{quote(str(p.resolve()))}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise SongbookError(f"{p}: cannot read database ({exc})") from None
    needed = {"videos", "channels", "merged_metadata", "musicbrainz_data", "discogs_data"}
    if not needed <= tables:
        conn.close()
        raise SongbookError(f"{p}: not a karaoke-collector catalog (tables missing)")
    return conn


def load_rows(conn: sqlite3.Connection) -> list[CatalogRow]:
    """Every video with a parsed or merged artist and song, with its lookups."""
    mb_cols = _columns(conn, "musicbrainz_data")
    mm_cols = _columns(conn, "merged_metadata")
    lang = _optional(mb_cols, "mb", "language", "mb_language")
    m_artist = _optional(mm_cols, "m", "artist", "merged_artist")
    m_song = _optional(mm_cols, "m", "song", "merged_song")
    sql = f"""
        SELECT v.video_id, v.title, COALESCE(c.name, v.channel_id, '') AS channel,
               COALESCE(v.channel_id, '') AS channel_id, v.url, v.view_count,
               v.artist, v.song, v.featured_artists, v.version_tags, v.parse_confidence,
               {m_artist}, {m_song}, m.year, m.year_source, m.genres,
               mb.recording_mbid, mb.status AS mb_status, mb.confidence AS mb_confidence,
               {lang},
               d.master_id, d.release_id, d.status AS d_status, d.confidence AS d_confidence
        FROM videos v
        LEFT JOIN channels c ON c.channel_id = v.channel_id
        LEFT JOIN merged_metadata m ON m.video_id = v.video_id
        LEFT JOIN musicbrainz_data mb ON mb.video_id = v.video_id
        LEFT JOIN discogs_data d ON d.video_id = v.video_id
        ORDER BY v.video_id"""
    rows: list[CatalogRow] = []
    try:
        cursor = conn.execute(sql)
    except sqlite3.DatabaseError as exc:
        raise SongbookError(f"cannot read the catalog ({exc})") from None
    for r in cursor:
        rows.append(CatalogRow(
            video_id=r["video_id"], title=r["title"] or "", channel=r["channel"],
            channel_id=r["channel_id"],
            url=r["url"] or f"https://www.youtube.com/watch?v={r['video_id']}",
            view_count=r["view_count"], artist=r["artist"], song=r["song"],
            merged_artist=r["merged_artist"], merged_song=r["merged_song"],
            featured_artists=_list(r["featured_artists"]),
            version_tags=_list(r["version_tags"]), parse_confidence=r["parse_confidence"],
            year=r["year"], year_source=r["year_source"], genres=_list(r["genres"]),
            recording_mbid=r["recording_mbid"], musicbrainz_status=r["mb_status"],
            musicbrainz_confidence=r["mb_confidence"], language=r["mb_language"],
            discogs_master_id=r["master_id"], discogs_release_id=r["release_id"],
            discogs_status=r["d_status"], discogs_confidence=r["d_confidence"],
        ))
    return rows
