"""The songbook model: one entry per song with its versions (pure: no I/O).

A song is keyed by its confirmed identity (the MusicBrainz recording, else the Discogs
master or release of a non-weak match), else by its normalised artist and title. An
unconfirmed video whose normalised artist and title belong to exactly one confirmed song
joins that song as an unconfirmed version.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from collector.songbook.language import UNKNOWN, Language, identify
from collector.songbook.load import CatalogRow

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DROPPED = re.compile(r"['’`.]")     # "Don't" = "Dont", "S.O.S." = "SOS"
_LEADING_THE = re.compile(r"^the ")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Beyoncé' and 'BEYONCE' fold alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("ø", "o").replace("ł", "l").replace("ß", "ss")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Normalised name for grouping: folded, punctuation-free, no leading 'the'."""
    words = _NON_WORD.sub(" ", _DROPPED.sub("", fold(text))).replace("_", " ")
    return _LEADING_THE.sub("", " ".join(words.split()))


@dataclass(frozen=True, slots=True)
class Filters:
    """Which videos the songbook holds."""

    channels: tuple[str, ...] = ()      # channel names or ids (case-insensitive); empty: all
    min_confidence: float = 0.0         # versions below are left out


@dataclass(frozen=True, slots=True)
class Version:
    video_id: str
    channel: str
    url: str
    tags: tuple[str, ...]
    views: int | None
    confirmed: bool
    confidence: float


@dataclass(slots=True)
class SongEntry:
    key: str
    artist: str
    song: str
    confirmed: bool
    year: int | None = None
    genres: tuple[str, ...] = ()
    language: Language = UNKNOWN
    duet: bool = False
    versions: list[Version] = field(default_factory=list)

    @property
    def decade(self) -> int | None:
        return self.year // 10 * 10 if self.year else None

    @property
    def views(self) -> int:
        return sum(v.views or 0 for v in self.versions)

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(sorted({v.channel for v in self.versions}))


@dataclass(frozen=True, slots=True)
class Coverage:
    songs: int
    versions: int
    artists: int
    channels: int
    confirmed: int
    with_year: int
    with_genre: int
    with_language: int
    language_sources: dict[str, int]
    per_decade: dict[int, int]
    per_genre: dict[str, int]
    per_channel: dict[str, int]
    per_language: dict[str, int]


@dataclass(frozen=True, slots=True)
class Songbook:
    title: str
    entries: list[SongEntry]
    coverage: Coverage


def is_confirmed(row: CatalogRow) -> bool:
    """A lookup matched (not weakly) and named the recording or master/release."""
    mb = row.musicbrainz_status == "match" and bool(row.recording_mbid)
    dg = row.discogs_status == "match" and bool(row.discogs_master_id or row.discogs_release_id)
    return mb or dg


def identity_key(row: CatalogRow) -> str | None:
    """The confirmed identity's key, or None for an unconfirmed video."""
    if row.musicbrainz_status == "match" and row.recording_mbid:
        return f"mb:{row.recording_mbid}"
    if row.discogs_status == "match":
        if row.discogs_master_id:
            return f"dm:{row.discogs_master_id}"
        if row.discogs_release_id:
            return f"dr:{row.discogs_release_id}"
    return None


def _names(row: CatalogRow, confirmed: bool) -> tuple[str, str] | None:
    if confirmed and row.merged_artist and row.merged_song:
        return row.merged_artist, row.merged_song
    if row.artist and row.song:
        return row.artist, row.song
    if row.merged_artist and row.merged_song:
        return row.merged_artist, row.merged_song
    return None


def _confidence(row: CatalogRow, confirmed: bool) -> float:
    if confirmed:
        values = [c for c, s in ((row.musicbrainz_confidence, row.musicbrainz_status),
                                 (row.discogs_confidence, row.discogs_status))
                  if c is not None and s == "match"]
        return max(values) if values else 1.0
    return row.parse_confidence or 0.0


def _wanted(row: CatalogRow, channels: set[str]) -> bool:
    return (not channels or row.channel.casefold() in channels
            or row.channel_id.casefold() in channels)


