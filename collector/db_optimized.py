"""SQLite store: WAL mode, versioned schema, batched idempotent upserts.

A library API (no click, no asyncio): the pipeline calls it from one writer thread
(:class:`collector.store_writer.StoreWriter`); the CLI calls it directly.
Parent rows are never replaced or deleted: upserts update in place
(``INSERT ... ON CONFLICT DO UPDATE``), so a re-run keeps every stored row.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collector.errors import StoreError
from collector.migrations import migrate
from collector.models import EnrichmentStatus, ParseResult, VideoEntry
from collector.redaction import redact
from collector.store_base import _json, now_iso
from collector.store_cache import CacheStore
from collector.store_channels import ChannelStore
from collector.store_identity import IdentityStore
from collector.store_reports import ReportStore
from collector.store_runs import RunStore

__all__ = ["PARSER_FIELDS", "EnrichmentOutcome", "Store", "UpsertResult", "now_iso"]

PARSER_FIELDS = (
    "artist", "song", "featured_artists", "version_tags", "parse_confidence", "parse_reason",
    "parse_orientation", "alt_artist", "alt_song", "parser_version",
)


_RESULT_TABLES = frozenset({"musicbrainz_data", "discogs_data", "merged_metadata"})


@dataclass(slots=True)
class UpsertResult:
    new: int
    updated: int
    unchanged: int
    pending: set[str]


@dataclass(slots=True)
class EnrichmentOutcome:
    """A video's enrichment result: its status and the rows for the result tables."""

    video_id: str
    status: EnrichmentStatus
    error: str | None = None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)


_UPSERT_VIDEO = f"""
INSERT INTO videos (
    video_id, channel_id, title, url, duration, upload_date, view_count, availability,
    live_status, {", ".join(PARSER_FIELDS)}, enrichment_status, first_seen_at, updated_at,
    last_run_id
) VALUES ({", ".join("?" * (13 + len(PARSER_FIELDS)))})
ON CONFLICT(video_id) DO UPDATE SET
    channel_id   = COALESCE(excluded.channel_id, videos.channel_id),
    title        = excluded.title,
    url          = COALESCE(excluded.url, videos.url),
    duration     = COALESCE(excluded.duration, videos.duration),
    upload_date  = COALESCE(excluded.upload_date, videos.upload_date),
    view_count   = COALESCE(excluded.view_count, videos.view_count),
    availability = COALESCE(excluded.availability, videos.availability),
    live_status  = COALESCE(excluded.live_status, videos.live_status),
    -- A different artist/song means the old lookups describe another song: look it up again.
    enrichment_status = CASE
        WHEN videos.artist IS NOT excluded.artist OR videos.song IS NOT excluded.song
        THEN excluded.enrichment_status ELSE videos.enrichment_status END,
    enrichment_attempts = CASE
        WHEN videos.artist IS NOT excluded.artist OR videos.song IS NOT excluded.song
        THEN 0 ELSE videos.enrichment_attempts END,
    {", ".join(f"{f} = excluded.{f}" for f in PARSER_FIELDS)},
    updated_at   = excluded.updated_at,
    last_run_id  = excluded.last_run_id
"""


