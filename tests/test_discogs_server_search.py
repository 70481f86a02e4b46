"""The local Discogs server's search matches whole words, as the real full-text search
does: "Song Number 1" does not find "Song Number 15" (a substring test did, and made
lookups fetch tracklists the real answer would not have asked for)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from tests.servers import discogs_catalog
from tests.servers.discogs import DiscogsServer
from tests.servers.runner import serve


def _titles(base: str, server: DiscogsServer, **params: str) -> list[str]:
    url = f"{base}/database/search?{urllib.parse.urlencode(params)}"
    req = urllib.request.Request(url, headers={"Authorization": f"Discogs token={server.token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return [r["title"] for r in json.loads(resp.read())["results"]]


def test_search_matches_whole_words_of_track_artist_and_query() -> None:
    catalog = [discogs_catalog.master(artist, album, 2000, tracks, genres=["Pop"],
                                      styles=["Ballad"], label="L")
               for artist, album, tracks in [
                   ("Bulk Artist 1", "Album 1", ["Song Number 1"]),
                   ("Bulk Artist 1", "Album 15", ["Song Number 15"]),
                   ("Macklemore & Ryan Lewis Featuring Mary Lambert", "The Heist",
                    ["Same Love (Duet)"]),
                   ("Tom Jones", "Delilah", ["Delilah"])]]
    server = DiscogsServer(catalog)
    with serve(server.app()) as base:
        assert _titles(base, server, artist="Bulk Artist 1", track="Song Number 1",
                       type="master") == ["Bulk Artist 1 - Album 1"]
        assert _titles(base, server, q="Delilah Tom") == ["Tom Jones - Delilah"]
        assert _titles(base, server, q="Tom Deli") == []
        # Every word of the track asked is in the track: "Same Love" is in "Same Love (Duet)".
        assert _titles(base, server, artist="Macklemore & Ryan Lewis", track="Same Love") == [
            "Macklemore & Ryan Lewis Featuring Mary Lambert - The Heist"]
        # A part of a word is not the word: "Jone" is not in "Tom Jones".
        assert _titles(base, server, artist="Jone", track="Delilah") == []
        assert _titles(base, server, artist="Tom Jones", track="Deli") == []
