"""Schema migrations: upgrade any older database to :data:`SCHEMA_VERSION` in place.

The recorded version is ``PRAGMA user_version``. Each step is a function registered with
:func:`migration`; :func:`migrate` runs the missing ones in a single transaction, so an
upgrade either completes or leaves the file exactly as it was. Rows are copied, never
dropped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from collector.data_transformer import DataTransformer, SourceEvidence
from collector.errors import StoreError
from collector.models import ParseResult
from collector.parsing.normalise import artist_key
from collector.schema import (
    MIGRATIONS_TABLE,
    SCHEMA_VERSION,
    V1_DDL,
    V2_DDL,
    V3_INDEXES,
    V3_TABLES,
)

Step = Callable[[sqlite3.Connection], None]
_STEPS: dict[int, Step] = {}


def migration(to_version: int) -> Callable[[Step], Step]:
    """Register the step that brings a database from ``to_version - 1`` to ``to_version``."""

    def register(fn: Step) -> Step:
        _STEPS[to_version] = fn
        return fn

    return register


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r[0] for r in rows}


def _csv_to_json(text: str | None) -> str:
    """v2 stored lists as comma-separated text; v3 stores JSON arrays."""
    if not text:
        return "[]"
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            value = json.loads(stripped)
            if isinstance(value, list):
                return json.dumps([str(v) for v in value], ensure_ascii=False)
        except ValueError:
            pass
    return json.dumps([p.strip() for p in stripped.split(",") if p.strip()], ensure_ascii=False)


def _rebuild(conn: sqlite3.Connection, table: str, select_sql: str, columns: list[str]) -> None:
    """Recreate ``table`` with its v3 DDL and copy rows in with ``select_sql``."""
    conn.execute(f"ALTER TABLE {table} RENAME TO _old_{table}")
    conn.execute(V3_TABLES[table])
    conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) {select_sql.format(old=f'_old_{table}')}"
    )
    conn.execute(f"DROP TABLE _old_{table}")


@migration(2)
def _v1_to_v2(conn: sqlite3.Connection) -> None:
    for col, decl in (
        ("featured_artists", "TEXT"),
        ("parse_confidence", "REAL"),
        ("upload_date", "TEXT"),
    ):
        if col not in _columns(conn, "videos"):
            conn.execute(f"ALTER TABLE videos ADD COLUMN {col} {decl}")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS musicbrainz_data (video_id TEXT PRIMARY KEY, "
        "recording_id TEXT, artist TEXT, title TEXT, year INTEGER, tags TEXT, score INTEGER, "
        "created_at TEXT)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS discogs_data (video_id TEXT PRIMARY KEY, release_id INTEGER, "
        "master_id INTEGER, title TEXT, year INTEGER, genres TEXT, styles TEXT, label TEXT, "
        "created_at TEXT)"
    )


@migration(3)
def _v2_to_v3(conn: sqlite3.Connection) -> None:
    now = _now()
    conn.create_function("csv_to_json", 1, _csv_to_json, deterministic=True)
    conn.create_function("now_iso", 0, lambda: now)
    _rebuild(
        conn,
        "channels",
        "SELECT channel_id, name, url, COALESCE(created_at, now_iso()), now_iso() FROM {old}",
        ["channel_id", "name", "url", "first_seen_at", "updated_at"],
    )
    # Videos that v2 referenced but never listed as a channel row keep their channel id.
    conn.execute(
        "INSERT INTO channels (channel_id, first_seen_at, updated_at) "
        "SELECT DISTINCT channel_id, now_iso(), now_iso() FROM videos "
        "WHERE channel_id IS NOT NULL AND channel_id NOT IN (SELECT channel_id FROM channels)"
    )
    _rebuild(
        conn,
        "videos",
        "SELECT video_id, channel_id, title, url, upload_date, artist, song, "
        "csv_to_json(featured_artists), parse_confidence, "
        "COALESCE(created_at, now_iso()), now_iso() FROM {old}",
        [
            "video_id", "channel_id", "title", "url", "upload_date", "artist", "song",
            "featured_artists", "parse_confidence", "first_seen_at", "updated_at",
        ],
    )
    _rebuild(
        conn,
        "musicbrainz_data",
        "SELECT video_id, CASE WHEN recording_id IS NULL THEN 'no_match' ELSE 'match' END, "
        "recording_id, artist, title, year, csv_to_json(tags), score, "
        "COALESCE(created_at, now_iso()) FROM {old}",
        [
            "video_id", "status", "recording_mbid", "artist", "title", "year", "genres",
            "score", "fetched_at",
        ],
    )
    _rebuild(
        conn,
        "discogs_data",
        "SELECT video_id, CASE WHEN release_id IS NULL AND master_id IS NULL "
        "THEN 'no_match' ELSE 'match' END, release_id, master_id, title, year, "
        "csv_to_json(genres), csv_to_json(styles), label, "
        "CASE WHEN label IS NULL OR label = '' THEN '[]' ELSE json_array(label) END, "
        "COALESCE(created_at, now_iso()), COALESCE(created_at, now_iso()) FROM {old}",
        [
            "video_id", "status", "release_id", "master_id", "title", "year", "genres",
            "styles", "label", "labels", "created_at", "updated_at",
        ],
    )
    for name in ("merged_metadata", "collection_runs", "api_cache"):
        conn.execute(V3_TABLES[name])
    # Videos stored by v2 without enrichment data are pending; the rest are complete
    # (their merged records are written by the v4 step, which also repairs databases
    # that went through this step before it was fixed).
    conn.execute(
        "UPDATE videos SET enrichment_status = 'complete' WHERE video_id IN "
        "(SELECT video_id FROM musicbrainz_data UNION SELECT video_id FROM discogs_data)"
    )


_V4_COLUMNS = (
    ("discogs_data", "release_title", "TEXT"),
    ("merged_metadata", "parsed_artist", "TEXT"),
    ("merged_metadata", "parsed_song", "TEXT"),
    ("merged_metadata", "identity_source", "TEXT"),
    ("merged_metadata", "identity_confidence", "REAL"),
    ("merged_metadata", "identity_confirmed", "INTEGER NOT NULL DEFAULT 0"),
)


@migration(4)
def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Confirmed identity: the parse kept beside the merged artist/song; Discogs track titles."""
    for table, col, decl in _V4_COLUMNS:
        if col not in _columns(conn, table):
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {col} {decl}")
    if "artist_knowledge" not in _tables(conn):
        conn.execute(V3_TABLES["artist_knowledge"])
    # v3 kept the release's title in discogs_data.title; the matched track is unknown.
    conn.execute("UPDATE discogs_data SET release_title = title, title = NULL "
                 "WHERE release_title IS NULL AND title IS NOT NULL")
    conn.execute(
        """UPDATE merged_metadata SET
               parsed_artist = (SELECT artist FROM videos v
                                WHERE v.video_id = merged_metadata.video_id),
               parsed_song = (SELECT song FROM videos v
                              WHERE v.video_id = merged_metadata.video_id),
               identity_source = json_extract(fields, '$.artist.source'),
               identity_confidence = json_extract(fields, '$.artist.confidence'),
               identity_confirmed = COALESCE(json_extract(fields, '$.artist.source'),
                                             'title_parse') != 'title_parse'"""
    )
    merge_orphans(conn)
    now = _now()
    conn.execute(
        """INSERT INTO artist_knowledge (key, name, source, evidence, first_seen_at, updated_at)
           SELECT fold_artist(artist), MIN(artist), 'lookup', COUNT(*), ?, ?
           FROM merged_metadata WHERE identity_confirmed = 1 AND artist IS NOT NULL
             AND fold_artist(artist) != ''
           GROUP BY fold_artist(artist)
           ON CONFLICT(key) DO NOTHING""",
        (now, now),
    )