class Store(ChannelStore, RunStore, CacheStore, ReportStore, IdentityStore):
    """The catalog database: videos and their lookup results here; channels, runs, the
    response cache, reports and artist knowledge in the mixins (``collector.store_*``).

    :param path: SQLite file; created (and migrated to the current schema) if needed.
    """

    def __init__(self, path: str | Path, *, timeout: float = 60.0) -> None:
        self.path = Path(path)
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a database file")
        if self.path.exists() and self.path.stat().st_size > 0:
            with open(self.path, "rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise StoreError(f"{self.path}: not an SQLite database")
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.conn = sqlite3.connect(
                    str(self.path), timeout=timeout, isolation_level=None,
                    check_same_thread=False,
                )
                self.conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                migrate(self.conn)
                # After the migration (its table rebuilds must not fire them): a result row
                # for a missing video, or a video of an unknown channel, is an error.
                self.conn.execute("PRAGMA foreign_keys=ON")
                break
            except sqlite3.OperationalError as exc:
                # Switching to WAL (or creating the schema) while another collector does
                # the same can answer "locked" without waiting: try again shortly.
                if "locked" in str(exc) and time.monotonic() < deadline:
                    self.conn.close()
                    time.sleep(0.05)
                    continue
                raise StoreError(f"{self.path}: cannot open database ({exc})") from None
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot open database ({exc})") from None
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ videos

    def upsert_videos(
        self,
        items: Sequence[tuple[VideoEntry, ParseResult | None, EnrichmentStatus]],
        *,
        parser_version: int,
        run_id: int | None = None,
    ) -> UpsertResult:
        """Insert or update a batch in one transaction.

        "updated" counts rows whose title, channel or parsed artist/song changed; a refreshed
        view count alone leaves a row "unchanged". ``pending`` lists the batch's videos
        that still wait for enrichment after the write (a re-run keeps earlier results).
        """
        if not items:
            return UpsertResult(0, 0, 0, set())
        ids = [entry.video_id for entry, _, _ in items]
        existing: dict[str, tuple[Any, ...]] = {}
        for start in range(0, len(ids), 900):  # SQLite's default variable limit is 999
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT video_id, title, channel_id, artist, song FROM videos "
                f"WHERE video_id IN ({marks})",
                chunk,
            ):
                existing[row[0]] = tuple(row)[1:]
        now = now_iso()
        # Every channel a video names has a row (foreign key), under its resolved id.
        channels: dict[str, tuple[str, str | None]] = {}
        for entry, _, _ in items:
            if entry.channel_id and entry.channel_id not in channels:
                channels[entry.channel_id] = (
                    self.resolve_channel_id(entry.channel_id) or entry.channel_id,
                    entry.channel)
        rows = []
        new = updated = 0
        seen: set[str] = set()
        for entry, parse, status in items:
            channel_id = channels[entry.channel_id][0] if entry.channel_id else None
            p = parse
            fields = (
                (p.artist, p.song, _json(p.featured_artists), _json(p.version_tags),
                 round(p.confidence, 4), p.reason, p.orientation.value, p.alt_artist,
                 p.alt_song, parser_version)
                if p is not None
                else (None, None, "[]", "[]", None, None, None, None, None, None)
            )
            old = existing.get(entry.video_id)
            if old is None and entry.video_id not in seen:
                new += 1
            elif old is not None and old != (entry.title, channel_id or old[1], fields[0],
                                             fields[1]):
                updated += 1
            seen.add(entry.video_id)
            rows.append((
                entry.video_id, channel_id, entry.title, entry.url, entry.duration,
                entry.upload_date, entry.view_count, entry.availability, entry.live_status,
                *fields, status.value, now, now, run_id,
            ))
        # A video whose parsed artist/song changes is another song now: the lookups,
        # the merged record and their ids describe the old one, so they go (the video is
        # looked up again; a pass that does not run again must not leave the old answer).
        # The same two names read the other way round (a channel's orientation learned)
        # are the same song: its lookups stay until the new lookup replaces them.
        parsed = {r[0]: (r[9], r[10]) for r in rows}  # the batch's last parse per video
        stale = [(vid,) for vid, old in existing.items()
                 if old[2:] != parsed[vid] and old[2:] != parsed[vid][::-1]]
        with self._transaction():
            self.conn.executemany(
                "INSERT INTO channels (channel_id, name, first_seen_at, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(channel_id) DO NOTHING",
                [(cid, name, now, now) for cid, name in channels.values()],
            )
            self.conn.executemany(_UPSERT_VIDEO, rows)
            for table in _RESULT_TABLES:
                self.conn.executemany(f"DELETE FROM {table} WHERE video_id = ?", stale)
        pending: set[str] = set()
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            pending.update(
                r[0] for r in self.conn.execute(
                    f"SELECT video_id FROM videos WHERE enrichment_status = 'pending' "
                    f"AND video_id IN ({marks})",
                    chunk,
                )
            )
        return UpsertResult(new, updated, len(items) - new - updated, pending)

    def save_enrichment(self, outcomes: Sequence[EnrichmentOutcome]) -> None:
        """Write lookup results and each video's new status in one transaction."""
        if not outcomes:
            return
        now = now_iso()
        confirmed = [str(m["artist"]) for o in outcomes
                     if (m := o.rows.get("merged_metadata")) and m.get("identity_confirmed")
                     and m.get("artist")]
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._know_artists(confirmed, "lookup", now)
            for o in outcomes:
                for table, row in o.rows.items():
                    if table not in _RESULT_TABLES:
                        raise StoreError(f"unknown result table {table}")
                    self._upsert_row(table, {"video_id": o.video_id, **row})
                self.conn.execute(
                    """UPDATE videos SET enrichment_status = ?, enrichment_error = ?,
                           enrichment_attempts = enrichment_attempts + 1,
                           enriched_at = CASE WHEN ? = 'complete' THEN ? ELSE enriched_at END,
                           updated_at = ?
                       WHERE video_id = ?""",
                    (o.status.value, redact(o.error) if o.error else None, o.status.value, now,
                     now, o.video_id),
                )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _upsert_row(self, table: str, row: dict[str, Any]) -> None:
        cols = list(row)
        values = [_json(v) if isinstance(v, list | dict) else v for v in row.values()]
        # A row's creation time is set once: a re-run updates the rest in place.
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols
                            if c not in ("video_id", "created_at"))
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT(video_id) DO UPDATE SET {updates}",
            values,
        )

    def count_videos(self, channel_id: str | None = None) -> int:
        if channel_id is None:
            return int(self.conn.execute("SELECT COUNT(*) FROM videos").fetchone()[0])
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM videos WHERE channel_id = ?", (channel_id,)
            ).fetchone()[0]
        )

    def count_pending(self, run_id: int | None = None) -> int:
        """Videos waiting for a lookup: all of them, or those the run ``run_id`` listed."""
        if run_id is None:
            sql, args = "SELECT COUNT(*) FROM videos WHERE enrichment_status = 'pending'", ()
        else:
            sql = ("SELECT COUNT(*) FROM videos WHERE enrichment_status = 'pending' "
                   "AND last_run_id = ?")
            args = (run_id,)
        return int(self.conn.execute(sql, args).fetchone()[0])

    @staticmethod
    def _enrichable_statuses(include_failed: bool) -> list[str]:
        return ["pending"] + (["failed"] if include_failed else [])

    def count_enrichable(self, *, include_failed: bool = False) -> int:
        statuses = self._enrichable_statuses(include_failed)
        return int(self.conn.execute(
            f"SELECT COUNT(*) FROM videos WHERE enrichment_status IN "
            f"({','.join('?' * len(statuses))})", statuses,
        ).fetchone()[0])

    def iter_enrichable(
        self, *, include_failed: bool = False, batch: int = 500
    ) -> Iterator[list[sqlite3.Row]]:
        """Videos waiting for enrichment, in pages (keyset pagination keeps memory bounded)."""
        statuses = self._enrichable_statuses(include_failed)
        marks = ",".join("?" * len(statuses))
        last = ""
        while True:
            rows = self.conn.execute(
                f"SELECT v.*, c.name AS channel_name FROM videos v "
                f"LEFT JOIN channels c ON c.channel_id = v.channel_id "
                f"WHERE v.enrichment_status IN ({marks}) AND v.video_id > ? "
                f"ORDER BY v.video_id LIMIT ?",
                (*statuses, last, batch),
            ).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1]["video_id"]
