"""Discogs API client: one aiohttp session, shared rate limiter, bounded retries, validation.

Every request carries ``Authorization: Discogs token=...`` and our User-Agent; every
answer is checked to be a JSON object of the expected shape (an HTML error page or a
truncated body becomes :class:`MalformedResponse`, never a crash). The token is only
ever in the request header: it is not in URLs, logs, errors or stats.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

import aiohttp

from collector.config import DiscogsConfig, check_discogs_url
from collector.errors import MalformedResponse, ServiceError
from collector.redaction import body_snippet, redact
from collector.services.retry import RetryableError, RetryPolicy, call_with_retries
from collector.services.session import SessionClient
from collector.services.stats import Stats
from collector.utils import DiscogsRateLimiter, Slot

log = logging.getLogger("collector.discogs")
SERVICE = "discogs"
_LIMITERS: dict[tuple[str, int, int, float], DiscogsRateLimiter] = {}


class DiscogsAuthError(ServiceError):
    """Discogs rejected the token (401/403)."""

    transient = True  # the operator can fix the token; the videos wait for it


def shared_limiter(cfg: DiscogsConfig) -> DiscogsRateLimiter:
    """The process-wide limiter for this base URL and budget (every Discogs call shares it)."""
    key = (cfg.base_url, cfg.requests_per_minute, cfg.burst, cfg.rate_window_seconds)
    if key not in _LIMITERS:
        _LIMITERS[key] = DiscogsRateLimiter(cfg.requests_per_minute, cfg.burst,
                                            window=cfg.rate_window_seconds)
    return _LIMITERS[key]


class DiscogsClient(SessionClient):
    """:param limiter: defaults to the process-wide limiter for ``cfg``."""

    service = SERVICE
    label = "Discogs"

    def __init__(self, cfg: DiscogsConfig, stats: Stats,
                 limiter: DiscogsRateLimiter | None = None) -> None:
        if cfg.token:
            check_discogs_url(cfg.base_url, "Discogs client")
        super().__init__(stats, cfg.timeout_seconds, cfg.base_url)
        self.cfg = cfg
        self.limiter = limiter or shared_limiter(cfg)
        self.policy = RetryPolicy(max_retries=cfg.max_retries, base_delay=1.0,
                                  max_delay=max(60.0, cfg.rate_window_seconds))
        self.last_headers: dict[str, str] = {}

    def _headers(self) -> dict[str, str]:
        headers = {"User-Agent": self.cfg.user_agent, "Accept": "application/json"}
        if self.cfg.token:
            headers["Authorization"] = f"Discogs token={self.cfg.token.reveal()}"
        return headers

    async def _wait_turn(self) -> Slot:
        slot = await self._waiting(self.limiter.reserve())
        self.stats.waited(SERVICE, slot.waited)
        return slot

    def _redact(self, text: str) -> str:
        return redact(text)

    async def _attempt(self, path: str, params: dict[str, Any]) -> dict[str, Any] | None:
        self.reach.check()
        slot = await self._wait_turn()
        self.stats.inc(f"{SERVICE}/request")
        url = self.cfg.base_url.rstrip("/") + path
        start = time.monotonic()
        try:
            self.reach.check()  # declared down while this request waited
            async with self._get(url, params=params) as resp:
                self.reach.answered()
                self.limiter.answered(slot)
                self.last_headers = {k: v for k, v in resp.headers.items()
                                     if k.lower().startswith("x-discogs-ratelimit")}
                self.limiter.update_from_headers(resp.headers)
                status = resp.status
                self.stats.inc(f"{SERVICE}/response/{status}")
                if status == 429:
                    self.limiter.on_429(resp.headers.get("Retry-After"))
                    # The limiter holds everyone until then; the retry only queues again.
                    raise RetryableError("429", "Discogs answered 429 (rate limited)", 0.0)
                if status >= 500:
                    raise RetryableError(str(status) if status in (500, 502, 503, 504) else "5xx",
                                         f"Discogs answered HTTP {status}")
                if status in (401, 403):
                    raise DiscogsAuthError(f"Discogs rejected the token (HTTP {status})")
                if status == 404:
                    return None
                if status >= 400:
                    raise ServiceError(f"Discogs answered HTTP {status}")
                body = await resp.read()
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError,
                aiohttp.ClientResponseError) as exc:  # dropped, cut short or garbled
            self.stats.inc(f"{SERVICE}/error/network")
            raise RetryableError("network", self._redact(self.reach.failed(exc))) from None
        except TimeoutError:
            self.stats.inc(f"{SERVICE}/error/timeout")
            raise RetryableError("timeout", f"no answer within {self.cfg.timeout_seconds:g} s") \
                from None
        finally:
            self.limiter.answered(slot)
            self.stats.latency(SERVICE, time.monotonic() - start)
        try:
            value = json.loads(body)
        except ValueError:
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise MalformedResponse(
                f"Discogs answered with non-JSON ({body_snippet(body)!r}...)") from None
        if not isinstance(value, dict):
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise MalformedResponse("Discogs answered with JSON that is not an object")
        return value

    async def get_json(self, path: str, params: dict[str, Any] | None = None, *,
                       check: Callable[[dict[str, Any]], None] | None = None,
                       ) -> dict[str, Any] | None:
        """GET ``path``; None for 404; retries 429/5xx/network errors and malformed answers
        (bounded). ``check`` raises :class:`MalformedResponse` for an answer of the wrong
        shape, which is then retried too."""

        def on_retry(exc: RetryableError, delay: float) -> None:
            self.stats.inc(f"{SERVICE}/retry/{exc.reason}")
            self._log_retry(exc, delay)

        clean = {k: v for k, v in (params or {}).items() if v is not None}

        async def attempt() -> dict[str, Any] | None:
            value = await self._attempt(path, clean)
            if value is not None and check is not None:
                check(value)
            return value

        return await call_with_retries(attempt, self.policy, on_retry=on_retry,
                                       sleep=self._pause)

    def _check_results(self, data: dict[str, Any]) -> None:
        if not isinstance(data.get("results"), list):
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise MalformedResponse("Discogs search answer has no 'results' list")

    def _check_tracklist(self, data: dict[str, Any]) -> None:
        if not isinstance(data.get("tracklist", []), list):
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise MalformedResponse("Discogs answer has a malformed tracklist")

    async def search(self, **params: Any) -> dict[str, Any]:
        data = await self.get_json("/database/search", params, check=self._check_results)
        if data is None:
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise MalformedResponse("Discogs search answer has no 'results' list")
        return data

    async def master(self, master_id: int) -> dict[str, Any] | None:
        return await self.get_json(f"/masters/{int(master_id)}", check=self._check_tracklist)

    async def release(self, release_id: int) -> dict[str, Any] | None:
        return await self.get_json(f"/releases/{int(release_id)}", check=self._check_tracklist)
