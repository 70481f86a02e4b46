"""Rate limiters with a controllable clock (no real sleeping)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from collector.services.pacing import IntervalLimiter
from collector.services.retry import (
    RetryableError,
    RetryPolicy,
    backoff_delay,
    call_with_retries,
    parse_retry_after,
)
from collector.utils import DiscogsRateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def in_any_window(times: list[float], window: float) -> int:
    return max(sum(1 for t in times if s <= t < s + window) for s in times)


async def test_discogs_burst_then_steady_rate() -> None:
    clock = FakeClock()
    lim = DiscogsRateLimiter(60, 5, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(10):
        await lim.acquire()
        times.append(clock.now)
    assert times[:5] == [1000.0] * 5  # the burst
    gaps = [b - a for a, b in zip(times[4:], times[5:], strict=False)]
    assert all(g == pytest.approx(1.0) for g in gaps)


async def test_discogs_never_exceeds_limit_in_any_moving_window() -> None:
    clock = FakeClock()
    lim = DiscogsRateLimiter(60, 5, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(400):
        await lim.acquire()
        times.append(clock.now)
    assert in_any_window(times, 60.0) <= 60
    assert in_any_window(times, 61.0) <= 60  # the jitter margin holds too
    rate = (len(times) - 1) / (times[-1] - times[0]) * 60
    assert rate >= 0.9 * 60  # at least 90% of the allowed rate


async def test_concurrent_callers_are_served_in_order_without_holding_the_lock() -> None:
    """Real (short) sleeps, so the callers really wait side by side: each is served in
    arrival order, at the limiter's pace, and none holds the lock while it sleeps."""
    lim = DiscogsRateLimiter(60, 1, window=0.6)  # real clock: one request every 10 ms
    held: list[bool] = []
    waits: list[float] = []
    sleeping = peak = 0

    async def watching_sleep(seconds: float) -> None:
        nonlocal sleeping, peak
        held.append(lim._lock.locked())
        waits.append(seconds)
        sleeping += 1
        peak = max(peak, sleeping)
        await asyncio.sleep(seconds)
        sleeping -= 1

    lim._sleep = watching_sleep
    order: list[int] = []

    async def caller(i: int) -> None:
        await lim.acquire()
        order.append(i)

    await asyncio.gather(*(caller(i) for i in range(6)))
    assert order == list(range(6))
    assert peak == 5  # five callers waited at once
    assert held == [False] * 5  # and none of them held the lock while waiting
    # Each later caller was given the next slot, one interval (10 ms) after the previous
    # (departure times themselves are not compared: a loaded machine wakes sleepers late).
    assert waits == pytest.approx([0.01 * k for k in range(1, 6)], abs=0.004)


async def test_headers_lower_the_limit_and_pause_when_exhausted() -> None:
    clock = FakeClock()
    lim = DiscogsRateLimiter(60, 5, clock=clock, sleep=clock.sleep)
    lim.update_from_headers({"X-Discogs-Ratelimit": "25", "X-Discogs-Ratelimit-Used": "3",
                             "X-Discogs-Ratelimit-Remaining": "22"})
    assert lim.limit == 25 and lim.interval == pytest.approx(60 / 25)
    lim.update_from_headers({"X-Discogs-Ratelimit": "25",
                             "X-Discogs-Ratelimit-Remaining": "0"})
    waited = await lim.acquire()
    assert waited >= 60 / 25
    lim.update_from_headers({"X-Discogs-Ratelimit": "garbage"})  # ignored, no crash


async def test_429_pauses_everyone_for_retry_after() -> None:
    clock = FakeClock()
    lim = DiscogsRateLimiter(60, 5, clock=clock, sleep=clock.sleep)
    assert lim.on_429("7") == 7
    assert lim.limit == 45  # an unpredicted 429: someone shares the budget, slow down
    assert await lim.acquire() == pytest.approx(7)
    http_date = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= lim.on_429(http_date) <= 31
    assert lim.on_429(None) == pytest.approx(5.0)


async def test_discogs_rate_recovers_after_a_clean_window() -> None:
    """One 429 lowers the rate; a window without another brings it back."""
    clock = FakeClock()
    lim = DiscogsRateLimiter(60, 5, clock=clock, sleep=clock.sleep)
    lim.on_429("2")
    assert lim.limit == 45
    clock.now += 40.0  # not yet a whole clean window (60 s + 1 s margin) after the pause
    await lim.acquire()
    assert lim.limit == 45
    clock.now += 25.0
    await lim.acquire()
    assert lim.limit == 60 and lim.interval == pytest.approx(1.0)
    times = []
    for _ in range(300):
        await lim.acquire()
        times.append(clock.now)
    rate = (len(times) - 1) / (times[-1] - times[0]) * 60
    assert rate >= 0.9 * 60  # the full budget is used again
    # Two 429s take two clean windows; a 429 in between starts the wait again.
    lim.on_429(None)
    clock.now += 10.0
    lim.on_429(None)
    assert lim.limit == 33
    for expected in (33, 48, 60):
        await lim.acquire()
        assert lim.limit == expected
        clock.now += 62.0


