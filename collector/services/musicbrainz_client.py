"""MusicBrainz ws/2 client: musicbrainzngs builds the request, aiohttp sends it.

Format choice: **JSON** (``musicbrainzngs.set_format("json")``). musicbrainzngs' XML
parser drops a recording's ``first-release-date`` and returns the score as a string; the
ws/2 JSON search response carries ``first-release-date`` (the recording's earliest
release), an integer ``score``, ISRCs, tags and every release with its release group's
primary and secondary types, which is all the original-year logic needs: one search
request answers several songs (see :mod:`collector.passes.musicbrainz_batcher`).

Transport: musicbrainzngs is a blocking library that opens a new connection per request,
retries 502/503 itself up to 8 times with fixed sleeps, ignores Retry-After, sets no
socket timeout and serialises requests behind a lock. We keep what it does well (the
search fields, Lucene escaping, the URL and the User-Agent) and replace its request
function with one that returns the prepared request instead of sending it. The client
sends it on the event loop with one aiohttp session (kept-alive connections, our
timeout, one attempt); the retry layer (:mod:`collector.services.retry`) and the pacing
layer (:mod:`collector.services.pacing`) decide what happens next. No threads: ~16
blocking worker threads cost more CPU in GIL hand-offs than the requests themselves.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import warnings
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlparse, urlunsplit

import aiohttp
import musicbrainzngs
import musicbrainzngs.musicbrainz as _mbz

from collector.config import MusicBrainzConfig
from collector.errors import ConfigError, MalformedResponse, ServiceError
from collector.matching.musicbrainz_batch import Reading
from collector.redaction import body_snippet
from collector.services.pacing import IntervalLimiter
from collector.services.retry import (
    RetryableError,
    RetryPolicy,
    call_with_retries,
    parse_retry_after,
)
from collector.services.session import SessionClient
from collector.services.stats import Stats

log = logging.getLogger("collector.musicbrainz")
SERVICE = "musicbrainz"
_RETRYABLE = (429, 500, 502, 503, 504)


@dataclass(frozen=True, slots=True)
class PreparedRequest:
    """A GET musicbrainzngs built and did not send."""

    url: str
    headers: dict[str, str]


def _prepare_request(path: str, method: str = "GET", auth_required: int = _mbz.AUTH_NO,
                     client_required: bool = False, args: dict[str, Any] | None = None,
                     data: Any = None, body: Any = None) -> Any:
    """musicbrainzngs' request function, returning the request instead of sending it.

    The URL is built exactly as musicbrainzngs builds it (sorted arguments, ``fmt``).
    Anything but an unauthenticated GET goes to musicbrainzngs' own function.
    """
    if method != "GET" or data or body or client_required or auth_required != _mbz.AUTH_NO:
        return _ORIGINAL_REQUEST(path, method, auth_required, client_required, args, data, body)
    query = dict(args or {})
    if _mbz.ws_format != "xml":
        query["fmt"] = _mbz.ws_format
    url = urlunsplit(("https" if _mbz.https else "http", _mbz.hostname, f"/ws/2/{path}",
                      urlencode(sorted(query.items())), ""))
    return PreparedRequest(url, {"User-Agent": _mbz._useragent, "Accept": "application/json"})


# musicbrainzngs wraps its request function in a lock; the undecorated one is enough for
# the requests we hand back to it.
_ORIGINAL_REQUEST = getattr(_mbz._mb_request, "fun", _mbz._mb_request)


def _parse_json(body: bytes | str) -> Any:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        value = json.loads(text)
    except ValueError:
        snippet = body_snippet(text.encode("utf-8", "replace"))
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


def recording_query(artist: str, song: str) -> str:
    """A fielded Lucene query: ``recording:"song" AND artist:"artist"`` (every Lucene
    special character escaped)."""
    return Reading(artist, song).query


_configured_for: tuple[str, ...] | None = None
_configure_lock = threading.Lock()


def configure_musicbrainzngs(cfg: MusicBrainzConfig) -> None:
    """Point the (process-global) musicbrainzngs at our server, UA and format."""
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
        _mbz._mb_request = _prepare_request
        _configured_for = key


class MusicBrainzClient(SessionClient):
    """Async recording search: pacing, retries and stats around one aiohttp session."""

    service = SERVICE
    label = "MusicBrainz"

    def __init__(self, cfg: MusicBrainzConfig, stats: Stats,
                 limiter: IntervalLimiter | None = None) -> None:
        super().__init__(stats, cfg.timeout_seconds, cfg.base_url)
        self.cfg = cfg
        self.limiter = limiter or IntervalLimiter(cfg.requests_per_second)
        self.policy = RetryPolicy(max_retries=cfg.max_retries, base_delay=1.0, max_delay=60.0)
        configure_musicbrainzngs(cfg)

    async def _wait_turn(self) -> None:
        self.stats.waited(SERVICE, await self._waiting(self.limiter.acquire()))

    async def wait_turn(self) -> None:
        """Take the next paced slot now (a batcher fills its batch while it waits, then
        sends with ``turn_taken=True``)."""
        await self._wait_turn()

    async def _attempt(self, query: str, limit: int, turn: list[bool],
                       entity: str = "recording") -> Any:
        search = {"artist": musicbrainzngs.search_artists,
                  "release-group": musicbrainzngs.search_release_groups}.get(
            entity, musicbrainzngs.search_recordings)
        try:
            req = search(query=query, limit=limit)
        except musicbrainzngs.MusicBrainzError as exc:
            raise ServiceError(f"MusicBrainz request could not be built: {exc}") from None
        if not isinstance(req, PreparedRequest):  # someone re-configured musicbrainzngs
            raise ServiceError("musicbrainzngs is not configured for this client")
        self.reach.check()
        if turn:
            turn.clear()  # the caller's slot serves the first attempt; retries wait theirs
        else:
            await self._wait_turn()
        self.reach.check()  # declared down while this request waited
        self.stats.inc(f"{SERVICE}/request")
        self.limiter.sent()
        start = time.monotonic()
        try:
            async with self._get(req.url, headers=req.headers) as resp:
                self.reach.answered()
                status = resp.status
                if status in _RETRYABLE:
                    retry_after = parse_retry_after(resp.headers.get("Retry-After"))
                    if retry_after is not None:
                        self.limiter.pause_until(time.monotonic() + retry_after)
                    self.stats.inc(f"{SERVICE}/error/{status}")
                    raise RetryableError(str(status), f"MusicBrainz answered HTTP {status}",
                                         retry_after)
                if status >= 400:
                    raise ServiceError(f"MusicBrainz answered HTTP {status}")
                body = await resp.read()
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError,
                aiohttp.ClientResponseError) as exc:  # dropped, cut short or garbled
            self.stats.inc(f"{SERVICE}/error/network")
            raise RetryableError("network", self.reach.failed(exc)) from None
        except TimeoutError:
            self.stats.inc(f"{SERVICE}/error/timeout")
            raise RetryableError("timeout", f"no answer within {self.cfg.timeout_seconds:g} s") \
                from None
        finally:
            self.stats.latency(SERVICE, time.monotonic() - start)
        try:
            result = _parse_json(body)
        except MalformedResponse:
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise
        items = f"{entity}s"
        if not isinstance(result, dict) or not isinstance(result.get(items, []), list):
            self.stats.inc(f"{SERVICE}/error/malformed")
            raise MalformedResponse(f"MusicBrainz search answer has no '{items}' list")
        self.stats.inc(f"{SERVICE}/response/ok")
        return result

    async def search_recordings(self, query: str, limit: int = 10, *,
                                turn_taken: bool = False) -> dict[str, Any]:
        """Run one search; retries 5xx/timeouts (bounded); raises RetryableError when out.

        ``turn_taken``: the caller already took this request's slot (:meth:`wait_turn`).
        """
        turn = [True] if turn_taken else []

        def on_retry(exc: RetryableError, delay: float) -> None:
            self.stats.inc(f"{SERVICE}/retry/{exc.reason}")
            self._log_retry(exc, delay)

        return await call_with_retries(
            lambda: self._attempt(query, limit, turn), self.policy, on_retry=on_retry,
            sleep=self._pause,
        )

    async def search_tags(self, entity: str, query: str, limit: int = 100, *,
                          turn_taken: bool = False) -> dict[str, Any]:
        """An ``artist`` or ``release-group`` search (``arid:(...)``/``rgid:(...)`` for
        many entities' tags); as :meth:`search_recordings`."""
        turn = [True] if turn_taken else []

        def on_retry(exc: RetryableError, delay: float) -> None:
            self.stats.inc(f"{SERVICE}/retry/{exc.reason}")
            self._log_retry(exc, delay)

        return await call_with_retries(
            lambda: self._attempt(query, limit, turn, entity), self.policy,
            on_retry=on_retry, sleep=self._pause)
