"""The pipeline: source -> title parse -> store, then enrichment passes -> store.

Stages are connected by bounded queues, so memory stays flat whatever the channel's size:

1. listing: the source's iterator is read in chunks on a worker thread;
2. parse + store: each chunk is parsed (with the channel's orientation profile) and
   written at once, so every listed video has a row (``pending``) before any lookup;
3. enrichment: ``concurrency`` workers run the lookup passes (the rate limiters pace
   them) and hand results to a single writer that stores them in small transactions.

Each confirmed match also teaches the channel (:mod:`collector.identity`): when they keep
contradicting its orientation, its profile is turned and stored, and its pending titles
are parsed again. The parser knows the artists the store has confirmed.

A stop event (Ctrl-C) ends listing, ends every lookup that is waiting (a limiter's turn,
a retry's backoff: the video stays pending), lets requests already sent finish, flushes
every write and marks the run ``interrupted``; the next run continues where this one
stopped. Cancelling the run's task (a second Ctrl-C) aborts: lookups are dropped, the
run is still marked ``interrupted``.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from collector.config import Config
from collector.db_optimized import EnrichmentOutcome
from collector.errors import StoreError
from collector.identity import ChannelLearner, Learned, apply_learned, stored_parse
from collector.models import ChannelInfo, EnrichmentStatus, RunSummary, VideoEntry
from collector.multi_pass_controller import MultiPassParsingController, plan_passes
from collector.parsing import PARSER_VERSION, ArtistKnowledge, ChannelProfile
from collector.passes.base import PassType, VideoWork
from collector.sources.daemon import call_unless_stopped
from collector.sources.youtube import SourceSpec, open_source, resolve_source
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


@dataclass
class CollectOptions:
    source: str
    multi_pass: bool = False
    offline: bool = False
    limit: int | None = None
    since: date | None = None


def _take(it: Iterator[VideoEntry], n: int) -> list[VideoEntry]:
    return list(itertools.islice(it, n))


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


async def _prepare_profiles(
    pipeline: Pipeline, sample: list[VideoEntry], listing_channel: ChannelInfo | None
) -> None:
    """Decide each channel's orientation from the sample and store the channels."""
    by_channel: dict[str | None, list[VideoEntry]] = {}
    for e in sample:
        by_channel.setdefault(e.channel_id, []).append(e)
    store = pipeline.writer.store
    for cid, entries in by_channel.items():
        stored = raw = None
        if cid is not None:
            raw = await pipeline.writer.call(store.channel_orientation, cid)
            stored = ChannelProfile.from_dict(raw) if raw else None
        name = entries[0].channel
        tp = pipeline.controller.title_pass
        profile = tp.prepare(cid, name, [e.title for e in entries], stored)
        # What lookups taught the channel outlives a fresh sample of its titles.
        tp.profiles[cid] = profile = apply_learned(profile, raw)
        if cid is not None:
            info = (
                listing_channel
                if listing_channel and listing_channel.channel_id == cid
                else ChannelInfo(cid, name)
            )
            stored_dict = profile.to_dict()
            if raw and raw.get("learned"):
                stored_dict["learned"] = raw["learned"]
            await pipeline.writer.call(store.upsert_channel, info, stored_dict)


_NAMED_REASONS = ("artist named by", "'by' credit")


async def _store_batch(pipeline: Pipeline, batch: list[VideoEntry], run_id: int) -> None:
    works = [VideoWork(e) for e in batch]
    rows = []
    for w in works:
        pipeline.controller.parse(w)
        rows.append((w.entry, w.parse, pipeline.controller.initial_status(w)))
    pipeline.summary.parsed += sum(1 for w in works if w.parse and w.parse.artist)
    named = [w.parse.artist for w in works
             if w.parse and w.parse.artist and w.parse.reason.startswith(_NAMED_REASONS)]
    if named:  # artists a channel names outright: the parser's knowledge
        await pipeline.writer.call(pipeline.writer.store.add_known_artists, named, "channel")
    result = await pipeline.writer.call(
        pipeline.writer.store.upsert_videos, rows, parser_version=PARSER_VERSION, run_id=run_id
    )
    s = pipeline.summary
    s.new += result.new
    s.updated += result.updated
    s.unchanged += result.unchanged
    s.skipped += sum(1 for _, _, st in rows if st is EnrichmentStatus.SKIPPED)
    pipeline.progress.show(s)
    if pipeline.controller.enriching:
        for w in works:
            if w.entry.video_id in result.pending:
                await pipeline.submit(w)


