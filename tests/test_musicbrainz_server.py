"""The local ws/2 server reads Lucene queries as the real search does."""

from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest

from tests.servers.lucene_query import QuerySyntaxError, analyse, parse
from tests.servers.musicbrainz import MusicBrainzServer
from tests.servers.musicbrainz_catalog import credit, mbid, recording, release, trap_catalog
from tests.servers.runner import serve


def titles(answer: dict) -> list[tuple[str, str]]:
    return [(r["title"], r["artist-credit"][0]["name"]) for r in answer["recordings"]]


@pytest.fixture(scope="module")
def server() -> MusicBrainzServer:
    extra = [
        recording("Highway to Hell", "AC/DC", "1979-07-27",
                  [release("Highway to Hell", "1979-07-27", "AC/DC")]),
        recording("Hell", "Squirrel Nut Zippers", "1996-01-01",
                  [release("Hot", "1996-01-01", "Squirrel Nut Zippers")]),
        recording('The "Heroes" Song', "Someone", "1990-01-01", []),
        recording("Café del Mar", "Energy 52", "1993-01-01", []),
    ]
    return MusicBrainzServer(trap_catalog() + extra, min_interval=0.0)


def test_a_phrase_matches_consecutive_tokens_only(server) -> None:
    assert titles(server.evaluate('recording:"to hell"')) == [("Highway to Hell", "AC/DC")]
    assert server.evaluate('recording:"hell to"')["count"] == 0
    # A term is a token, not a substring.
    assert server.evaluate("recording:hel")["count"] == 0


def test_and_or_and_parentheses(server) -> None:
    q = ('(recording:"Hotel California" AND artist:"Eagles") OR '
         '(recording:"Help!" AND artist:"Beatles")')
    got = titles(server.evaluate(q))
    assert sorted(set(got)) == [("Help!", "The Beatles"), ("Hotel California", "Eagles")]
    assert server.evaluate(q)["count"] == 3  # two Hotel California recordings, one Help!
    # AND needs both sides: another artist's recording of the title is not returned.
    assert server.evaluate('recording:"Hallelujah" AND artist:"Jeff Buckley"')["count"] == 1
    assert server.evaluate('recording:"Hallelujah" OR artist:"Jeff Buckley"')["count"] == 2
    # Juxtaposition is OR (the default operator), AND binds tighter than OR.
    assert server.evaluate('recording:Hell recording:Help')["count"] == 3
    assert server.evaluate('recording:Hell OR recording:Highway AND artist:Nobody')[
        "count"] == 2


def test_not(server) -> None:
    got = titles(server.evaluate('recording:"Hallelujah" AND NOT artist:"Leonard Cohen"'))
    assert got == [("Hallelujah", "Jeff Buckley")]
    assert titles(server.evaluate('recording:Hallelujah -artist:Buckley')) == [
        ("Hallelujah", "Leonard Cohen")]


@pytest.mark.parametrize("query", [
    r'artist:AC\/DC AND recording:Highway',
    r'artist:"AC\/DC" AND recording:"Highway to Hell"',
    r'recording:"The \"Heroes\" Song"',
    r'recording:The\ \"Heroes\"\ Song',
])
def test_escapes(server, query) -> None:
    assert server.evaluate(query)["count"] == 1


@pytest.mark.parametrize("query", [
    'recording:"unterminated', "recording:(Help", "recording:Help)", "AC/DC", "a && ",
    "artist:AC:DC", "", "!",
])
def test_syntax_errors(query) -> None:
    with pytest.raises(QuerySyntaxError):
        parse(query)


def test_arid_field_group(server) -> None:
    eagles, cohen = mbid("artist", "Eagles"), mbid("artist", "Leonard Cohen")
    got = titles(server.evaluate(f"arid:({eagles} OR {cohen})"))
    assert sorted(got) == [("Hallelujah", "Leonard Cohen"), ("Hotel California", "Eagles"),
                           ("Hotel California", "Eagles")]
    assert credit("Eagles")[0]["artist"]["id"] == eagles


def test_scores_count_offset_and_limit_cap() -> None:
    recs = [recording("Same Title", f"Artist {i}", "2000-01-01", [], key=str(i))
            for i in range(130)]
    recs.append(recording("Same Title Extended Mix", "Artist 0", "2000-01-01", [], key="x"))
    server = MusicBrainzServer(recs, min_interval=0.0)
    first = server.evaluate('recording:"Same Title"', limit=500)
    assert first["count"] == 131 and first["offset"] == 0
    assert len(first["recordings"]) == 100  # capped at 100
    assert first["recordings"][0]["score"] == 100
    assert first["recordings"][0]["title"] == "Same Title"
    rest = server.evaluate('recording:"Same Title"', limit=100, offset=100)
    assert rest["offset"] == 100 and len(rest["recordings"]) == 31
    assert rest["recordings"][-1]["title"] == "Same Title Extended Mix"
    assert rest["recordings"][-1]["score"] < 100


def test_its_own_analyser() -> None:
    assert analyse("Café  del Mar") == ["cafe", "del", "mar"]
    assert analyse("Mumford & Sons") == ["mumford", "and", "sons"]
    assert analyse("AC/DC") == ["ac", "dc"]
    assert analyse("Official髭男dism") == ["official髭男dism"]
    # The server never borrows the collector's normalisation (a bug there would hide).
    servers = Path(__file__).parent / "servers"
    for path in [*servers.glob("musicbrainz*.py"), servers / "lucene_query.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
                     for a in n.names]
        assert not [m for m in imported if m and m.startswith("collector")], path


async def test_http_answers_400_for_bad_syntax_and_414_for_long_urls(server) -> None:
    server.max_url = 300
    headers = {"User-Agent": "Test/1.0 ( test )"}
    try:
        with serve(server.app()) as base:
            async with aiohttp.ClientSession(headers=headers) as session:
                url = f"{base}/ws/2/recording/?" + urlencode({"query": "artist:(x", "fmt": "json"})
                async with session.get(url) as resp:
                    assert resp.status == 400
                long = " OR ".join(f'recording:"Song {i}"' for i in range(30))
                url = f"{base}/ws/2/recording/?" + urlencode({"query": long, "fmt": "json"})
                async with session.get(url) as resp:
                    assert resp.status == 414
                url = f"{base}/ws/2/recording/?" + urlencode(
                    {"query": 'recording:"Help!"', "fmt": "json", "limit": "1"})
                async with session.get(url) as resp:
                    body = await resp.json()
                    assert resp.status == 200 and body["count"] == 1
    finally:
        server.max_url = 4096
