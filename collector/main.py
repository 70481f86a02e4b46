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

This module sets a run up and closes it; the enrichment side (stage 3 and what the
channels learn) is :mod:`collector.pipeline`.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from collector.config import Config
from collector.errors import StoreError
from collector.identity import apply_learned, stored_parse
from collector.models import ChannelInfo, EnrichmentStatus, RunSummary, VideoEntry
from collector.multi_pass_controller import MultiPassParsingController, plan_passes
from collector.parsing import PARSER_VERSION, ChannelProfile
from collector.passes.base import VideoWork
from collector.pipeline import NullProgress, Pipeline, Progress, outcome_for
from collector.sources.daemon import call_unless_stopped
from collector.sources.youtube import SourceSpec, open_source, resolve_source
from collector.store_writer import StoreWriter

__all__ = ["CollectOptions", "NullProgress", "Pipeline", "Progress", "collect_channel",
           "enrich_pending", "outcome_for"]

log = logging.getLogger("collector")


@dataclass
class CollectOptions:
    source: str
    multi_pass: bool = False
    offline: bool = False
    limit: int | None = None
    since: date | None = None


def _take(it: Iterator[VideoEntry], n: int) -> list[VideoEntry]:
    return list(itertools.islice(it, n))


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
    elif status == "completed" and pipeline.summary.service_down:
        status = "stopped"  # a service could not be reached: the rest wait, pending
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