async def test_recovery_never_passes_the_servers_advertised_limit() -> None:
    clock = FakeClock()
    lim = DiscogsRateLimiter(60, 5, clock=clock, sleep=clock.sleep)
    lim.update_from_headers({"X-Discogs-Ratelimit": "25", "X-Discogs-Ratelimit-Remaining": "24"})
    lim.on_429(None)
    assert lim.limit == 18
    for _ in range(4):
        clock.now += 62.0
        await lim.acquire()
    assert lim.limit == 25


def test_parse_retry_after() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_retry_after("12", now=now) == 12
    assert parse_retry_after("Thu, 01 Jan 2026 00:00:30 GMT", now=now) == 30
    assert parse_retry_after("Wed, 31 Dec 2025 00:00:00 GMT", now=now) == 0
    assert parse_retry_after("soon", now=now) is None and parse_retry_after(None) is None


async def test_interval_limiter_paces_and_pauses() -> None:
    clock = FakeClock()
    lim = IntervalLimiter(1.0, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        await lim.acquire()
    assert clock.now == pytest.approx(1002.0)
    lim.pause_until(clock.now + 10)
    assert await lim.acquire() == pytest.approx(10)
    unpaced = IntervalLimiter(0, clock=clock, sleep=clock.sleep)
    assert [await unpaced.acquire() for _ in range(5)] == [0.0] * 5


async def test_retries_are_bounded_and_honour_retry_after() -> None:
    clock = FakeClock()
    calls = 0

    async def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise RetryableError("503", "busy", retry_after=4.0 if calls == 1 else None)
        return "ok"

    policy = RetryPolicy(max_retries=3, base_delay=1.0)
    assert await call_with_retries(flaky, policy, sleep=clock.sleep) == "ok"
    assert clock.sleeps == [4.0, 1.0]  # a Retry-After wait is not a failed attempt

    async def always() -> str:
        raise RetryableError("timeout", "slow")

    with pytest.raises(RetryableError):
        await call_with_retries(always, RetryPolicy(max_retries=2), sleep=clock.sleep)

    limited = 0

    async def rate_limited() -> str:
        nonlocal limited
        limited += 1
        if limited <= 6:  # more than max_retries: 429s with Retry-After have their own allowance
            raise RetryableError("429", "slow down", retry_after=1.0)
        return "done"

    assert await call_with_retries(rate_limited, RetryPolicy(max_retries=2),
                                   sleep=clock.sleep) == "done"
    assert backoff_delay(RetryPolicy(max_delay=5), 10, None) == 5


async def test_requests_the_server_counted_but_we_did_not_are_respected() -> None:
    """A run that starts right after another: the server's window is already half used."""
    clock = FakeClock()
    lim = DiscogsRateLimiter(60, 5, clock=clock, sleep=clock.sleep)
    await lim.acquire()
    lim.update_from_headers({"X-Discogs-Ratelimit": "60", "X-Discogs-Ratelimit-Used": "31",
                             "X-Discogs-Ratelimit-Remaining": "29"})
    times = [clock.now]
    for _ in range(40):
        await lim.acquire()
        times.append(clock.now)
    # 30 unseen + ours may never exceed 60 within one window from the header's time.
    in_first_window = sum(1 for t in times if t < 1000.0 + 60.0)
    assert in_first_window <= 60 - 30


async def test_a_slow_request_counts_from_its_answer() -> None:
    """The server may count a request any time until it answers: our window must not let
    it go earlier, or the next burst lands while the server still counts it."""
    clock = FakeClock()
    lim = DiscogsRateLimiter(10, 10, window=60.0, margin=1.0, clock=clock, sleep=clock.sleep)
    slots = [await lim.reserve() for _ in range(10)]
    clock.now += 30.0  # the answers arrive 30 s after the requests left
    for slot in slots:
        lim.answered(slot)
    # A full window (plus margin) from the answers, not from the sends (that would be 31 s).
    assert await lim.acquire() == pytest.approx(60.0 + 1.0)


async def test_interval_keeps_its_distance_from_a_late_departure() -> None:
    """The event loop woke one caller late: the next must not leave early to catch up."""
    clock = FakeClock()
    overshoot = iter([0.5])

    async def late_sleep(seconds: float) -> None:
        await clock.sleep(seconds + next(overshoot, 0.0))

    lim = IntervalLimiter(1.0, clock=clock, sleep=late_sleep)
    departures = []
    for _ in range(4):
        await lim.acquire()
        departures.append(clock.now)
    gaps = [b - a for a, b in zip(departures, departures[1:], strict=False)]
    assert departures[1] == pytest.approx(1001.5)  # the late one
    assert all(g >= 1.0 - 1e-9 for g in gaps), gaps