async def collect_channel(
    cfg: Config,
    opts: CollectOptions,
    *,
    progress: Progress | None = None,
    stop: asyncio.Event | None = None,
) -> RunSummary:
    """List a channel (or read an export), parse every title, store it, enrich it."""
    progress = progress or NullProgress()
    stop = stop or asyncio.Event()
    spec = resolve_source(opts.source)
    writer = await StoreWriter.open(cfg.database.path)
    plan = plan_passes(cfg, enrich=opts.multi_pass and not opts.offline, writer=writer)
    for notice in plan.notices:
        log.warning(notice)
    controller = MultiPassParsingController(plan, max_attempts=cfg.multi_pass.max_attempts)
    pipeline = Pipeline(cfg, writer, controller, progress, stop)
    options = {"multi_pass": opts.multi_pass, "offline": opts.offline, "limit": opts.limit,
               "since": opts.since.isoformat() if opts.since else None}
    run_id = await writer.call(writer.store.start_run, "collect-channel", str(spec), options)
    pipeline.run_id = run_id
    status = "failed"
    try:
        await _list_and_store(pipeline, spec, opts, run_id)
        status = "interrupted" if stop.is_set() else "completed"
    except asyncio.CancelledError:
        status = "aborted"
        raise
    finally:
        await _close_run(pipeline, run_id, status, pending_of_run=True)
    return pipeline.summary


async def _list_and_store(pipeline: Pipeline, spec: SourceSpec, opts: CollectOptions,
                          run_id: int) -> None:
    stop, cfg = pipeline.stop, pipeline.cfg
    await pipeline.load_knowledge()
    listing = await call_unless_stopped(open_source, spec, opts.since, stop=stop)
    if listing is None:
        return
    entries: Iterator[VideoEntry] = listing.entries
    if opts.limit is not None:
        entries = itertools.islice(entries, opts.limit)
    pipeline.channel_id = listing.channel.channel_id if listing.channel else None
    await pipeline.start_enrichment()
    sample = await call_unless_stopped(_take, entries, cfg.collection.orientation_sample, stop=stop)
    await _prepare_profiles(pipeline, sample or [], listing.channel)
    if pipeline.channel_id is None and sample:
        pipeline.channel_id = sample[0].channel_id
    batch_size = cfg.database.batch_size
    pending_batch = sample
    while pending_batch and not stop.is_set():
        for start in range(0, len(pending_batch), batch_size):
            chunk = pending_batch[start : start + batch_size]
            pipeline.summary.listed += len(chunk)
            await _store_batch(pipeline, chunk, run_id)
            if stop.is_set():
                break
        else:
            pending_batch = await call_unless_stopped(_take, entries, batch_size, stop=stop)
    if opts.since and listing.undated_kept:
        log.warning("Warning: --since %s: %d videos have no upload date in this listing and "
                    "were kept (flat channel listings carry no dates)",
                    opts.since.isoformat(), listing.undated_kept)


