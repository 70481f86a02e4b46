"""Runs the enabled passes in their configured order over each video.

The title-parse pass always runs first (it is pure and fast, and done in batches); the
enrichment passes (MusicBrainz, then the Discogs fallback) run per video, each deciding
through ``should_run`` whether it applies (its fallback rule). The controller turns the
passes' results into the video's enrichment status.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from collector.config import Config, PassConfig
from collector.data_transformer import DataTransformer, MergedRecord
from collector.models import EnrichmentStatus
from collector.passes.base import LookupPass, MatchStatus, ParsingPass, PassType, VideoWork
from collector.passes.discogs_search_pass import DiscogsSearchPass
from collector.passes.musicbrainz_search_pass import MusicBrainzSearchPass
from collector.passes.title_parse_pass import TitleParsePass
from collector.services.stats import Stats
from collector.store_writer import StoreWriter

log = logging.getLogger("collector")
PassFactory = Callable[[Config, PassConfig, StoreWriter | None, Stats], ParsingPass]


def _musicbrainz(cfg: Config, pcfg: PassConfig, writer: StoreWriter | None,
                 stats: Stats) -> ParsingPass:
    return MusicBrainzSearchPass(cfg, pcfg, writer=writer, stats=stats)


def _discogs(cfg: Config, pcfg: PassConfig, writer: StoreWriter | None,
             stats: Stats) -> ParsingPass:
    return DiscogsSearchPass(cfg, pcfg, writer=writer, stats=stats)


ENRICHMENT_FACTORIES: dict[PassType, PassFactory] = {
    PassType.MUSICBRAINZ_SEARCH: _musicbrainz,
    PassType.DISCOGS_SEARCH: _discogs,
}


@dataclass
class ControllerPlan:
    """Which passes will run, and what the user should be told about the others."""

    title_pass: TitleParsePass
    enrichment: list[ParsingPass] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)  # every pass left out, and why
    stats: Stats = field(default_factory=Stats)


def _source_enabled(cfg: Config, pass_type: PassType) -> tuple[bool, str]:
    if pass_type is PassType.MUSICBRAINZ_SEARCH and not cfg.musicbrainz.enabled:
        return False, "data_sources.musicbrainz.enabled is false"
    if pass_type is PassType.DISCOGS_SEARCH:
        if not cfg.discogs.enabled:
            return False, "data_sources.discogs.enabled is false"
        if not cfg.discogs.token:
            return False, (
                "Discogs search needs a token (set DISCOGS_TOKEN or data_sources.discogs.token)"
            )
    return True, ""


def plan_passes(
    cfg: Config, *, enrich: bool, writer: StoreWriter | None = None, stats: Stats | None = None
) -> ControllerPlan:
    """Build the passes the configuration enables, in configured order."""
    title_cfg = cfg.multi_pass.get("title_parse") or PassConfig("title_parse", True, 0.3)
    plan = ControllerPlan(title_pass=TitleParsePass(title_cfg), stats=stats or Stats())
    if not enrich:
        return plan
    for pcfg in cfg.multi_pass.passes:
        pass_type = PassType(pcfg.name)
        if pass_type is PassType.TITLE_PARSE or not pcfg.enabled:
            continue
        ok, why = _source_enabled(cfg, pass_type)
        if not ok:
            plan.disabled.append(f"{pass_type.value} pass disabled: {why}")
            if why.endswith("enabled is false"):  # the user's own choice: said at -v only
                log.debug("%s pass disabled: %s", pass_type.value, why)
            else:
                plan.notices.append(f"{pass_type.value} pass disabled: {why}")
            continue
        factory = ENRICHMENT_FACTORIES.get(pass_type)
        if factory is None:
            plan.notices.append(f"{pass_type.value} pass is not available in this version")
            continue
        plan.enrichment.append(factory(cfg, pcfg, writer, plan.stats))
    return plan


class MultiPassParsingController:
    """Runs a :class:`ControllerPlan` over videos.

    :param plan: the passes, title parse first.
    :param max_attempts: enrichment attempts before a video is marked ``failed``.
    """

    def __init__(self, plan: ControllerPlan, *, max_attempts: int = 5) -> None:
        self.title_pass = plan.title_pass
        self.passes = plan.enrichment
        self.notices = plan.notices
        self.max_attempts = max_attempts
        self.stats_collector = plan.stats
        self.transformer = DataTransformer()

    @property
    def enriching(self) -> bool:
        return bool(self.passes)

    def workers(self, configured: int) -> int:
        """Enrichment workers: the configured concurrency, or more when a pass needs
        more videos in flight (MusicBrainz batches several songs per request)."""
        return max([configured, *(p.wanted_workers for p in self.passes)])

    async def open(self) -> None:
        for p in self.passes:
            await p.open()

    async def close(self) -> None:
        for p in self.passes:
            await p.close()

    def halt(self) -> None:
        """The run stops: lookups stop waiting (they stay pending); sent requests finish."""
        for p in self.passes:
            if isinstance(p, LookupPass):
                p.client.halt()

    def on_unreachable(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(message)`` when a service is declared down for the run."""
        for p in self.passes:
            if isinstance(p, LookupPass):
                p.client.reach.on_down = callback

    def parse(self, work: VideoWork) -> None:
        self.title_pass.parse(work)

    def initial_status(self, work: VideoWork) -> EnrichmentStatus:
        """Status of a freshly parsed video before any lookup."""
        if not self.title_pass.is_lookup_worthy(work):
            return EnrichmentStatus.SKIPPED
        return EnrichmentStatus.PENDING

    async def enrich(self, work: VideoWork) -> EnrichmentStatus:
        """Run the enrichment passes in order; return the video's new status."""
        if not self.title_pass.is_lookup_worthy(work):
            return EnrichmentStatus.SKIPPED
        work.attempts += 1
        for p in self.passes:
            if p.should_run(work):
                work.results[p.pass_type] = await p.run(work)
        work.merged = self.merge(work)
        transient = [
            r for t, r in work.results.items()
            if t is not PassType.TITLE_PARSE and r.status is MatchStatus.ERROR
        ]
        if not transient:
            return EnrichmentStatus.COMPLETE
        if work.attempts >= self.max_attempts or not all(r.transient for r in transient):
            return EnrichmentStatus.FAILED
        return EnrichmentStatus.PENDING

    def merge(self, work: VideoWork) -> MergedRecord:
        evidence = [r.evidence for r in work.results.values() if r.evidence is not None]
        merged = self.transformer.merge_metadata_sources(work.parse, evidence)
        for name, value in merged.fields.items():
            for source in value.source.split("+"):
                self.stats_collector.inc(f"merge/{name}/{source}")
        return merged

    def stats(self) -> dict[str, Any]:
        return self.stats_collector.as_dict()
