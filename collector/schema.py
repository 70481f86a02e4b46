"""The database schema: the current DDL, and the historical v1 and v2 DDL migrations start from.

Every current table is listed in :data:`V3_TABLES` (the name dates from version 3; it holds
the current shape, version 5) so that a migration can rebuild a table to exactly the shape
a fresh database gets (SQLite's ALTER TABLE cannot add
constraints, so upgrades copy rows into a new table, in one transaction).
"""

from __future__ import annotations

SCHEMA_VERSION = 5

V3_TABLES: dict[str, str] = {
    "channels": """
CREATE TABLE channels (
    channel_id        TEXT PRIMARY KEY,
    name              TEXT,
    handle            TEXT,
    url               TEXT,
    orientation       TEXT,            -- JSON: the channel's title-orientation profile
    first_seen_at     TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    last_collected_at TEXT
)""",
    "videos": """
CREATE TABLE videos (
    video_id            TEXT PRIMARY KEY,
    channel_id          TEXT REFERENCES channels(channel_id),
    title               TEXT NOT NULL,
    url                 TEXT,
    duration            REAL,
    upload_date         TEXT,          -- YYYY-MM-DD when the listing gave one
    view_count          INTEGER,
    availability        TEXT,
    live_status         TEXT,
    artist              TEXT,
    song                TEXT,
    featured_artists    TEXT NOT NULL DEFAULT '[]',   -- JSON array
    version_tags        TEXT NOT NULL DEFAULT '[]',   -- JSON array
    parse_confidence    REAL,
    parse_reason        TEXT,
    parse_orientation   TEXT,
    alt_artist          TEXT,          -- the swapped reading of an uncertain orientation
    alt_song            TEXT,
    parser_version      INTEGER,
    enrichment_status   TEXT NOT NULL DEFAULT 'pending'
        CHECK (enrichment_status IN ('pending', 'complete', 'skipped', 'failed')),
    enrichment_attempts INTEGER NOT NULL DEFAULT 0,
    enrichment_error    TEXT,
    enriched_at         TEXT,
    first_seen_at       TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    last_run_id         INTEGER
)""",
    "musicbrainz_data": """
CREATE TABLE musicbrainz_data (
    video_id           TEXT PRIMARY KEY REFERENCES videos(video_id),
    status             TEXT NOT NULL CHECK (status IN ('match', 'weak', 'no_match')),
    recording_mbid     TEXT,
    artist_mbid        TEXT,
    artist             TEXT,
    title              TEXT,
    first_release_date TEXT,
    year               INTEGER,
    genres             TEXT NOT NULL DEFAULT '[]',   -- JSON array, by vote count
    isrcs              TEXT NOT NULL DEFAULT '[]',
    length_ms          INTEGER,
    score              INTEGER,
    confidence         REAL,
    query              TEXT,
    fetched_at         TEXT NOT NULL
)""",
    "discogs_data": """
CREATE TABLE discogs_data (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    video_id    TEXT NOT NULL UNIQUE REFERENCES videos(video_id),
    status      TEXT NOT NULL DEFAULT 'match' CHECK (status IN ('match', 'weak', 'no_match')),
    release_id  INTEGER,
    master_id   INTEGER,
    artist      TEXT,
    title       TEXT,
    year        INTEGER,
    genres      TEXT NOT NULL DEFAULT '[]',   -- JSON array
    styles      TEXT NOT NULL DEFAULT '[]',   -- JSON array
    label       TEXT,
    labels      TEXT NOT NULL DEFAULT '[]',   -- JSON array
    country     TEXT,
    format      TEXT,
    confidence  REAL,
    url         TEXT,
    have        INTEGER,
    want        INTEGER,
    query       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    release_title TEXT                -- v4: the release's title; ``title`` is the matched track
)""",
    "merged_metadata": """
CREATE TABLE merged_metadata (
    video_id        TEXT PRIMARY KEY REFERENCES videos(video_id),
    artist          TEXT,
    song            TEXT,
    year            INTEGER,
    year_source     TEXT,
    year_confidence REAL,
    genres          TEXT NOT NULL DEFAULT '[]',
    styles          TEXT NOT NULL DEFAULT '[]',
    label           TEXT,
    fields          TEXT NOT NULL DEFAULT '{}',   -- JSON: field -> {value, source, confidence}
    updated_at      TEXT NOT NULL,
    -- v4: artist/song above are the confirmed identity (a lookup's canonical credit and
    -- title) or, unconfirmed, the parse; the parse the lookups started from is kept.
    parsed_artist       TEXT,
    parsed_song         TEXT,
    identity_source     TEXT,          -- musicbrainz | discogs | title_parse
    identity_confidence REAL,
    identity_confirmed  INTEGER NOT NULL DEFAULT 0
)""",
    "collection_runs": """
CREATE TABLE collection_runs (
    run_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    command     TEXT NOT NULL,
    source      TEXT,
    channel_id  TEXT,
    options     TEXT NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL DEFAULT 'running'
        -- v5: 'stopped', a run that ended early because a service could not be reached
        -- (its videos wait, pending, for `enrich`).
        CHECK (status IN ('running', 'completed', 'stopped', 'interrupted', 'failed')),
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    listed      INTEGER NOT NULL DEFAULT 0,
    new         INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    parsed      INTEGER NOT NULL DEFAULT 0,
    enriched    INTEGER NOT NULL DEFAULT 0,
    pending     INTEGER NOT NULL DEFAULT 0,
    errors      INTEGER NOT NULL DEFAULT 0,
    stats       TEXT NOT NULL DEFAULT '{}',   -- JSON: request/cache/retry counters
    pid         INTEGER                       -- process running it (stale-run detection)
)""",
    "artist_knowledge": """
CREATE TABLE artist_knowledge (
    key        TEXT PRIMARY KEY,           -- artist_key(name): what the parser compares
    name       TEXT NOT NULL,              -- a display form of the name
    source     TEXT NOT NULL CHECK (source IN ('lookup', 'channel')),
    evidence   INTEGER NOT NULL DEFAULT 1, -- confirmations / mentions seen
    first_seen_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)""",
    "api_cache": """
CREATE TABLE api_cache (
    key        TEXT PRIMARY KEY,           -- service + normalised query
    service    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('hit', 'miss')),
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at REAL NOT NULL               -- unix time
)""",
}

