"""The pass interface: each pass reads a video's work record and adds its result.

Passes run in the order the configuration lists them, under a
:class:`~collector.multi_pass_controller.MultiPassParsingController`. A pass never raises
for a service failure: it returns a :class:`PassResult` whose ``transient`` flag tells the
controller to leave the video ``pending`` so a later ``enrich`` retries it.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from collector.config import PassConfig
from collector.data_transformer import MergedRecord, SourceEvidence
from collector.errors import MalformedResponse, ServiceError
from collector.models import ParseResult, VideoEntry
from collector.redaction import redact
from collector.services.retry import RetryableError

if TYPE_CHECKING:
    from collector.services.cache import ResponseCache
    from collector.services.session import SessionClient

log = logging.getLogger("collector")


class PassType(StrEnum):
    TITLE_PARSE = "title_parse"
    MUSICBRAINZ_SEARCH = "musicbrainz_search"
    DISCOGS_SEARCH = "discogs_search"


class MatchStatus(StrEnum):
    MATCH = "match"  # confident: contributes to the merged record
    WEAK = "weak"  # a candidate below the threshold: stored as weak, never promoted
    NO_MATCH = "no_match"
    SKIPPED = "skipped"  # the pass had nothing to do (no artist, fallback not needed)
    ERROR = "error"


@dataclass(slots=True)
class PassResult:
    status: MatchStatus
    confidence: float = 0.0
    record: Any = None  # service-specific record (e.g. a MusicBrainz match)
    error: str | None = None
    transient: bool = False  # a retry later may succeed (network, 5xx, timeout)
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # table -> row to store
    evidence: SourceEvidence | None = None  # what the merger may use from this pass


@dataclass(slots=True)
class VideoWork:
    """Everything the passes know about one video while it is processed."""

    entry: VideoEntry
    parse: ParseResult | None = None
    results: dict[PassType, PassResult] = field(default_factory=dict)
    attempts: int = 0
    merged: MergedRecord | None = None
    profile_generation: int = 0  # of the channel profile the parse was made with

    def result(self, pass_type: PassType) -> PassResult | None:
        return self.results.get(pass_type)


class ParsingPass(ABC):
    """One stage of the pipeline. Subclasses set :attr:`pass_type`."""

    pass_type: ClassVar[PassType]

    def __init__(self, config: PassConfig) -> None:
        self.config = config

    @property
    def wanted_workers(self) -> int:
        """Videos this pass wants in flight at once (0: the configured concurrency)."""
        return 0

    @property
    def min_confidence(self) -> float:
        return self.config.min_confidence

    def should_run(self, work: VideoWork) -> bool:
        """Whether this pass applies to ``work`` (fallback rules live here)."""
        return True

    @abstractmethod
    async def run(self, work: VideoWork) -> PassResult:
        """Process one video and return this pass's result."""

    async def open(self) -> None:  # noqa: B027 (optional hook)
        """Acquire resources (an HTTP session) before the first :meth:`run`."""

    async def close(self) -> None:  # noqa: B027 (optional hook)
        """Release what :meth:`open` acquired."""

    def stats(self) -> dict[str, Any]:
        return {}


class LookupPass(ParsingPass):
    """A pass that asks one web service: its client and its response cache."""

    client: SessionClient
    cache: ResponseCache

    async def open(self) -> None:
        await self.client.open()

    async def close(self) -> None:
        await self.cache.flush()  # answers still staged are written before we go
        await self.client.close()


def error_result(exc: RetryableError | ServiceError, service: str, video_id: str) -> PassResult:
    """The result of a lookup that failed: transient failures leave the video pending.

    Network errors, timeouts, 5xx/429 past their retries and malformed answers are
    transient (a later ``enrich`` tries again); so is a rejected token, which the
    operator can fix. Other service errors (a 400) are not.
    """
    if isinstance(exc, MalformedResponse):
        log.warning("%s: %s (video %s stays pending)", service, exc, video_id)
    transient = isinstance(exc, RetryableError) or getattr(exc, "transient", False)
    return PassResult(MatchStatus.ERROR, error=redact(str(exc)), transient=transient)
