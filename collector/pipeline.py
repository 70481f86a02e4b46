"""The enrichment side of a run: lookup workers, the result writer, and what a confirmed
match teaches the channel.

``concurrency`` workers run the lookup passes (the rate limiters pace them) and hand
results to a single writer that stores them in small transactions. Each confirmed match
also teaches the channel (:mod:`collector.identity`): when they keep contradicting its
orientation, its profile is turned and stored, and its pending titles are parsed again.
Run set-up and close (listing, parse + store, recording the run) live in
:mod:`collector.main`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime
from typing import Any, Protocol

from collector.config import Config
from collector.db_optimized import EnrichmentOutcome
from collector.identity import ChannelLearner, Learned
from collector.models import EnrichmentStatus, RunSummary, VideoEntry
from collector.multi_pass_controller import MultiPassParsingController
from collector.parsing import PARSER_VERSION, ArtistKnowledge
from collector.passes.base import PassType, VideoWork
from collector.store_writer import StoreWriter

log = logging.getLogger("collector")


class Progress(Protocol):
    def show(self, summary: RunSummary) -> None: ...

    def message(self, text: str) -> None: ...


class NullProgress:
    def show(self, summary: RunSummary) -> None:
        pass

    def message(self, text: str) -> None:
        log.info(text)


def outcome_for(work: VideoWork, status: EnrichmentStatus) -> EnrichmentOutcome:
    rows: dict[str, dict[str, Any]] = {}
    errors = []
    for pass_type, result in work.results.items():
        if pass_type is PassType.TITLE_PARSE:
            continue
        # A pending video is looked up again (from the cache): store no partial result.
        if status is not EnrichmentStatus.PENDING:
            rows.update(result.rows)
        if result.error:
            errors.append(f"{pass_type.value}: {result.error}")
    if work.merged is not None and status is not EnrichmentStatus.PENDING:
        rows["merged_metadata"] = {**work.merged.as_row(),
                                   "updated_at": datetime.now(UTC).isoformat(timespec="seconds")}
    return EnrichmentOutcome(work.entry.video_id, status, "; ".join(errors) or None, rows)


class Pipeline:
    """One run over a store; shared by ``collect_channel`` and ``enrich_pending``."""

    def __init__(
        self,
        cfg: Config,
        writer: StoreWriter,
        controller: MultiPassParsingController,
        progress: Progress,
        stop: asyncio.Event,
    ) -> None:
        self.cfg = cfg
        self.writer = writer
        self.controller = controller
        self.progress = progress
        self.stop = stop
        self.summary = RunSummary()
        concurrency = cfg.multi_pass.concurrency
        self.queue: asyncio.Queue[VideoWork | None] = asyncio.Queue(maxsize=concurrency * 4)
        # Bounded: when the writer lags, workers wait instead of piling results in memory.
        self.results: asyncio.Queue[EnrichmentOutcome | None] = asyncio.Queue(
            maxsize=concurrency * 8)
        self._workers: list[asyncio.Task[None]] = []
        self._writer_task: asyncio.Task[None] | None = None
        self._halt_task: asyncio.Task[None] | None = None
        self.halted = False  # lookups stopped: what is left stays pending
        self.channel_id: str | None = None  # the listed channel, recorded with the run
        self.run_id: int | None = None
        self.learner = ChannelLearner()

    async def load_knowledge(self) -> None:
        """The artists the store knows go to the parser (orientation without evidence)."""
        names = await self.writer.call(self.writer.store.known_artists)
        self.controller.title_pass.knowledge = ArtistKnowledge.bundled().with_artists(names)

    # ---------------------------------------------------------------- enrichment side

    async def start_enrichment(self) -> None:
        if not self.controller.enriching:
            return
        await self.controller.open()
        self.controller.on_unreachable(self._service_down)
        self._workers = [
            asyncio.create_task(self._worker())
            for _ in range(self.controller.workers(self.cfg.multi_pass.concurrency))
        ]
        self._writer_task = asyncio.create_task(self._result_writer())
        self._halt_task = asyncio.create_task(self._halt_on_stop())

    async def _halt_on_stop(self) -> None:
        await self.stop.wait()
        self.halt_lookups()

    def _service_down(self, message: str) -> None:
        """A service cannot be reached: no more lookups this run; videos stay pending."""
        if self.summary.service_down is None:
            self.summary.service_down = message
        self.halt_lookups()

    def halt_lookups(self) -> None:
        """No new lookups; waiting ones end (their videos stay pending)."""
        if not self.halted:
            self.halted = True
            self.controller.halt()

    async def _worker(self) -> None:
        while True:
            work = await self.queue.get()
            if work is None:
                return
            if self.halted:
                continue
            if not self.controller.title_pass.is_current(work):
                self.controller.parse(work)  # its channel's profile turned meanwhile
            try:
                status = await self.controller.enrich(work)
            except Exception as exc:  # a pass bug must not lose the video: stays pending
                log.error("enrichment of %s failed: %s", work.entry.video_id, exc)
                log.debug("traceback", exc_info=True)
                status = EnrichmentStatus.PENDING
                self.summary.errors += 1
            if status is EnrichmentStatus.PENDING and self.halted:
                continue  # given up because the run stops: not an attempt, nothing to store
            if status is EnrichmentStatus.COMPLETE:
                self.summary.enriched += 1
            elif status in (EnrichmentStatus.PENDING, EnrichmentStatus.FAILED):
                self.summary.errors += 1
            await self.results.put(outcome_for(work, status))
            self.progress.show(self.summary)
            if status is EnrichmentStatus.COMPLETE:
                cid = work.entry.channel_id
                learned = self.learner.observe(cid, work.parse, work.merged,
                                               self.controller.title_pass.profiles.get(cid))
                if learned is not None:
                    try:
                        await self._learn(learned)
                    except Exception as exc:  # learning is a bonus: the run goes on
                        log.warning("channel %s: could not store its learned orientation: %s",
                                    cid, exc)
                        log.debug("traceback", exc_info=True)

    async def _learn(self, learned: Learned) -> None:
        """Store the turned profile with its evidence; parse the channel's pending titles again."""
        store, tp = self.writer.store, self.controller.title_pass
        cid = learned.channel_id
        tp.update_profile(cid, learned.profile)
        raw = await self.writer.call(store.channel_orientation, cid)
        await self.writer.call(store.set_channel_orientation, cid, learned.stored(raw))
        await self.load_knowledge()
        rows = await self.writer.call(store.pending_of_channel, cid)
        items = []
        for row in rows:
            work = VideoWork(VideoEntry(row["video_id"], row["title"], cid,
                                        row["channel_name"]))
            self.controller.parse(work)
            items.append((work.entry, work.parse, self.controller.initial_status(work)))
        result = await self.writer.call(store.upsert_videos, items,
                                        parser_version=PARSER_VERSION, run_id=self.run_id)
        self.controller.stats_collector.inc("learning/orientation_turned")
        log.info("channel %s: '%s' titles are %s by %s confirmed matches; %d pending titles "
                 "parsed again (%d changed)", cid, learned.separator, learned.orientation.value,
                 learned.votes, len(items), result.updated)

    async def _result_writer(self) -> None:
        batch: list[EnrichmentOutcome] = []
        last = time.monotonic()
        while True:
            try:
                item = await asyncio.wait_for(self.results.get(), timeout=1.0)
            except TimeoutError:
                item = ...  # type: ignore[assignment]
            if item is None:
                break
            if isinstance(item, EnrichmentOutcome):
                batch.append(item)
            if batch and (len(batch) >= 50 or time.monotonic() - last >= 1.0):
                await self.writer.call(self.writer.store.save_enrichment, batch)
                batch, last = [], time.monotonic()
        if batch:
            await self.writer.call(self.writer.store.save_enrichment, batch)

    async def submit(self, work: VideoWork) -> None:
        await self.queue.put(work)

    async def finish_enrichment(self) -> None:
        if not self._workers:
            return
        for _ in self._workers:
            await self.queue.put(None)
        await asyncio.gather(*self._workers)
        await self.results.put(None)
        if self._writer_task:
            await self._writer_task
        await self._close_controller()

    async def abort_enrichment(self) -> None:
        """Drop every lookup in progress (a second Ctrl-C); keep what is stored."""
        tasks = [*self._workers, *([self._writer_task] if self._writer_task else [])]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._workers = []
        if self.controller.enriching:
            await self._close_controller()

    async def _close_controller(self) -> None:
        if self._halt_task is not None:
            self._halt_task.cancel()
        await self.controller.close()
        self.summary.stats = self.controller.stats()
        if self.summary.service_down:
            self.summary.stats["service_down"] = self.summary.service_down