@migration(5)
def _v4_to_v5(conn: sqlite3.Connection) -> None:
    """Run status 'stopped': a run that ended because a service was down was recorded
    'completed' (with the reason in its stats); the CHECK constraint needs a rebuild."""
    # v4 and v5 have the same columns: every one but the status is copied as it is.
    kept = [r[1] for r in conn.execute("PRAGMA table_info(collection_runs)")
            if r[1] != "status"]
    _rebuild(
        conn,
        "collection_runs",
        f"""SELECT {", ".join(kept)},
               CASE WHEN status = 'completed' AND json_valid(stats)
                         AND json_extract(stats, '$.service_down') IS NOT NULL
                    THEN 'stopped' ELSE status END
            FROM {{old}}""",
        [*kept, "status"],
    )


def _evidence(row: sqlite3.Row, prefix: str, source: str) -> SourceEvidence | None:
    status = row[f"{prefix}_status"]
    if status is None:
        return None
    confidence = row[f"{prefix}_confidence"]
    if confidence is None:  # v2 kept no confidence: the service's score, else the threshold
        score = row["mb_score"] if prefix == "mb" else None
        confidence = score / 100.0 if score else 0.6

    def strs(raw: str | None) -> tuple[str, ...]:
        try:
            value = json.loads(raw) if raw else []
        except ValueError:
            return ()
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    return SourceEvidence(
        source=source, status=str(status), confidence=float(confidence),
        artist=row[f"{prefix}_artist"], title=row[f"{prefix}_title"], year=row[f"{prefix}_year"],
        genres=strs(row[f"{prefix}_genres"]),
        styles=strs(row["d_styles"]) if prefix == "d" else (),
        label=row["d_label"] if prefix == "d" else None,
    )


