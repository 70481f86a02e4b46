"""Songs waiting for MusicBrainz, sent several to a request.

Each song (one or two readings: both orientations when the parse is unsure) waits in a
queue. One dispatcher forms the batches: it waits a moment for company, then for the
next paced slot (songs keep joining meanwhile), then takes up to ``batch_size`` songs
whose clauses fit in the URL and sends them as one OR-ed query with ``limit=100``. The
batch is the unit that is paced and retried; each song's answer is handed back when its
batch answers. A full answer (it may have cut someone's candidates) is not used: a song
with half the page or more is asked on its own, the others go back, in two halves, at
the front of the queue. A full answer to a single song is used as it is (the service
gives no more in one request). The batch size adapts: from the answers' ``count`` the
dispatcher learns how many results a song brings and takes at most as many songs as
fill 70% of a page.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from collector.errors import ServiceError
from collector.matching.musicbrainz_batch import (
    MAX_QUERY_CHARS,
    SEARCH_LIMIT,
    Reading,
    assign,
    batch_query,
    encoded_length,
    is_full,
    recordings_of,
    split_answer,
)
from collector.passes.dispatch import cancel_all, start_send
from collector.services.musicbrainz_client import MusicBrainzClient
from collector.services.stats import Stats

log = logging.getLogger("collector.musicbrainz")
SERVICE = "musicbrainz"
FILL = 0.7  # the share of a page a batch is sized to fill


@dataclass(slots=True)
class _Song:
    readings: list[Reading]
    future: asyncio.Future[list[dict[str, Any]]]
    cap: int  # the largest batch this song may join (smaller after a split)
    size: int = field(init=False)

    def __post_init__(self) -> None:
        self.size = encoded_length(self.readings)


class RecordingBatcher:
    """:param batch_size: songs per request (1: one song, both its readings, a request).
    :param linger: seconds the dispatcher waits for more songs before it takes a slot."""

    def __init__(self, client: MusicBrainzClient, stats: Stats, batch_size: int, *,
                 linger: float = 0.02, limit: int = SEARCH_LIMIT,
                 max_query_chars: int = MAX_QUERY_CHARS) -> None:
        self.client = client
        self.stats = stats
        self.batch_size = max(1, batch_size)
        self.linger = linger
        self.limit = limit
        self.max_query_chars = max_query_chars
        self._queue: deque[_Song] = deque()
        self._arrived = asyncio.Event()
        self._dispatcher: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()
        self._per_song: float | None = None  # results a song brings, learnt from answers

    def waiting(self) -> bool:
        """Whether songs wait for a request (other MusicBrainz requests then wait)."""
        return bool(self._queue)

    async def ask(self, readings: list[Reading]) -> list[dict[str, Any]]:
        """The search answer of each reading (slimmed, scores its own), in order."""
        song = _Song(readings, asyncio.get_running_loop().create_future(), self.batch_size)
        if song.size > self.max_query_chars:  # no such song; the service would refuse it
            self.stats.inc(f"{SERVICE}/batch/too_long")
            return [{"count": 0, "recordings": []} for _ in readings]
        self._queue.append(song)
        self._arrived.set()
        if self._dispatcher is None:
            self._dispatcher = asyncio.get_running_loop().create_task(self._dispatch())
        return await song.future

    async def close(self) -> None:
        await cancel_all([self._dispatcher, *self._sending])

    # ------------------------------------------------------------------ dispatching

    async def _dispatch(self) -> None:
        try:
            while self._queue:
                await self._wait_for_company()
                try:
                    await self.client.wait_turn()  # songs keep joining while we wait
                except ServiceError as exc:  # the run stops (Halted): no song waits on
                    self._fail_waiting(exc)
                    return
                batch = self._take()
                if not batch:
                    continue
                start_send(self._sending, self._send(batch))
        finally:
            self._dispatcher = None

    def _fail_waiting(self, exc: Exception) -> None:
        while self._queue:
            song = self._queue.popleft()
            if not song.future.done():
                song.future.set_exception(exc)
                song.future.exception()  # retrieved: each caller re-raises it

    async def _wait_for_company(self) -> None:
        deadline = time.monotonic() + self.linger
        while len(self._queue) < min(self._queue[0].cap, self._fitting()) and (
                left := deadline - time.monotonic()) > 0:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), left)

    def _take(self) -> list[_Song]:
        batch: list[_Song] = []
        size = 0
        while self._queue:
            song = self._queue[0]
            if song.future.done():  # its caller is gone (cancelled)
                self._queue.popleft()
                continue
            cap = min([song.cap, self._fitting(), *(s.cap for s in batch)])
            extra = song.size + (len("+OR+") if batch else 0)
            if batch and (len(batch) >= cap or size + extra > self.max_query_chars):
                break
            batch.append(self._queue.popleft())
            size += extra
        return batch

    async def _send(self, batch: list[_Song]) -> None:
        readings = [r for song in batch for r in song.readings]
        try:
            data = await self.client.search_recordings(batch_query(readings), self.limit,
                                                       turn_taken=True)
        except asyncio.CancelledError:
            for song in batch:
                song.future.cancel()
            raise
        except Exception as exc:
            for song in batch:
                if not song.future.done():
                    song.future.set_exception(exc)
                    song.future.exception()  # retrieved: each caller re-raises it
            return
        self.stats.inc(f"{SERVICE}/batch/requests")
        self._learn(data, len(batch))
        if is_full(data, self.limit) and len(batch) > 1:
            self._split(batch, data)
            return
        if is_full(data, self.limit):
            self.stats.inc(f"{SERVICE}/batch/full_single")
        self.stats.inc(f"{SERVICE}/batch/songs", len(batch))
        answers = iter(split_answer(data, readings))
        for song in batch:
            mine = [next(answers) for _ in song.readings]
            if not song.future.done():
                song.future.set_result(mine)

    def _learn(self, data: dict[str, Any], songs: int) -> None:
        """Keep an estimate of the results a song brings (the answer's ``count`` holds
        them all, even when the page is full)."""
        count = data.get("count")
        total = count if isinstance(count, int) and not isinstance(count, bool) else len(
            recordings_of(data))
        seen = total / max(1, songs)
        self._per_song = seen if self._per_song is None else 0.7 * self._per_song + 0.3 * seen

    def _fitting(self) -> int:
        """Songs whose expected results fill at most FILL of a page: fewer full answers
        (each costs a split) on a catalog whose songs have many recordings."""
        if not self._per_song:
            return self.batch_size
        return max(1, min(self.batch_size, int(FILL * self.limit / self._per_song)))

    def _split(self, batch: list[_Song], data: dict[str, Any]) -> None:
        """Ask again: the heaviest song alone if it filled half the page, the rest halved."""
        self.stats.inc(f"{SERVICE}/batch/split")
        readings = [r for song in batch for r in song.readings]
        owned = iter(assign(recordings_of(data), readings))
        hits = [len({j for _ in song.readings for j in next(owned)}) for song in batch]
        heaviest = max(range(len(batch)), key=hits.__getitem__)
        alone: list[_Song] = []
        if hits[heaviest] * 2 >= self.limit:
            song = batch.pop(heaviest)
            song.cap = 1
            alone.append(song)
            self.stats.inc(f"{SERVICE}/batch/alone")
        half = (len(batch) + 1) // 2
        for song in batch:
            song.cap = max(1, min(song.cap, half))
        requeue = alone + batch
        self._queue.extendleft(reversed(requeue))
        self._arrived.set()
        if self._dispatcher is None:
            self._dispatcher = asyncio.get_running_loop().create_task(self._dispatch())


def request_summary(stats: dict[str, Any]) -> str | None:
    """"MusicBrainz: 4 requests for 100 songs (25.0 songs per request)" from a run's stats,
    or None when the run asked MusicBrainz nothing."""
    requests = int(stats.get(f"{SERVICE}/request") or stats.get(f"{SERVICE}/batch/requests")
                   or 0)  # every request sent, retries and split batches included
    songs = int(stats.get(f"{SERVICE}/batch/songs") or 0)
    if not requests:
        return None
    if not songs:  # every request failed (the service went down): no ratio to give
        return f"MusicBrainz: {requests} requests, no song answered"
    return (f"MusicBrainz: {requests} requests for {songs} songs "
            f"({songs / requests:.1f} songs per request)")
