"""The songbook as a small SQLite database, for Datasette (facets need real columns).

``songs`` holds one row per song with decade, genres, language (and its source), duet
and confirmed flags, channels; ``versions`` one row per video. ``datasette.yaml`` at the
project root configures facets and canned queries for it and for the catalog itself.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from collector.songbook.language import LANGUAGE_NAMES
from collector.songbook.model import Songbook

SCHEMA = """
CREATE TABLE songs (
    id              INTEGER PRIMARY KEY,
    song_key        TEXT NOT NULL UNIQUE,   -- mb:<recording>, dm:<master>, dr:<release>, n:<names>
    artist          TEXT NOT NULL,
    song            TEXT NOT NULL,
    year            INTEGER,
    decade          INTEGER,
    genres          TEXT NOT NULL,          -- JSON array
    language        TEXT,
    language_name   TEXT,
    language_source TEXT NOT NULL,          -- musicbrainz / script / langid / unknown
    duet            INTEGER NOT NULL,
    confirmed       INTEGER NOT NULL,
    views           INTEGER NOT NULL,
    versions        INTEGER NOT NULL,
    channels        TEXT NOT NULL           -- JSON array
);
CREATE TABLE versions (
    video_id   TEXT PRIMARY KEY,
    song_id    INTEGER NOT NULL REFERENCES songs(id),
    channel    TEXT NOT NULL,
    url        TEXT NOT NULL,
    tags       TEXT NOT NULL,               -- JSON array
    views      INTEGER,
    confirmed  INTEGER NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX idx_versions_song ON versions(song_id);
"""


def write_sqlite(book: Songbook, path: Path) -> None:
    """Write a fresh database at ``path`` (the caller renames it into place)."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA)
        songs, versions = [], []
        for sid, e in enumerate(book.entries, 1):
            code = e.language.code
            songs.append((sid, e.key, e.artist, e.song, e.year, e.decade, json.dumps(e.genres),
                          code, LANGUAGE_NAMES.get(code, code) if code else None,
                          e.language.source, int(e.duet), int(e.confirmed), e.views,
                          len(e.versions), json.dumps(e.channels, ensure_ascii=False)))
            versions.extend((v.video_id, sid, v.channel, v.url,
                             json.dumps(v.tags), v.views, int(v.confirmed), v.confidence)
                            for v in e.versions)
        conn.executemany(f"INSERT INTO songs VALUES ({','.join('?' * 15)})", songs)
        conn.executemany(f"INSERT OR IGNORE INTO versions VALUES ({','.join('?' * 8)})",
                         versions)
        conn.commit()
    finally:
        conn.close()