def merge_orphans(conn: sqlite3.Connection) -> int:
    """Merged records for complete videos that have lookup rows but none (v2 -> v3 wrote none).

    Returns how many were written.
    """
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(
            """SELECT v.video_id, v.artist, v.song, v.parse_confidence,
                      mb.status AS mb_status, mb.confidence AS mb_confidence, mb.score AS mb_score,
                      mb.artist AS mb_artist, mb.title AS mb_title, mb.year AS mb_year,
                      mb.genres AS mb_genres,
                      d.status AS d_status, d.confidence AS d_confidence, d.artist AS d_artist,
                      d.title AS d_title, d.year AS d_year, d.genres AS d_genres,
                      d.styles AS d_styles, d.label AS d_label
               FROM videos v
               LEFT JOIN musicbrainz_data mb ON mb.video_id = v.video_id
               LEFT JOIN discogs_data d ON d.video_id = v.video_id
               WHERE v.enrichment_status = 'complete'
                 AND (mb.video_id IS NOT NULL OR d.video_id IS NOT NULL)
                 AND v.video_id NOT IN (SELECT video_id FROM merged_metadata)"""
        ).fetchall()
    finally:
        conn.row_factory = None
    transformer = DataTransformer()
    now = _now()
    for row in rows:
        parse = ParseResult(row["artist"], row["song"],
                            confidence=float(row["parse_confidence"] or 0.0))
        evidence = [e for e in (_evidence(row, "mb", "musicbrainz"),
                                _evidence(row, "d", "discogs")) if e is not None]
        record = {"video_id": row["video_id"],
                  **transformer.merge_metadata_sources(parse, evidence).as_row(),
                  "updated_at": now}
        conn.execute(
            f"INSERT INTO merged_metadata ({', '.join(record)}) "
            f"VALUES ({', '.join('?' * len(record))})",
            [json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
             for v in record.values()],
        )
    return len(rows)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def create_fresh(conn: sqlite3.Connection) -> None:
    """Create a new database directly at the current version."""
    for ddl in V3_TABLES.values():
        conn.execute(ddl)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring the database to ``target``; returns the versions applied (empty if current).

    Raises :class:`StoreError` if the file is newer than this code understands.
    """
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {version} is newer than this karaoke-collector "
            f"supports ({SCHEMA_VERSION}); upgrade karaoke-collector"
        )
    if version == target:
        return []
    applied: list[int] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another collector may have just migrated.
        version = current_version(conn)
        if version == target:
            conn.execute("COMMIT")
            return []
        is_empty = version == 0 and not (_tables(conn) - {"sqlite_sequence"})
        conn.execute(MIGRATIONS_TABLE)
        conn.create_function("fold_artist", 1, lambda s: artist_key(s) if s else "",
                             deterministic=True)
        if is_empty:
            create_fresh(conn)
            applied = [target]
        else:
            if version == 0:
                # An unversioned file with tables: only a v1 layout is recognised.
                if "videos" not in _tables(conn):
                    raise StoreError("database has tables but no karaoke-collector schema")
                version = 1
            for step in range(version + 1, target + 1):
                _STEPS[step](conn)
                applied.append(step)
        for stmt in V3_INDEXES:
            conn.execute(stmt)
        now = _now()
        conn.executemany(
            "INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (?, ?)",
            [(v, now) for v in applied],
        )
        conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied


def build_legacy(conn: sqlite3.Connection, version: int) -> None:
    """Create an empty database at an old version (tests and rollout drills)."""
    ddl = {1: V1_DDL, 2: V2_DDL}[version]
    conn.executescript(ddl)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