def build_songbook(rows: Iterable[CatalogRow], *, title: str = "Karaoke songbook",
                   filters: Filters = Filters(),
                   identify_language: Callable[[str, str | None], Language] | None = None,
                   ) -> Songbook:
    """Group the videos into songs, sorted by artist then title."""
    ident = identify_language or (lambda song, mb: identify(song, mb))
    channels = {c.casefold() for c in filters.channels}
    picked: list[tuple[CatalogRow, bool, str, str, str]] = []
    confirmed_by_name: dict[str, set[str]] = {}
    for row in rows:
        if not _wanted(row, channels):
            continue
        confirmed = is_confirmed(row)
        names = _names(row, confirmed)
        if names is None:
            continue
        if _confidence(row, confirmed) < filters.min_confidence:
            continue
        nkey = f"n:{name_key(names[0])}|{name_key(names[1])}"
        key = identity_key(row) or nkey
        if confirmed:
            confirmed_by_name.setdefault(nkey, set()).add(key)
            if row.artist and row.song:   # the parse's names point here too
                parsed = f"n:{name_key(row.artist)}|{name_key(row.song)}"
                confirmed_by_name.setdefault(parsed, set()).add(key)
        picked.append((row, confirmed, key, *names))

    entries: dict[str, SongEntry] = {}
    mb_language: dict[str, str] = {}
    for row, confirmed, key, artist, song in picked:
        if not confirmed:
            owners = confirmed_by_name.get(key)
            if owners and len(owners) == 1:
                key = next(iter(owners))
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = SongEntry(key=key, artist=artist, song=song,
                                             confirmed=key[:2] in ("mb", "dm", "dr"))
        if confirmed and not any(v.confirmed for v in entry.versions):
            entry.artist, entry.song = artist, song   # the lookup's names over a parse's
        if row.year and (entry.year is None or row.year < entry.year):
            entry.year = row.year
        if row.genres and not entry.genres:
            entry.genres = row.genres
        if row.language and key not in mb_language:
            mb_language[key] = row.language
        if "duet" in row.version_tags:
            entry.duet = True
        entry.versions.append(Version(
            video_id=row.video_id, channel=row.channel, url=row.url, tags=row.version_tags,
            views=row.view_count, confirmed=confirmed,
            confidence=round(_confidence(row, confirmed), 3)))
    for entry in entries.values():
        entry.language = ident(entry.song, mb_language.get(entry.key))
        entry.versions.sort(key=lambda v: (-(v.views or 0), v.channel, v.video_id))
    ordered = sorted(entries.values(), key=lambda e: (name_key(e.artist), name_key(e.song), e.key))
    return Songbook(title=title, entries=ordered, coverage=coverage(ordered))


def coverage(entries: Sequence[SongEntry]) -> Coverage:
    """Counts for the coverage page and the title page."""
    per_decade: Counter[int] = Counter()
    per_genre: Counter[str] = Counter()
    per_channel: Counter[str] = Counter()
    per_language: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    versions = 0
    artists: set[str] = set()
    for e in entries:
        versions += len(e.versions)
        artists.add(name_key(e.artist))
        if e.decade is not None:
            per_decade[e.decade] += 1
        per_genre.update(e.genres)
        per_channel.update(e.channels)
        if e.language.code:
            per_language[e.language.code] += 1
        sources[e.language.source] += 1
    return Coverage(
        songs=len(entries), versions=versions, artists=len(artists),
        channels=len(per_channel),
        confirmed=sum(e.confirmed for e in entries),
        with_year=sum(e.year is not None for e in entries),
        with_genre=sum(bool(e.genres) for e in entries),
        with_language=sum(e.language.code is not None for e in entries),
        language_sources=dict(sources.most_common()),
        per_decade=dict(sorted(per_decade.items())),
        per_genre=dict(per_genre.most_common()),
        per_channel=dict(per_channel.most_common()),
        per_language=dict(per_language.most_common()),
    )
