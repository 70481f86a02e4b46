"""Channels whose titles put the song first, and catalogs that know their songs.

Two sources of songs: made-up names (``invented``: no lexicon of real artists knows them,
and the bands are named with words songs use ("Midnight Letters") while the songs sound like
band names ("Velvet Harbor"), so the parser's word model leans the wrong way and its first
guess for many "Song - Artist" titles is wrong, which the lookups must correct) and the real
artist/song pairs of the labelled Stingray titles (``e2e_catalog``). ``mixed_titles``
writes one song in one of several title forms real channels use.
"""

from __future__ import annotations

from tests.servers import discogs_catalog, e2e_catalog, musicbrainz_catalog

_FIRST = ("Velvet", "Copper", "Silent", "Amber", "Paper", "Hollow", "Crimson", "Electric",
          "Golden", "Northern", "Wild", "Broken")
_SECOND = ("Harbor", "Lantern", "Meadow", "Engine", "Orchard", "Signal", "Rivers", "Parade",
           "Compass", "Willow", "Static", "Canyon")
_SONG = ("Midnight", "Summer", "Falling", "Runaway", "Secret", "Dancing", "Highway", "Paper",
         "Silver", "Lonely", "Burning", "Endless")
_SONG2 = ("Letters", "Skyline", "Heartbeat", "Shadows", "Promises", "Weather", "Window",
          "Mirror", "Stories", "Balloon", "Fever", "Morning")


def invented(n: int) -> list[tuple[str, str]]:
    """n distinct (artist, song) pairs of invented names; every artist appears once."""
    out = []
    for i in range(n):
        artist = f"{_SONG[i % 12]} {_SONG2[(i // 12 + i) % 12]}"
        if i >= 144:
            artist += f" {i}"
        song = f"{_FIRST[(i * 5) % 12]} {_SECOND[(i * 7 + i // 12) % 12]}"
        out.append((artist, song))
    return out


def real(n: int) -> list[tuple[str, str]]:
    """n distinct real (artist, song) pairs from the labelled titles (numbered past 200)."""
    return [(artist, song) for _, artist, song in e2e_catalog.channel(n)]


FORMS = (
    "{song} - {artist} (Karaoke Version)",
    "{artist} - {song} (Karaoke Version)",
    "Karaoke {song} - {artist} *",
    "{song} (in the style of {artist})",
    "{song} | {artist} | Karaoke Version",
)


def mixed_titles(songs: list[tuple[str, str]]) -> list[str]:
    """Each song in the next title form of :data:`FORMS`, in turn."""
    return [FORMS[i % len(FORMS)].format(artist=a, song=s) for i, (a, s) in enumerate(songs)]


def discogs_name(artist: str) -> str:
    """How Discogs prints the artist: about a third with a ``(2)``, some with a ``*``.

    One artist, one Discogs name (as on Discogs, where ``(2)`` tells apart namesakes).
    """
    h = e2e_catalog._h(f"discogs|{artist}")
    if h % 3 == 0:
        return f"{artist} (2)"
    if h % 5 == 0:
        return f"{artist}*"
    return artist


def musicbrainz(songs: list[tuple[str, str]], share: float = 1.0) -> list[dict]:
    """Recordings for ``share`` of the songs (the first ones), with their original year."""
    recs = []
    for artist, song in songs[: round(len(songs) * share)]:
        year = e2e_catalog.year_of(artist, song)
        recs.append(musicbrainz_catalog.recording(
            song, artist, f"{year}-05-01",
            [musicbrainz_catalog.release(f"{song} (single)", f"{year}-05-01", artist,
                                         "Single")],
            tags=[("pop", 3)], key="identity"))
    return recs


def discogs(songs: list[tuple[str, str]]) -> list[dict]:
    """A master per song; artist names carry Discogs' markers (see :func:`discogs_name`)."""
    return [discogs_catalog.master(discogs_name(artist), f"{song} (Album)",
                                   e2e_catalog.year_of(artist, song), [song, "B-side"],
                                   genres=["Pop"], styles=["Ballad"], label="Some Records")
            for artist, song in songs]