V3_INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS idx_videos_channel ON videos(channel_id)",
    "CREATE INDEX IF NOT EXISTS idx_videos_status ON videos(enrichment_status)",
    "CREATE INDEX IF NOT EXISTS idx_videos_artist_song ON videos(artist, song)",
    "CREATE INDEX IF NOT EXISTS idx_discogs_release ON discogs_data(release_id)",
    "CREATE INDEX IF NOT EXISTS idx_discogs_master ON discogs_data(master_id)",
    "CREATE INDEX IF NOT EXISTS idx_discogs_video ON discogs_data(video_id)",
    "CREATE INDEX IF NOT EXISTS idx_mb_recording ON musicbrainz_data(recording_mbid)",
    "CREATE INDEX IF NOT EXISTS idx_runs_channel ON collection_runs(channel_id)",
    "CREATE INDEX IF NOT EXISTS idx_cache_expiry ON api_cache(expires_at)",
)

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""

# Historical schemas, kept verbatim so tests can build old databases and migrate them.
V1_DDL = """
CREATE TABLE channels (channel_id TEXT PRIMARY KEY, name TEXT, url TEXT, created_at TEXT);
CREATE TABLE videos (
    video_id TEXT PRIMARY KEY, channel_id TEXT, title TEXT NOT NULL, url TEXT,
    artist TEXT, song TEXT, created_at TEXT
);
"""

V2_DDL = """
CREATE TABLE channels (channel_id TEXT PRIMARY KEY, name TEXT, url TEXT, created_at TEXT);
CREATE TABLE videos (
    video_id TEXT PRIMARY KEY, channel_id TEXT, title TEXT NOT NULL, url TEXT,
    artist TEXT, song TEXT, featured_artists TEXT, parse_confidence REAL,
    upload_date TEXT, created_at TEXT
);
CREATE TABLE musicbrainz_data (
    video_id TEXT PRIMARY KEY, recording_id TEXT, artist TEXT, title TEXT,
    year INTEGER, tags TEXT, score INTEGER, created_at TEXT
);
CREATE TABLE discogs_data (
    video_id TEXT PRIMARY KEY, release_id INTEGER, master_id INTEGER, title TEXT,
    year INTEGER, genres TEXT, styles TEXT, label TEXT, created_at TEXT
);
"""
