"""``DiscogsRateLimiter``: one async limiter shared by every Discogs call in the process.

Discogs allows ``requests_per_minute`` (60 with a token, 25 without) in a *moving*
60-second window and reports the budget in ``X-Discogs-Ratelimit``,
``X-Discogs-Ratelimit-Used`` and ``X-Discogs-Ratelimit-Remaining``; past it, 429.

Two rules decide when a request may go, both computed under a lock that is released
before the caller sleeps (so waiting callers are served in arrival order and never
block each other):

* a token bucket (GCRA): ``burst`` requests back to back, then one every
  ``window / requests_per_minute`` seconds;
* a sliding log of our own requests: never more than ``requests_per_minute`` in any
  ``window + margin`` seconds. A request counts from the moment it was answered (or
  failed), the latest the server can have counted it, so a slow or stalled request can
  never leave our window before it leaves the server's. The margin (1 s for the 60 s
  window, at least 0.15 s) covers the rest of the jitter. A request the HTTP library
  resends on its own (aiohttp retries an idempotent request once when a kept-alive
  connection drops) reserves its own slot (:mod:`collector.services.session`).

The server's headers adjust it: a lower ``X-Discogs-Ratelimit`` than configured (no
token: 25) becomes the limit; ``Remaining`` at 0 (or 1) pauses for one interval. A 429
pauses every caller for ``Retry-After`` (seconds or HTTP date), or backs off, and lowers
the limit by a quarter. Each clean window after that (``window + margin`` seconds without
a 429) raises it again by a quarter of the ceiling, up to the configured (or advertised)
limit, so one 429 does not slow the rest of a long run.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from collector.services.retry import parse_retry_after


@dataclass(slots=True)
class Slot:
    """One request in the log: ``at`` is when it counts against the window."""

    at: float
    waited: float = 0.0


class DiscogsRateLimiter:
    """:param clock: monotonic clock; :param sleep: async sleep (tests pass fakes)."""

    def __init__(
        self,
        requests_per_minute: int = 60,
        burst: int = 5,
        *,
        window: float = 60.0,
        margin: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if requests_per_minute < 1 or burst < 1:
            raise ValueError("requests_per_minute and burst must be at least 1")
        self.window = window
        # 1 s on Discogs' 60 s window; never under 0.15 s of absolute network jitter.
        self.margin = max(window / 60.0, 0.15) if margin is None else margin
        self._clock = clock
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._sent: deque[Slot] = deque()  # in reservation order; ``at`` only moves later
        self._tat = 0.0  # GCRA "theoretical arrival time"
        self._paused_until = 0.0
        self.backoff_429 = window / 12  # without Retry-After: 5 s for Discogs' 60 s window
        self.waited = 0.0
        self._floor = max(1, requests_per_minute // 4)
        self._burst_cfg = burst
        self._set_limit(requests_per_minute, burst)
        self._ceiling = self.limit  # what recovery may return to (configured or advertised)
        self._last_change = -float("inf")  # the latest 429 or recovery step

    def _set_limit(self, limit: int, burst: int | None = None) -> None:
        self.limit = limit
        self.burst = min(burst if burst is not None else self.burst, limit)
        self.interval = self.window / limit

    @property
    def paused_until(self) -> float:
        return self._paused_until

    def pause_until(self, when: float) -> None:
        self._paused_until = max(self._paused_until, when)

    def _recover(self, now: float) -> None:
        """After a clean window since the latest 429 (or step up), one step back up."""
        if self.limit < self._ceiling and now - self._last_change >= self.window + self.margin:
            step = max(1, self._ceiling // 4)
            self._set_limit(min(self._ceiling, self.limit + step), self._burst_cfg)
            self._last_change = now

    def _slot(self, now: float) -> float:
        self._recover(now)
        tolerance = (self.burst - 1) * self.interval
        t = max(now, self._tat - tolerance, self._paused_until)
        span = self.window + self.margin
        while self._sent and self._sent[0].at <= now - span:
            self._sent.popleft()
        if len(self._sent) >= self.limit:
            # Answer stamps can reorder the log: the limit-th latest decides.
            times = sorted(s.at for s in self._sent)
            t = max(t, times[-self.limit] + span)
        return t

    async def reserve(self) -> Slot:
        """Wait for this caller's turn; pass the slot to :meth:`answered` afterwards."""
        async with self._lock:
            now = self._clock()
            t = self._slot(now)
            self._tat = max(self._tat, t) + self.interval
            slot = Slot(t, max(0.0, t - now))
            self._sent.append(slot)
        if slot.waited > 0:
            self.waited += slot.waited
            await self._sleep(slot.waited)
            # A busy event loop wakes us late: the window counts when we really send.
            slot.at = max(slot.at, self._clock())
        return slot

    async def acquire(self) -> float:
        """Wait for this caller's turn; returns the seconds waited."""
        return (await self.reserve()).waited

    def answered(self, slot: Slot) -> None:
        """The request got its answer (or failed): it counts from now at the latest."""
        slot.at = max(slot.at, self._clock())

    def update_from_headers(self, headers: Mapping[str, str]) -> None:
        """Follow the server's own view of the budget.

        When the server has counted more requests in its window than we sent (an earlier
        run moments ago, another client on the same token), the difference is added to
        our log as if sent now, so our window keeps room for them.
        """
        try:
            limit = int(headers.get("X-Discogs-Ratelimit", "") or 0)
            remaining = int(headers.get("X-Discogs-Ratelimit-Remaining", "") or -1)
        except ValueError:
            return
        if 0 < limit < self._ceiling:
            self._ceiling = limit
        if 0 < limit < self.limit:
            self._set_limit(limit)
        if remaining < 0 or limit <= 0:
            return
        now = self._clock()
        span = self.window + self.margin
        ours = sum(1 for slot in self._sent if now - span < slot.at <= now)
        unseen = (limit - remaining) - ours
        if unseen > 0:
            self._sent.extend(Slot(now) for _ in range(unseen))
        if remaining <= 1:
            self.pause_until(now + self.interval * (2 - remaining))

    def on_429(self, retry_after: str | None) -> float:
        """Pause every caller after a 429 and slow down; returns the pause in seconds.

        A 429 we did not predict means someone else spends the same budget: the limit
        drops by a quarter (never below 1) until a clean window (:meth:`_recover`).
        """
        delay = parse_retry_after(retry_after)
        if delay is None:
            delay = self.backoff_429
        now = self._clock()
        if now >= self._paused_until:  # the first 429 of a burst: in-flight ones don't count
            self._set_limit(max(self._floor, (self.limit * 3) // 4))
        self._last_change = max(self._last_change, now + delay)  # clean from the resume on
        self.pause_until(now + delay)
        return delay
