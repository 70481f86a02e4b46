"""The response cache: one shared request per key, grouped reads and writes, persistence."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from collector.services.cache import ResponseCache, cache_key
from collector.services.stats import Stats
from collector.store_writer import StoreWriter


class CountingWriter:
    """Counts the round trips to the store's thread."""

    def __init__(self, writer: StoreWriter) -> None:
        self.inner = writer
        self.store = writer.store
        self.calls: list[str] = []

    async def call(self, fn, *args, **kwargs):
        self.calls.append(fn.__name__)
        return await self.inner.call(fn, *args, **kwargs)


def cache_for(writer, stats: Stats) -> ResponseCache:
    return ResponseCache(writer, "musicbrainz", ttl_days=90, miss_ttl_days=7, stats=stats)


async def test_concurrent_lookups_share_requests_and_group_round_trips(tmp_path: Path) -> None:
    writer = await StoreWriter.open(tmp_path / "c.db")
    counting = CountingWriter(writer)
    stats = Stats()
    cache = cache_for(counting, stats)
    fetched: list[str] = []

    async def lookup(song: str) -> dict:
        async def fetch() -> dict:
            fetched.append(song)
            await asyncio.sleep(0.01)
            return {"song": song}
        return await cache.get_or_fetch(cache_key("musicbrainz", song), fetch,
                                        found=lambda v: True)

    songs = [f"song {i % 20}" for i in range(60)]  # each song asked three times at once
    answers = await asyncio.gather(*(lookup(s) for s in songs))
    await cache.flush()
    assert answers == [{"song": s} for s in songs]
    assert sorted(fetched) == sorted(set(songs))  # one request per song
    assert stats.get("musicbrainz/dedup/shared") == 40
    # Fresh keys: the key filter answers "not cached" without a round trip; 20 writes
    # share one or two transactions.
    assert counting.calls.count("cache_get_many") == 0
    assert 1 <= counting.calls.count("cache_put_many") <= 2

    # A new run: every answer comes from the store, nothing is fetched.
    fetched.clear()
    again = cache_for(counting, Stats())
    answers = await asyncio.gather(*(again.get_or_fetch(
        cache_key("musicbrainz", s), lambda: asyncio.sleep(0, {"x": 1}), found=lambda v: True)
        for s in sorted(set(songs))))
    assert answers == [{"song": s} for s in sorted(set(songs))]
    assert 1 <= counting.calls.count("cache_get_many") <= 3  # grouped reads
    await writer.close()


def test_key_filter_never_forgets_a_key_and_rarely_imagines_one() -> None:
    from collector.services.cache import KeyFilter

    known = KeyFilter()
    stored = [cache_key("discogs", "search", str(i)) for i in range(20_000)]
    for key in stored:
        known.add(key)
    assert all(key in known for key in stored)
    others = [cache_key("discogs", "other", str(i)) for i in range(20_000)]
    assert sum(key in known for key in others) <= 5  # ~0 expected at this fill


async def test_a_staged_answer_is_read_before_it_is_committed(tmp_path: Path) -> None:
    writer = await StoreWriter.open(tmp_path / "c.db")
    stats = Stats()
    cache = cache_for(writer, stats)
    cache.put("k", {"v": 1}, found=True)
    assert await cache.get("k") == {"v": 1}  # before the write group ran
    await cache.flush()
    assert await cache_for(writer, Stats()).get("k") == {"v": 1}
    await writer.close()


async def test_errors_are_not_cached_and_waiters_see_them(tmp_path: Path) -> None:
    writer = await StoreWriter.open(tmp_path / "c.db")
    cache = cache_for(writer, Stats())

    async def failing() -> dict:
        await asyncio.sleep(0.01)
        raise RuntimeError("boom")

    results = await asyncio.gather(
        *(cache.get_or_fetch("k", failing, found=lambda v: True) for _ in range(3)),
        return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)
    await cache.flush()
    assert await cache.get("k") is None
    await writer.close()


async def test_without_the_key_list_every_read_asks_the_store(tmp_path: Path) -> None:
    writer = await StoreWriter.open(tmp_path / "c.db")
    first = cache_for(writer, Stats())
    first.put("stored", {"v": 2}, found=True)
    await first.flush()

    class NoKeyList(CountingWriter):
        async def call(self, fn, *args, **kwargs):
            if fn.__name__ == "load":
                raise OSError("disk I/O error")
            return await super().call(fn, *args, **kwargs)

    second = cache_for(NoKeyList(writer), Stats())
    assert await second.get("stored") == {"v": 2}
    assert await second.get("absent") is None
    await writer.close()


def _rows(prefix: str, n: int, expires: float) -> list[tuple[str, str, str, str, float]]:
    return [(cache_key("musicbrainz", f"{prefix} {i}"), "musicbrainz", "hit",
             json.dumps({"v": i}), expires) for i in range(n)]


async def test_expired_rows_are_pruned_bounded_and_kept_out_of_the_key_filter(
        tmp_path: Path, monkeypatch) -> None:
    import sqlite3
    import time

    from collector.services import cache as cache_module

    monkeypatch.setattr(cache_module, "PRUNE_PER_RUN", 3)
    writer = await StoreWriter.open(tmp_path / "c.db")
    writer.store.cache_put_many(_rows("old", 10, time.time() - 60)
                                + _rows("live", 2, time.time() + 3600))
    counting = CountingWriter(writer)
    stats = Stats()
    cache = cache_for(counting, stats)
    # An expired key is "not cached" straight from the filter: no read of the store.
    assert await cache.get(cache_key("musicbrainz", "old 0")) is None
    assert counting.calls.count("cache_get_many") == 0
    assert await cache.get(cache_key("musicbrainz", "live 1")) == {"v": 1}
    assert counting.calls.count("cache_get_many") == 1
    assert stats.get("musicbrainz/cache/pruned") == 3  # bounded per run
    await writer.close()
    conn = sqlite3.connect(tmp_path / "c.db")
    assert conn.execute("SELECT COUNT(*) FROM api_cache").fetchone()[0] == 9  # 7 old + 2 live
    conn.close()


def test_cache_prune_command_deletes_every_expired_row(runner, tmp_path: Path) -> None:
    import sqlite3
    import time

    from collector.cli import cli
    from collector.db_optimized import Store

    db = tmp_path / "p.db"
    with Store(db) as store:
        store.cache_put_many(_rows("old", 12_000, time.time() - 1)
                             + _rows("live", 3, time.time() + 3600))
    res = runner.invoke(cli, ["--db", str(db), "cache", "prune"])
    assert res.exit_code == 0, res.output
    assert "removed 12000 expired cache entries; 3 live entries kept" in res.output
    keys = [k for (k,) in sqlite3.connect(db).execute("SELECT key FROM api_cache")]
    assert sorted(keys) == sorted(r[0] for r in _rows("live", 3, 0))
    res = runner.invoke(cli, ["--db", str(tmp_path / "missing.db"), "cache", "prune"])
    assert res.exit_code == 1 and "does not exist" in res.output
    assert not (tmp_path / "missing.db").exists()
