"""SQLite store: WAL mode, versioned schema, batched idempotent upserts.

A library API (no click, no asyncio): the pipeline calls it from one writer thread
(:class:`collector.store_writer.StoreWriter`); the CLI calls it directly.
Parent rows are never replaced or deleted: upserts update in place
(``INSERT ... ON CONFLICT DO UPDATE``), so a re-run keeps every stored row.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from collector.errors import StoreError
from collector.migrations import migrate
from collector.models import ChannelInfo, EnrichmentStatus, ParseResult, RunSummary, VideoEntry
from collector.redaction import redact
from collector.store_identity import IdentityStore

PARSER_FIELDS = (
    "artist", "song", "featured_artists", "version_tags", "parse_confidence", "parse_reason",
    "parse_orientation", "alt_artist", "alt_song", "parser_version",
)


_RESULT_TABLES = frozenset({"musicbrainz_data", "discogs_data", "merged_metadata"})
# Channel ids made up when a listing gives none (collector.sources.youtube.channel_from_info).
_HANDLE_PREFIX = "handle:"
_PSEUDO_PREFIXES = (_HANDLE_PREFIX, "name:")


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


_ACTIVE_RUNS: set[int] = set()  # runs this process has started and not finished


def _run_alive(run_id: int, pid: int | None) -> bool:
    if pid is None:
        return False
    if pid == os.getpid():
        return run_id in _ACTIVE_RUNS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


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


class Store(IdentityStore):
    """The catalog database.

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

    # ------------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _write(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._transaction():
            self.conn.executemany(sql, rows)

    # ------------------------------------------------------------------ channels

    def resolve_channel_id(self, channel_id: str | None) -> str | None:
        """The stored id for ``channel_id``: a pseudo id ``handle:@x`` (a listing that gave
        no channel id) names the channel whose real ``UC...`` id is known by now."""
        if channel_id and channel_id.startswith(_HANDLE_PREFIX):
            row = self.conn.execute(
                "SELECT channel_id FROM channels WHERE handle = ? AND channel_id NOT LIKE "
                "'handle:%' AND channel_id NOT LIKE 'name:%' ORDER BY first_seen_at LIMIT 1",
                (channel_id[len(_HANDLE_PREFIX):],),
            ).fetchone()
            if row is not None:
                return str(row[0])
        return channel_id

    def upsert_channel(self, info: ChannelInfo, orientation: dict[str, Any] | None = None) -> None:
        """Insert or update a channel. A real id with a handle absorbs the row stored under
        that handle's pseudo id (its videos move to the real id; the pseudo row goes)."""
        now = now_iso()
        cid = self.resolve_channel_id(info.channel_id) or info.channel_id
        pseudo = f"{_HANDLE_PREFIX}{info.handle}" if info.handle else None
        with self._transaction():
            self.conn.execute(
                """INSERT INTO channels (channel_id, name, handle, url, orientation,
                                         first_seen_at, updated_at, last_collected_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(channel_id) DO UPDATE SET
                       name = COALESCE(excluded.name, channels.name),
                       handle = COALESCE(excluded.handle, channels.handle),
                       url = COALESCE(excluded.url, channels.url),
                       orientation = COALESCE(excluded.orientation, channels.orientation),
                       updated_at = excluded.updated_at,
                       last_collected_at = excluded.last_collected_at""",
                (cid, info.name, info.handle, info.url,
                 _json(orientation) if orientation is not None else None, now, now, now),
            )
            if pseudo and pseudo != cid and not cid.startswith(_PSEUDO_PREFIXES):
                self._absorb_channel(pseudo, cid)

    def _absorb_channel(self, pseudo: str, real: str) -> None:
        """Merge the row stored under a pseudo id into the real one (inside a transaction)."""
        old = self.conn.execute("SELECT * FROM channels WHERE channel_id = ?",
                                (pseudo,)).fetchone()
        if old is None:
            return
        self.conn.execute(
            """UPDATE channels SET name = COALESCE(name, ?), url = COALESCE(url, ?),
                   orientation = COALESCE(orientation, ?),
                   first_seen_at = MIN(first_seen_at, ?)
               WHERE channel_id = ?""",
            (old["name"], old["url"], old["orientation"], old["first_seen_at"], real),
        )
        self.conn.execute("UPDATE videos SET channel_id = ? WHERE channel_id = ?",
                          (real, pseudo))
        self.conn.execute("DELETE FROM channels WHERE channel_id = ?", (pseudo,))

    def channel_orientation(self, channel_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT orientation FROM channels WHERE channel_id = ?",
            (self.resolve_channel_id(channel_id),),
        ).fetchone()
        if row is None or not row["orientation"]:
            return None
        value = json.loads(row["orientation"])
        return value if isinstance(value, dict) else None

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

    # ------------------------------------------------------------------ response cache

    def cache_get_many(self, keys: list[str], now: float) -> dict[str, str]:
        """The live (unexpired) bodies of these keys."""
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):  # under SQLite's bound-variable limit
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, body in self.conn.execute(
                f"SELECT key, body FROM api_cache WHERE key IN ({marks}) AND expires_at > ?",
                (*chunk, now),
            ):
                found[key] = str(body)
        return found

    def cache_keys(self, service: str, now: float | None = None) -> Iterator[str]:
        """Every live (unexpired at ``now``, default: the current time) key of one service."""
        for (key,) in self.conn.execute(
            "SELECT key FROM api_cache WHERE service = ? AND expires_at > ?",
            (service, time.time() if now is None else now),
        ):
            yield str(key)

    def prune_cache(self, now: float | None = None, *, limit: int | None = None) -> int:
        """Delete expired cache rows (at most ``limit``, oldest expiry first); returns how
        many. Reads never use them, so this only gives the space back."""
        now = time.time() if now is None else now
        with self._transaction():
            cur = self.conn.execute(
                """DELETE FROM api_cache WHERE rowid IN (
                       SELECT rowid FROM api_cache WHERE expires_at <= ?
                       ORDER BY expires_at LIMIT ?)""",
                (now, -1 if limit is None else limit),
            )
        return cur.rowcount

    def cache_put_many(self, rows: list[tuple[str, str, str, str, float]]) -> None:
        """Store (key, service, kind, body, expires_at) rows in one transaction."""
        created = now_iso()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany(
                """INSERT INTO api_cache (key, service, kind, body, created_at, expires_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, body = excluded.body,
                       created_at = excluded.created_at, expires_at = excluded.expires_at""",
                [(key, service, kind, body, created, expires)
                 for key, service, kind, body, expires in rows],
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ runs

    def start_run(self, command: str, source: str | None, options: dict[str, Any]) -> int:
        # A run still marked "running" whose process is gone was killed: say so.
        for run_id, pid in self.conn.execute(
            "SELECT run_id, pid FROM collection_runs WHERE status = 'running'"
        ).fetchall():
            if not _run_alive(run_id, pid):
                self.conn.execute(
                    "UPDATE collection_runs SET status = 'interrupted' WHERE run_id = ?",
                    (run_id,),
                )
        cur = self.conn.execute(
            "INSERT INTO collection_runs (command, source, options, started_at, pid) "
            "VALUES (?,?,?,?,?)",
            (command, source, _json(options), now_iso(), os.getpid()),
        )
        run_id = int(cur.lastrowid or 0)
        _ACTIVE_RUNS.add(run_id)
        return run_id

    def finish_run(
        self, run_id: int, summary: RunSummary, *, status: str, channel_id: str | None = None
    ) -> None:
        s = summary
        _ACTIVE_RUNS.discard(run_id)
        self.conn.execute(
            """UPDATE collection_runs SET status = ?, finished_at = ?, channel_id =
                   COALESCE(?, channel_id), listed = ?, new = ?, updated = ?, parsed = ?,
                   enriched = ?, pending = ?, errors = ?, stats = ?
               WHERE run_id = ?""",
            (status, now_iso(), channel_id, s.listed, s.new, s.updated, s.parsed, s.enriched,
             s.pending, s.errors, _json(s.stats), run_id),
        )

    def last_run(self) -> sqlite3.Row | None:
        return self.conn.execute(
            "SELECT * FROM collection_runs ORDER BY run_id DESC LIMIT 1"
        ).fetchone()

    # ------------------------------------------------------------------ reporting

    def stats(self) -> dict[str, Any]:
        """Counts per channel with parse and enrichment coverage."""
        per_channel = []
        for row in self.conn.execute(
            """SELECT c.channel_id, c.name, COUNT(v.video_id) AS videos,
                      SUM(v.artist IS NOT NULL AND v.song IS NOT NULL) AS parsed,
                      SUM(v.enrichment_status = 'complete') AS complete,
                      SUM(v.enrichment_status = 'pending') AS pending,
                      SUM(v.enrichment_status = 'skipped') AS skipped,
                      SUM(v.enrichment_status = 'failed') AS failed,
                      SUM(m.year IS NOT NULL) AS with_year
               FROM channels c LEFT JOIN videos v ON v.channel_id = c.channel_id
               LEFT JOIN merged_metadata m ON m.video_id = v.video_id
               GROUP BY c.channel_id ORDER BY c.name"""
        ):
            per_channel.append({k: row[k] if row[k] is not None else 0 for k in row.keys()})  # noqa: SIM118 (sqlite3.Row)
        totals = {
            key: sum(int(c[key]) for c in per_channel)
            for key in ("videos", "parsed", "complete", "pending", "skipped", "failed", "with_year")
        }
        orphan = self.conn.execute(
            "SELECT COUNT(*) FROM videos WHERE channel_id IS NULL"
        ).fetchone()[0]
        totals["videos"] += orphan
        return {"channels": per_channel, "totals": totals}

    def iter_export(self) -> Iterator[sqlite3.Row]:
        yield from self.conn.execute(
            """SELECT v.video_id, v.title, c.name AS channel, v.channel_id, v.url, v.upload_date,
                      COALESCE(m.artist, v.artist) AS artist, COALESCE(m.song, v.song) AS song,
                      -- the parse the lookups started from (else the stored parse)
                      CASE WHEN m.parsed_artist IS NOT NULL OR m.parsed_song IS NOT NULL
                           THEN m.parsed_artist ELSE v.artist END AS parsed_artist,
                      CASE WHEN m.parsed_artist IS NOT NULL OR m.parsed_song IS NOT NULL
                           THEN m.parsed_song ELSE v.song END AS parsed_song,
                      m.identity_source, m.identity_confidence, m.identity_confirmed,
                      v.featured_artists, v.version_tags, v.parse_confidence,
                      m.year, m.year_source, m.year_confidence, m.genres, m.styles, m.label,
                      m.fields, mb.recording_mbid, mb.confidence AS musicbrainz_confidence,
                      d.master_id AS discogs_master_id, d.release_id AS discogs_release_id,
                      d.confidence AS discogs_confidence, v.enrichment_status
               FROM videos v
               LEFT JOIN channels c ON c.channel_id = v.channel_id
               LEFT JOIN merged_metadata m ON m.video_id = v.video_id
               LEFT JOIN musicbrainz_data mb ON mb.video_id = v.video_id
               LEFT JOIN discogs_data d ON d.video_id = v.video_id
               ORDER BY v.channel_id, v.video_id"""
        )
