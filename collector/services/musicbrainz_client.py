"""MusicBrainz ws/2 client built on musicbrainzngs, paced, retried, cached.

Format choice: **JSON** (``musicbrainzngs.set_format("json")``). musicbrainzngs' XML
parser drops a recording's ``first-release-date`` and returns the score as a string; the
ws/2 JSON search response carries ``first-release-date`` (the recording's earliest
release), an integer ``score``, ISRCs, tags and every release with its release group's
primary and secondary types, which is all the original-year logic needs: one search
request per song.

Transport: musicbrainzngs opens a new connection per request, retries 502/503 itself up
to 8 times with fixed sleeps, ignores Retry-After, sets no socket timeout and serialises
every request behind a lock. We replace its request function: musicbrainzngs still
builds the query and parses the answer, and the request goes through
:mod:`collector.services.musicbrainz_transport` (kept-alive connections, one attempt, our
timeout, status and Retry-After reported), so the retry layer
(:mod:`collector.services.retry`) and the pacing layer (:mod:`collector.services.pacing`)
decide. Calls block, so they run in our own worker threads.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlencode, urlparse, urlunsplit

import musicbrainzngs
import musicbrainzngs.musicbrainz as _mbz

from collector.config import MusicBrainzConfig
from collector.errors import ConfigError, MalformedResponse, ServiceError
from collector.services.musicbrainz_transport import ConnectionPool, HttpStatus, fetch
from collector.services.pacing import IntervalLimiter, SendGate
from collector.services.retry import (
    RetryableError,
    RetryPolicy,
    call_with_retries,
    parse_retry_after,
)
from collector.services.stats import Stats

log = logging.getLogger("collector.musicbrainz")
SERVICE = "musicbrainz"
_LUCENE_PHRASE_ESCAPE = re.compile(r'(["\\])')
_state = threading.local()  # the pool, timeout and send gate, per worker thread


def _mb_request(path: str, method: str = "GET", auth_required: int = _mbz.AUTH_NO,
                client_required: bool = False, args: dict[str, Any] | None = None,
                data: Any = None, body: Any = None) -> Any:
    """musicbrainzngs' request function, sending unauthenticated GETs through our transport.

    The URL is built exactly as musicbrainzngs builds it (sorted arguments, ``fmt``).
    """
    pool: ConnectionPool | None = getattr(_state, "pool", None)
    if (pool is None or method != "GET" or data or body or client_required
            or auth_required != _mbz.AUTH_NO):
        return _ORIGINAL_REQUEST(path, method, auth_required, client_required, args, data, body)
    query = dict(args or {})
    if _mbz.ws_format != "xml":
        query["fmt"] = _mbz.ws_format
    url = urlunsplit(("https" if _mbz.https else "http", _mbz.hostname, f"/ws/2/{path}",
                      urlencode(sorted(query.items())), ""))
    raw = fetch(pool, url, {"User-Agent": _mbz._useragent, "Accept": "application/json"},
                getattr(_state, "timeout", 15.0), getattr(_state, "gate", None))
    return _mbz.parser_fun(raw)


# musicbrainzngs wraps its request function in a lock (one request at a time, even with
# its own rate limit off): keep the undecorated function for the requests we delegate.
_ORIGINAL_REQUEST = getattr(_mbz._mb_request, "fun", _mbz._mb_request)


def _parse_json(body: bytes | str) -> Any:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        value = json.loads(text)
    except ValueError:
        snippet = " ".join(text[:60].split())
        raise MalformedResponse(f"MusicBrainz answered with non-JSON ({snippet!r}...)") from None
    return value


def parse_user_agent(ua: str) -> tuple[str, str, str | None]:
    """"App/1.2 ( contact )" -> ("App", "1.2", "contact") for musicbrainzngs.set_useragent."""
    m = re.match(r"^\s*([^/\s]+)/(\S+)\s*(?:\(\s*(.*?)\s*\))?\s*$", ua)
    if not m:
        raise ConfigError(
            f"data_sources.musicbrainz.user_agent {ua!r} must look like 'App/1.0 ( contact )'"
        )
    return m.group(1), m.group(2), m.group(3) or None


def lucene_phrase(text: str) -> str:
    return '"' + _LUCENE_PHRASE_ESCAPE.sub(r"\\\1", text) + '"'


def recording_query(artist: str, song: str) -> str:
    """A fielded Lucene query: ``recording:"song" AND artist:"artist"``."""
    return f"recording:{lucene_phrase(song)} AND artist:{lucene_phrase(artist)}"


_configured_for: tuple[str, ...] | None = None
_configure_lock = threading.Lock()


def configure_musicbrainzngs(cfg: MusicBrainzConfig) -> None:
    """Point the (process-global) musicbrainzngs at our server, UA, format and reader."""
    global _configured_for
    key = (cfg.base_url, cfg.user_agent)
    with _configure_lock:
        if _configured_for == key:
            return
        url = urlparse(cfg.base_url)
        if not url.hostname:
            raise ConfigError(f"data_sources.musicbrainz.base_url {cfg.base_url!r} has no host")
        app, version, contact = parse_user_agent(cfg.user_agent)
        musicbrainzngs.set_useragent(app, version, contact)
        musicbrainzngs.set_hostname(url.netloc, use_https=url.scheme == "https")
        musicbrainzngs.set_rate_limit(False)  # our IntervalLimiter paces requests
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "json format is non-official"
            musicbrainzngs.set_format("json")
        musicbrainzngs.set_parser(_parse_json)
        _mbz._mb_request = _mb_request
        _configured_for = key


class MusicBrainzClient:
    """Async recording search: pacing, retries and stats around musicbrainzngs."""

    def __init__(self, cfg: MusicBrainzConfig, stats: Stats,
                 limiter: IntervalLimiter | None = None, threads: int = 8) -> None:
        self.cfg = cfg
        self.stats = stats
        self.limiter = limiter or IntervalLimiter(cfg.requests_per_second)
        self.gate = SendGate(cfg.requests_per_second)
        # Our own threads: a shared default pool (6 threads on 2 cores) would queue calls.
        self._threads = ThreadPoolExecutor(max_workers=max(1, threads),
                                           thread_name_prefix="musicbrainz")
        self.policy = RetryPolicy(max_retries=cfg.max_retries, base_delay=1.0, max_delay=60.0)
        self.pool = ConnectionPool(max_idle=max(1, threads))
        configure_musicbrainzngs(cfg)

    def _blocking_search(self, query: str, limit: int) -> Any:
        _state.timeout = self.cfg.timeout_seconds
        _state.gate = self.gate
        _state.pool = self.pool
        try:
            return musicbrainzngs.search_recordings(query=query, limit=limit)
        except HttpStatus as exc:
            if exc.status in (503, 502, 500, 504, 429):
                raise RetryableError(str(exc.status), f"MusicBrainz answered HTTP {exc.status}",
                                     parse_retry_after(exc.retry_after)) from None
            raise ServiceError(f"MusicBrainz answered HTTP {exc.status}") from None
        except musicbrainzngs.WebServiceError as exc:
            raise ServiceError(f"MusicBrainz request failed: {exc}") from None

    async def _attempt(self, query: str, limit: int) -> Any:
        waited = await self.limiter.acquire()
        self.stats.waited(SERVICE, waited)
        self.stats.inc(f"{SERVICE}/request")
        start = time.monotonic()
        try:
            result = await asyncio.get_running_loop().run_in_executor(
                self._threads, self._blocking_search, query, limit)
        except RetryableError as exc:
            self.stats.inc(f"{SERVICE}/error/{exc.reason}")
            if exc.retry_after is not None:
                self.limiter.pause_until(time.monotonic() + exc.retry_after)
            raise
        except MalformedResponse:
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise
        finally:
            self.stats.latency(SERVICE, time.monotonic() - start)
        if not isinstance(result, dict) or not isinstance(result.get("recordings", []), list):
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise MalformedResponse("MusicBrainz search answer has no 'recordings' list")
        self.stats.inc(f"{SERVICE}/response/ok")
        return result

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
        self.pool.close()

    async def search_recordings(self, query: str, limit: int = 10) -> dict[str, Any]:
        """Run one search; retries 5xx/timeouts (bounded); raises RetryableError when out."""

        def on_retry(exc: RetryableError, delay: float) -> None:
            self.stats.inc(f"{SERVICE}/retry/{exc.reason}")
            log.info("MusicBrainz %s; retrying in %.1f s", exc.reason, delay)

        return await call_with_retries(
            lambda: self._attempt(query, limit), self.policy, on_retry=on_retry
        )
