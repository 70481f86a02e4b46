"""Pacing for services that allow N requests per second (MusicBrainz: about 1/s per IP).

Callers are served in arrival order: each takes the next free slot under a lock and
then sleeps *outside* the lock, so a slow caller never blocks the queue. A caller the
event loop woke late makes the next caller wait for its distance too, so requests never
leave closer together than the interval. A server that says "slow down" (503 +
Retry-After) pauses every caller until that time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class IntervalLimiter:
    """At most ``rate`` requests per second, evenly spaced; ``rate <= 0`` means unpaced.

    :param clock: monotonic clock (tests pass a fake one).
    :param sleep: async sleep (tests pass a fake one).
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._last_sent = -1e18
        self._lock = asyncio.Lock()

    def pause_until(self, when: float) -> None:
        """Hold every request until ``when`` (a clock value), e.g. after a 503."""
        self._paused_until = max(self._paused_until, when)

    async def acquire(self) -> float:
        """Wait for this caller's slot; returns the seconds waited."""
        async with self._lock:
            now = self._clock()
            slot = max(now, self._next, self._paused_until)
            self._next = slot + self.interval
        wait = max(0.0, slot - now)
        if wait > 0:
            await self._sleep(wait)
        # Keep the distance from the previous caller's real departure, which may have
        # been later than its slot.
        while self.interval and (gap := self._last_sent + self.interval - self._clock()) > 0:
            wait += gap
            await self._sleep(gap)
        self._last_sent = self._clock()
        return wait

    def sent(self) -> None:
        """The request of the last granted slot leaves now: when that is later than the
        slot (the caller did other work in between), the next one keeps its distance
        from now."""
        if self.interval:
            self._last_sent = max(self._last_sent, self._clock())
