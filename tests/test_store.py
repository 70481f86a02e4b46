from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from collector.db_optimized import EnrichmentOutcome, Store
from collector.errors import StoreError
from collector.migrations import build_legacy, current_version
from collector.models import EnrichmentStatus, ParseResult, VideoEntry
from collector.schema import SCHEMA_VERSION, V3_TABLES


def columns(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return [tuple(r)[1:] for r in conn.execute(f"PRAGMA table_info({table})")]


def test_fresh_database_is_current_in_wal_mode(db_path: Path) -> None:
    with Store(db_path) as store:
        assert current_version(store.conn) == SCHEMA_VERSION == 5
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert set(V3_TABLES) <= tables
        idx = {r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='discogs_data'")}
        assert {"idx_discogs_release", "idx_discogs_master", "idx_discogs_video"} <= idx


def _fill_v1(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO channels VALUES ('UC1', 'Chan', 'https://y/c', '2020-01-01')")
    conn.executemany(
        "INSERT INTO videos VALUES (?,?,?,?,?,?,?)",
        [(f"vid{i:08d}", "UC1", f"A{i} - S{i}", None, f"A{i}", f"S{i}", "2020-01-02")
         for i in range(50)],
    )
    conn.commit()


def test_migrate_v1_keeps_every_row(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    build_legacy(conn, 1)
    _fill_v1(conn)
    conn.close()
    with Store(db_path) as store:
        assert current_version(store.conn) == SCHEMA_VERSION
        rows = store.conn.execute("SELECT video_id, title, artist, song, channel_id, "
                                  "enrichment_status FROM videos ORDER BY video_id").fetchall()
        assert len(rows) == 50
        assert tuple(rows[7]) == ("vid00000007", "A7 - S7", "A7", "S7", "UC1", "pending")
        assert store.conn.execute("SELECT name FROM channels").fetchone()[0] == "Chan"


def test_migrate_v2_converts_lists_and_keeps_rows(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    build_legacy(conn, 2)
    conn.execute("INSERT INTO channels VALUES ('UC1', 'Chan', NULL, NULL)")
    conn.executemany(
        "INSERT INTO videos VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(f"v{i}", "UC1" if i % 2 else "UC2", f"t{i}", None, "A", f"S{i}", "B, C", 0.9,
          "2021-05-01", None) for i in range(20)],
    )
    conn.execute("INSERT INTO musicbrainz_data VALUES ('v1', 'mbid-1', 'A', 'S1', 1999, "
                 "'rock, pop', 100, NULL)")
    conn.execute("INSERT INTO discogs_data VALUES ('v1', 11, 22, 'A - S1', 1998, "
                 "'Rock, Pop', 'Pop Rock', 'EMI', NULL)")
    conn.execute("INSERT INTO discogs_data VALUES ('v2', NULL, NULL, NULL, NULL, '', '', '', "
                 "'2020-01-01')")
    conn.commit()
    conn.close()
    with Store(db_path) as store:
        c = store.conn
        assert c.execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 20
        v1 = c.execute("SELECT * FROM videos WHERE video_id='v1'").fetchone()
        assert json.loads(v1["featured_artists"]) == ["B", "C"]
        assert v1["enrichment_status"] == "complete"
        assert v1["upload_date"] == "2021-05-01"
        d = c.execute("SELECT * FROM discogs_data WHERE video_id='v1'").fetchone()
        assert (d["release_id"], d["master_id"], d["year"], d["label"]) == (11, 22, 1998, "EMI")
        assert json.loads(d["genres"]) == ["Rock", "Pop"]
        assert json.loads(d["styles"]) == ["Pop Rock"]
        assert json.loads(d["labels"]) == ["EMI"]
        assert c.execute("SELECT status FROM discogs_data WHERE video_id='v2'").fetchone()[0] \
            == "no_match"
        mb = c.execute("SELECT * FROM musicbrainz_data WHERE video_id='v1'").fetchone()
        assert (mb["recording_mbid"], mb["year"], json.loads(mb["genres"])) == (
            "mbid-1", 1999, ["rock", "pop"])
        # The channel only videos referenced exists now.
        assert c.execute("SELECT COUNT(*) FROM channels").fetchone()[0] == 2
    # A migrated database has exactly the shape of a fresh one.
    fresh = Store(db_path.with_name("fresh.db"))
    migrated = sqlite3.connect(db_path)
    for table in V3_TABLES:
        assert columns(migrated, table) == columns(fresh.conn, table), table
    fresh.close()


def test_failed_migration_leaves_file_untouched(db_path: Path, monkeypatch) -> None:
    conn = sqlite3.connect(db_path)
    build_legacy(conn, 1)
    _fill_v1(conn)
    conn.close()
    import collector.migrations as m

    def boom(_conn):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(m._STEPS, 3, boom)
    with pytest.raises(RuntimeError):
        Store(db_path)
    conn = sqlite3.connect(db_path)
    assert current_version(conn) == 1
    assert conn.execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 50
    assert "featured_artists" not in {r[1] for r in conn.execute("PRAGMA table_info(videos)")}


def test_newer_database_is_refused(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE videos (video_id TEXT)")
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


def test_not_a_database(tmp_path: Path) -> None:
    p = tmp_path / "notes.db"
    p.write_text("hello, I am a text file\n" * 10)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(p)
    assert p.read_text().startswith("hello")


def _items(n: int, title_suffix: str = "", artist: str = "A") -> list:
    return [
        (VideoEntry(f"id{i}", f"{artist} - S{i}{title_suffix}", "UC1", "Chan"),
         ParseResult(artist, f"S{i}", confidence=0.9), EnrichmentStatus.PENDING)
        for i in range(n)
    ]


def test_upsert_is_idempotent_and_updates_in_place(db_path: Path) -> None:
    with Store(db_path) as store:
        r = store.upsert_videos(_items(10), parser_version=1)
        assert (r.new, r.updated, r.unchanged) == (10, 0, 0)
        assert len(r.pending) == 10
        rowids = dict(store.conn.execute("SELECT video_id, rowid FROM videos").fetchall())
        store.save_enrichment([EnrichmentOutcome("id3", EnrichmentStatus.COMPLETE)])
        r = store.upsert_videos(_items(10), parser_version=1)
        assert (r.new, r.updated, r.unchanged) == (0, 0, 10)
        assert "id3" not in r.pending  # the earlier result is kept
        # A new title with a different artist is an update and re-opens enrichment.
        r = store.upsert_videos(_items(10, artist="B"), parser_version=1)
        assert (r.new, r.updated) == (0, 10)
        assert "id3" in r.pending
        assert store.count_videos() == 10
        # Updated in place: same rowids (no delete + insert).
        assert dict(store.conn.execute("SELECT video_id, rowid FROM videos").fetchall()) == rowids


def test_duplicates_within_a_batch_count_once(db_path: Path) -> None:
    with Store(db_path) as store:
        items = _items(3) + _items(3)
        r = store.upsert_videos(items, parser_version=1)
        assert r.new == 3
        assert store.count_videos() == 3


def test_run_bookkeeping(db_path: Path) -> None:
    from collector.models import RunSummary

    with Store(db_path) as store:
        import subprocess
        import sys

        first = store.start_run("collect-channel", "x", {})
        # Pretend another process started it and was killed.
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout.strip()
        store.conn.execute("UPDATE collection_runs SET pid = ? WHERE run_id = ?",
                           (int(dead), first))
        alive = store.start_run("collect-channel", "y", {})  # this process: still running
        second = store.start_run("collect-channel", "x", {})
        store.finish_run(second, RunSummary(listed=5, new=5), status="completed")
        rows = dict(store.conn.execute("SELECT run_id, status FROM collection_runs"))
        assert rows[first] == "interrupted" and rows[second] == "completed"
        assert rows[alive] == "running"
        assert store.last_run()["listed"] == 5


def test_migration_rechecks_the_version_under_the_write_lock(tmp_path, monkeypatch) -> None:
    """Two collectors opening a new file at once: the second must not create the schema
    again after the first did (it read version 0 before the first committed)."""
    from collector import migrations

    db = tmp_path / "race.db"
    first = sqlite3.connect(db, isolation_level=None)
    migrations.migrate(first)
    reads = iter([0])  # the second collector's stale first read
    real = migrations.current_version
    monkeypatch.setattr(migrations, "current_version",
                        lambda conn: next(reads, real(conn)))
    second = sqlite3.connect(db, isolation_level=None)
    assert migrations.migrate(second) == []
    assert real(second) == migrations.SCHEMA_VERSION


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            store.conn.execute(
                "INSERT INTO musicbrainz_data (video_id, status, fetched_at) "
                "VALUES ('no-such-video', 'match', '2026-01-01')")


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_pseudo_handle_channel_merges_into_its_real_id(runner, tmp_path: Path) -> None:
    """A listing without channel ids stores the channel as "handle:@x"; once the real
    UC id is seen with that handle, there is one channel row holding every video."""
    from collector.cli import cli

    db = tmp_path / "c.db"
    real = "UCfoofoofoofoofoofoofoo1"

    def collect(name: str, rows: list[dict]) -> None:
        res = runner.invoke(cli, ["--db", str(db), "collect-channel",
                                  str(_jsonl(tmp_path / name, rows)), "--offline"])
        assert res.exit_code == 0, res.output

    handle_only = {"channel": "Foo Karaoke", "uploader_id": "@FooKaraoke"}
    collect("a.jsonl", [{"id": f"a{i:010d}", "title": f"Artist {i} - Song {i}",
                         **handle_only} for i in range(3)])
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT channel_id FROM channels").fetchall() == [
        ("handle:@FooKaraoke",)]
    collect("b.jsonl", [{"id": f"b{i:010d}", "title": f"Artist {i} - Tune {i}",
                         "channel_id": real, "channel_url": f"https://y/channel/{real}",
                         **handle_only} for i in range(2)])
    collect("c.jsonl", [{"id": "c0000000000", "title": "Artist 9 - Song 9", **handle_only}])
    assert conn.execute("SELECT channel_id, name, handle, url FROM channels").fetchall() == [
        (real, "Foo Karaoke", "@FooKaraoke", f"https://y/channel/{real}")]
    assert conn.execute("SELECT channel_id, COUNT(*) FROM videos GROUP BY 1").fetchall() == [
        (real, 6)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    res = runner.invoke(cli, ["--db", str(db), "stats", "--json"])
    assert [c["videos"] for c in json.loads(res.output)["channels"]] == [6]


def test_channels_past_the_orientation_sample_get_their_row(runner, tmp_path: Path) -> None:
    """Videos of a channel first seen after the sample still point at a channel row."""
    from collector.cli import cli

    rows = [{"id": f"s{i:010d}", "title": f"Artist {i} - Song {i}", "channel": "One",
             "channel_id": "UConeoneoneoneoneoneone1"} for i in range(12)]
    rows += [{"id": f"t{i:010d}", "title": f"Artist {i} - Song {i}", "channel": "Two",
              "channel_id": "UCtwotwotwotwotwotwotwo2"} for i in range(5)]
    db = tmp_path / "c.db"
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("collection:\n  orientation_sample: 10\n", encoding="utf-8")
    res = runner.invoke(cli, ["--config", str(cfg), "--db", str(db), "collect-channel",
                              str(_jsonl(tmp_path / "m.jsonl", rows)), "--offline"])
    assert res.exit_code == 0, res.output
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT channel_id, name FROM channels ORDER BY 1").fetchall() == [
        ("UConeoneoneoneoneoneone1", "One"), ("UCtwotwotwotwotwotwotwo2", "Two")]


def test_v4_to_v5_keeps_every_run_and_marks_the_ones_a_down_service_stopped(
        db_path: Path) -> None:
    """v4 recorded a run that stopped because a service was down as 'completed' (the CHECK
    had no other word); v5 says 'stopped' for those and keeps every other run as it was."""
    with Store(db_path):
        pass
    conn = sqlite3.connect(db_path)
    v4_ddl = V3_TABLES["collection_runs"].replace("'completed', 'stopped'", "'completed'")
    assert v4_ddl != V3_TABLES["collection_runs"]
    conn.execute("DROP TABLE collection_runs")
    conn.execute(v4_ddl)
    runs = [("completed", {"service_down": "cannot reach musicbrainz.org"}),
            ("completed", {"requests": 3}), ("interrupted", {}), ("failed", {}),
            ("completed", None)]
    for status, stats in runs:
        conn.execute("INSERT INTO collection_runs (command, status, started_at, stats) "
                     "VALUES ('enrich', ?, '2026-01-01', ?)",
                     (status, "not json{" if stats is None else json.dumps(stats)))
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Store(db_path) as store:
        got = [r[0] for r in store.conn.execute(
            "SELECT status FROM collection_runs ORDER BY run_id")]
        assert got == ["stopped", "completed", "interrupted", "failed", "completed"]
        assert store.conn.execute("SELECT COUNT(*) FROM collection_runs").fetchone()[0] == 5
        # New runs continue the numbering; the new status is accepted.
        run_id = store.start_run("enrich", None, {})
        assert run_id == 6
        from collector.models import RunSummary
        store.finish_run(run_id, RunSummary(), status="stopped")
        idx = {r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE tbl_name='collection_runs' AND type='index'")}
        assert "idx_runs_channel" in idx