async def _close_run(pipeline: Pipeline, run_id: int, status: str, *,
                     pending_of_run: bool = False) -> None:
    """Finish the lookups (or abort them), then record the run and close the store.

    ``status`` "aborted": the run's task was cancelled (a second Ctrl-C); a cancellation
    that arrives while the lookups finish aborts too. Either way the run is recorded
    ``interrupted`` and the cancellation goes on up. A failure to store the results fails
    the run (recorded ``failed``, then raised as a :class:`StoreError`).
    """
    aborted = status == "aborted"
    failure: Exception | None = None
    if not aborted:
        try:
            await pipeline.finish_enrichment()
        except asyncio.CancelledError:
            aborted = True
        except Exception as exc:  # results not written: report it, record the run failed
            failure = exc
            status = "failed"
            pipeline.summary.errors += 1
            pipeline.summary.stats = {**pipeline.summary.stats, "error": str(exc)}
            log.debug("traceback", exc_info=True)
    if aborted:
        await pipeline.abort_enrichment()
        status = "interrupted"
    elif status == "completed" and pipeline.stop.is_set():
        status = "interrupted"  # stopped while the last lookups finished: some were cut
    pipeline.summary.interrupted = status == "interrupted"
    writer = pipeline.writer
    try:
        # The count users act on comes from the store, after every write: the run's own
        # videos (collect) or every video (enrich) still waiting for a lookup.
        pipeline.summary.pending = await writer.call(
            writer.store.count_pending, run_id if pending_of_run else None)
        await writer.call(writer.store.finish_run, run_id, pipeline.summary, status=status,
                          channel_id=pipeline.channel_id)
    finally:
        await writer.close()
    if aborted:
        raise asyncio.CancelledError
    if failure is not None:
        raise StoreError(f"enrichment results could not be stored: {failure}") from failure


async def enrich_pending(
    cfg: Config,
    *,
    retry_failed: bool = False,
    progress: Progress | None = None,
    stop: asyncio.Event | None = None,
) -> RunSummary:
    """Run the enrichment passes over videos still pending (and failed ones if asked)."""
    progress = progress or NullProgress()
    stop = stop or asyncio.Event()
    writer = await StoreWriter.open(cfg.database.path)
    plan = plan_passes(cfg, enrich=True, writer=writer)
    for notice in plan.notices:
        log.warning(notice)
    controller = MultiPassParsingController(plan, max_attempts=cfg.multi_pass.max_attempts)
    pipeline = Pipeline(cfg, writer, controller, progress, stop)
    run_id = await writer.call(writer.store.start_run, "enrich", None,
                               {"retry_failed": retry_failed})
    pipeline.run_id = run_id
    status = "failed"
    try:
        if not controller.enriching:
            log.warning("Warning: no lookup pass is enabled, nothing was looked up (%s)",
                        "; ".join(plan.disabled) or "multi_pass.passes lists none")
            status = "completed"
            return pipeline.summary
        await pipeline.load_knowledge()
        await pipeline.start_enrichment()
        tp = controller.title_pass
        pages = writer.store.iter_enrichable(include_failed=retry_failed,
                                             batch=cfg.database.batch_size)
        channel_profiles: dict[str | None, bool] = {}
        while not stop.is_set() and not pipeline.halted:  # halted: a service is down
            page = await writer.call(next, pages, None)
            if not page:
                break
            for row in page:
                if row["channel_id"] not in channel_profiles:
                    raw = await writer.call(writer.store.channel_orientation, row["channel_id"])
                    if raw:
                        tp.profiles[row["channel_id"]] = apply_learned(
                            ChannelProfile.from_dict(raw), raw)
                    channel_profiles[row["channel_id"]] = True
                entry = VideoEntry(row["video_id"], row["title"], row["channel_id"],
                                   row["channel_name"])
                work = VideoWork(entry, attempts=row["enrichment_attempts"],
                                 profile_generation=tp.generations.get(entry.channel_id, 0))
                if row["artist"] is not None or row["parser_version"] is not None:
                    work.parse = stored_parse(row)  # one parse per video: the stored one
                else:  # stored without a parse (an old schema): parse it, with its channel
                    controller.parse(work)
                pipeline.summary.listed += 1
                await pipeline.submit(work)
                if stop.is_set() or pipeline.halted:
                    break
        status = "interrupted" if stop.is_set() else "completed"
    except asyncio.CancelledError:
        status = "aborted"
        raise
    finally:
        await _close_run(pipeline, run_id, status)
    return pipeline.summary
