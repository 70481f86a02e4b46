"""Bounded retries with backoff that honour the server's Retry-After.

A malformed answer (an HTML error page with status 200, a truncated body) is retried like
a 5xx: it is usually a proxy or a dropped connection, and the next answer is fine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from collector.errors import MalformedResponse

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 3
    base_delay: float = 1.0  # first backoff; doubles each time
    max_delay: float = 60.0
    # A 429/503 that says when to come back is not a failure of the request: it gets
    # its own, larger allowance.
    max_rate_limited: int = 10


class RetryableError(Exception):
    """A failure a later attempt may not meet (503, 429, 5xx, timeout, reset)."""

    def __init__(self, reason: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.reason = reason  # stats key part: "503", "429", "timeout", "network"
        self.retry_after = retry_after


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(policy: RetryPolicy, attempt: int, retry_after: float | None) -> float:
    """The wait before retry number ``attempt`` (1-based)."""
    if retry_after is not None:
        return min(retry_after, policy.max_delay)
    return min(policy.base_delay * (2 ** (attempt - 1)), policy.max_delay)


async def call_with_retries(
    fn: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    on_retry: Callable[[RetryableError, float], None] | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Call ``fn`` until it succeeds, raises a non-retryable error, or retries run out."""
    attempt = limited = 0
    while True:
        try:
            return await fn()
        except MalformedResponse as exc:
            attempt += 1
            if attempt > policy.max_retries:
                raise
            delay = backoff_delay(policy, attempt, None)
            if on_retry is not None:
                on_retry(RetryableError("malformed", str(exc)), delay)
            await sleep(delay)
        except RetryableError as exc:
            if exc.reason in ("429", "503") and exc.retry_after is not None:
                limited += 1
                if limited > policy.max_rate_limited:
                    raise
                delay = backoff_delay(policy, 1, exc.retry_after)
            else:
                attempt += 1
                if attempt > policy.max_retries:
                    raise
                delay = backoff_delay(policy, attempt, exc.retry_after)
            if on_retry is not None:
                on_retry(exc, delay)
            await sleep(delay)
