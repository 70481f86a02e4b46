"""Failures the local servers cannot produce, injected with aioresponses.

A garbled answer (aiohttp's parser rejects the status line or a header: it raises
``ClientResponseError``) and a body cut short in a way our aiohttp server cannot send
(``ClientPayloadError`` after the headers) are raised in place of the request; every
request after them goes on to the real local fake server (``passthrough_unmatched``:
aioresponses 0.7.9 cannot build answer bodies for the aiohttp installed here, so it
only injects the failures).
"""

from __future__ import annotations

import re

import aiohttp
import pytest
from aioresponses import aioresponses
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from collector.config import DiscogsConfig, MusicBrainzConfig
from collector.secret import Secret
from collector.services.discogs_client import DiscogsClient
from collector.services.musicbrainz_client import MusicBrainzClient
from collector.services.retry import RetryableError, RetryPolicy
from collector.services.stats import Stats
from collector.utils import DiscogsRateLimiter
from tests.servers.discogs import DiscogsServer
from tests.servers.discogs_catalog import trap_catalog
from tests.servers.musicbrainz import MusicBrainzServer
from tests.servers.musicbrainz_catalog import trap_catalog as mb_traps
from tests.servers.runner import serve

TOKEN = "test-token-123"
FAST = RetryPolicy(max_retries=2, base_delay=0.01)


def garbled(url: str) -> aiohttp.ClientResponseError:
    """What aiohttp raises for an answer its HTTP parser rejects."""
    info = aiohttp.RequestInfo(URL(url), "GET", CIMultiDictProxy(CIMultiDict()), URL(url))
    return aiohttp.ClientResponseError(info, (), status=400, message="Invalid status line")


def cut_short() -> aiohttp.ClientPayloadError:
    return aiohttp.ClientPayloadError("Response payload is not completed: "
                                      "<ContentLengthError: 400, message='Not enough data'>")


@pytest.mark.parametrize("fault", ["garbled", "cut_short"])
async def test_discogs_retries_a_garbled_or_cut_answer(fault: str) -> None:
    server = DiscogsServer(trap_catalog())
    with serve(server.app()) as base:
        cfg = DiscogsConfig(base_url=base, token=Secret(TOKEN))
        stats = Stats()
        pattern = re.compile(re.escape(base) + r"/database/search.*")
        with aioresponses(passthrough_unmatched=True) as mocked:
            mocked.get(pattern, exception=garbled(base) if fault == "garbled" else cut_short())
            async with DiscogsClient(cfg, stats, DiscogsRateLimiter(600, 10)) as client:
                client.policy = FAST
                data = await client.search(artist="Toto", track="Africa", type="master")
    assert data["results"] and data["results"][0]["title"].startswith("Toto")
    assert server.requests == 1  # the injected failure, then the real answer
    assert stats.get("discogs/retry/network") == 1


async def test_discogs_gives_up_after_its_retries_with_a_retryable_error() -> None:
    server = DiscogsServer(trap_catalog())
    with serve(server.app()) as base:
        cfg = DiscogsConfig(base_url=base, token=Secret(TOKEN))
        pattern = re.compile(re.escape(base) + r"/database/search.*")
        with aioresponses(passthrough_unmatched=True) as mocked:
            for _ in range(3):
                mocked.get(pattern, exception=garbled(base))
            async with DiscogsClient(cfg, Stats(), DiscogsRateLimiter(600, 10)) as client:
                client.policy = FAST
                with pytest.raises(RetryableError) as caught:
                    await client.search(artist="Toto", track="Africa")
    assert caught.value.reason == "network" and server.requests == 0
    assert TOKEN not in str(caught.value)


async def test_musicbrainz_retries_a_garbled_answer() -> None:
    server = MusicBrainzServer(mb_traps(), min_interval=0.0)
    with serve(server.app()) as base:
        cfg = MusicBrainzConfig(base_url=base, requests_per_second=0)
        stats = Stats()
        with aioresponses(passthrough_unmatched=True) as mocked:
            mocked.get(re.compile(re.escape(base) + r"/ws/2/recording.*"),
                       exception=garbled(base))
            async with MusicBrainzClient(cfg, stats) as client:
                client.policy = FAST
                data = await client.search_recordings(
                    'recording:"Bohemian Rhapsody" AND artist:"Queen"')
    assert any(r["title"] == "Bohemian Rhapsody" for r in data["recordings"])
    assert server.requests == 1 and stats.get("musicbrainz/retry/network") == 1


def test_the_stand_ins_are_what_aiohttp_raises() -> None:
    """The stand-ins' classes as aiohttp defines them: a garbled answer is not a
    connection error (the case the client missed), a cut body is a client error."""
    assert issubclass(aiohttp.ClientResponseError, aiohttp.ClientError)
    assert not issubclass(aiohttp.ClientResponseError, aiohttp.ClientConnectionError)
    assert issubclass(aiohttp.ClientPayloadError, aiohttp.ClientError)
