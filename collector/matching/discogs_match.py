"""Scoring Discogs search results and choosing the original year (pure, no I/O).

A search result's ``title`` is "Artist - Release title", not the track: a result is a
match only when the song is found in the master's (or release's) tracklist. Penalties:
"Various" compilations, karaoke labels and releases (Sing King, Sunfly, Zoom, Stingray,
Party Tyme, KaraFun...), compilation formats, and soundtracks only when "soundtrack" is a
word ("Ghost" is not "OST"). A master gets a small bonus (it groups all versions and
carries the original year).

A structured ``artist`` + ``track`` master search already says the track is on each master
it returns (Discogs matched the track field in its tracklist), and each master result
carries the master's year, genres, styles and label. :func:`answered_by_search` takes such
a result without fetching its tracklist only when nothing is left for the tracklist to
decide: one master of that artist, no penalties, and a title that is not a variant of the
song's ("The Unforgiven II" for "The Unforgiven", "Song 12" for "Song 1"); or, among
several of the artist, the one master named after the song when it ranks first.

Original year: the master's ``year``; else the earliest year among the matching releases
of that artist that are not compilations or karaoke releases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from collector.matching.similarity import (
    artist_similarity,
    has_word,
    name_key,
    ratio,
    title_key,
)
from collector.parsing.featured import split_artist_credit
from collector.parsing.normalise import fold
from collector.parsing.tags import version_tags
from collector.vocabulary import KARAOKE_LABELS

_SOUNDTRACK_WORDS = frozenset({"soundtrack", "ost", "soundtracks"})
_KARAOKE_WORDS = frozenset({"karaoke", "karaoké", "singalong", "instrumental", "backing"})
# Version tags naming a qualifier a track's own title may carry ("Fallin' (Radio Version)",
# "Jackson (Duet)"); karaoke production tags (karaoke, hd, lyrics, no_lead_vocal, key...)
# never are.
TRACK_QUALIFIERS = frozenset({"acoustic", "duet", "live", "radio_edit", "remix", "piano"})
_GROUP = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")


@dataclass(frozen=True, slots=True)
class DiscogsWeights:
    artist: float = 3.0
    track: float = 3.0
    various: float = 0.35
    karaoke: float = 0.6
    compilation: float = 0.15
    soundtrack: float = 0.1
    master_bonus: float = 0.05
    # Track similarity credited to a master that a structured track search returned and
    # whose tracklist was not fetched (Discogs matched the track; the spelling is unseen).
    search_track: float = 0.95


@dataclass(frozen=True, slots=True)
class DiscogsThresholds:
    match: float = 0.6
    weak: float = 0.4
    track_present: float = 0.92  # track title similarity that counts as "in the tracklist"
    artist_present: float = 0.8  # before a tracklist is worth fetching
    artist_sure: float = 0.95  # a search result taken without its tracklist


@dataclass(frozen=True, slots=True)
class SearchResult:
    id: int
    type: str  # "master" | "release"
    master_id: int | None
    artist: str
    release_title: str
    year: int | None
    genres: tuple[str, ...]
    styles: tuple[str, ...]
    labels: tuple[str, ...]
    formats: tuple[str, ...]
    country: str | None
    have: int | None
    want: int | None
    uri: str | None


@dataclass(slots=True)
class ScoredResult:
    result: SearchResult
    confidence: float
    artist_sim: float
    track_sim: float | None  # None: tracklist not checked
    penalties: dict[str, float] = field(default_factory=dict)
    year: int | None = None
    year_source: str | None = None
    verified_by: str = "tracklist"  # or "search": the track search's own match, unfetched


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value if isinstance(v, str | int)) if isinstance(
        value, list) else ()


def split_search_title(title: str, asked: str | None = None) -> tuple[str, str]:
    """"Artist - Release title" -> (artist, release title).

    An artist name may hold " - " itself (Discogs' "Diddy - Dirty Money"): given the
    artist ``asked`` for, the split whose artist part is most like it is taken (the first
    one on a tie, and without ``asked``).
    """
    parts = title.split(" - ")
    if len(parts) < 2:
        return "", title.strip()
    splits = [(" - ".join(parts[:i]).strip(), " - ".join(parts[i:]).strip())
              for i in range(1, len(parts))]
    if asked is None or len(splits) == 1:
        return splits[0]
    return max(splits, key=lambda s: (credit_similarity(asked, s[0]), -len(s[0])))


def credit_similarity(asked: str, found: str) -> float:
    """Similarity of the artist asked for and a Discogs credit.

    Joint and featured credits: "Macklemore & Ryan Lewis" is the main act of "Macklemore &
    Ryan Lewis Featuring Mary Lambert" (Discogs joins a release's artists with their join
    words, "Featuring" among them), counted 0.97 like any primary-artist match; a
    featured artist alone is not the act ("Mary Lambert" is not that credit's artist).
    A trailing version group is no part of the name (:func:`artist_without_version`).
    """
    best = artist_similarity(asked, found)
    if best < 1.0 and (artist_without_version(asked), artist_without_version(found)) != (
            asked, found):  # "Rent" is the act of a credit "Rent (Broadway Version)"
        best = max(best, artist_similarity(artist_without_version(asked),
                                           artist_without_version(found)))
    if best < 1.0:
        asked_primary, found_primary = (split_artist_credit(asked)[1],
                                        split_artist_credit(found)[1])
        if (asked_primary, found_primary) != (asked, found):
            best = max(best, artist_similarity(asked_primary, found_primary) * 0.97)
    return best


def results_from_search(data: Any, asked: str | None = None) -> list[SearchResult]:
    """Results of a /database/search answer; malformed ones are skipped.

    ``asked``: the artist searched for, to split titles whose artist holds " - ".
    """
    out = []
    results = data.get("results") if isinstance(data, dict) else None
    for r in results if isinstance(results, list) else []:
        if not isinstance(r, dict) or _int(r.get("id")) is None:
            continue
        if r.get("type") not in ("master", "release"):
            continue
        artist, release_title = split_search_title(str(r.get("title") or ""), asked)
        community = r.get("community") if isinstance(r.get("community"), dict) else {}
        year = _int(r.get("year"))
        out.append(SearchResult(
            id=int(r["id"]), type=str(r["type"]),
            master_id=_int(r.get("master_id")) or None, artist=artist,
            release_title=release_title, year=year if year else None,
            genres=_strs(r.get("genre")), styles=_strs(r.get("style")),
            labels=_strs(r.get("label")), formats=_strs(r.get("format")),
            country=str(r["country"]) if isinstance(r.get("country"), str) else None,
            have=_int(community.get("have")), want=_int(community.get("want")),
            uri=str(r["uri"]) if isinstance(r.get("uri"), str) else None,
        ))
    return out


_RESULT_FIELDS = ("id", "type", "master_id", "title", "year", "genre", "style", "label",
                  "format", "country", "uri")
_ENTITY_FIELDS = ("id", "title", "year", "genres", "styles", "main_release")


def slim_search(data: dict[str, Any]) -> dict[str, Any]:
    """The parts of a search answer that matching reads (what the cache keeps).

    A real answer carries thumbnails, barcodes and more per result; a 50,000-video
    catalog would store gigabytes of them.
    """
    results = data.get("results")
    out = []
    for r in results if isinstance(results, list) else []:
        if isinstance(r, dict):
            slim = {k: r[k] for k in _RESULT_FIELDS if k in r}
            community = r.get("community")
            if isinstance(community, dict):
                slim["community"] = {k: community.get(k) for k in ("have", "want")}
            out.append(slim)
    return {"results": out}


def slim_entity(entity: dict[str, Any] | None) -> dict[str, Any] | None:
    """The parts of a master or release that matching and storing read."""
    if entity is None:
        return None
    slim = {k: entity[k] for k in _ENTITY_FIELDS if k in entity}
    tracks = entity.get("tracklist")
    if isinstance(tracks, list):
        slim["tracklist"] = [
            {"title": t.get("title")} | (
                {"sub_tracks": [{"title": sub.get("title")} for sub in t["sub_tracks"]
                                if isinstance(sub, dict)]}
                if isinstance(t.get("sub_tracks"), list) else {})
            for t in tracks if isinstance(t, dict)
        ]
    return slim


def tracklist_titles(entity: Any) -> list[str]:
    """Track titles of a master or release (headings and index tracks included as text)."""
    if not isinstance(entity, dict) or not isinstance(entity.get("tracklist"), list):
        return []
    titles = []
    for t in entity["tracklist"]:
        if isinstance(t, dict) and isinstance(t.get("title"), str):
            titles.append(t["title"])
            for sub in t.get("sub_tracks") or []:
                if isinstance(sub, dict) and isinstance(sub.get("title"), str):
                    titles.append(sub["title"])
    return titles


_NAME_NUMBER = re.compile(r"\s*\(\d+\)(?=\s|$|[,&/])")
_NAME_VARIATION = re.compile(r"(?<=\S)\*(?=\s|$|[,&/])")


def clean_artist_name(name: str) -> str:
    """Discogs' name markers removed: ``Nirvana (2)`` -> ``Nirvana``, ``Prince*`` -> ``Prince``.

    ``(n)`` tells apart artists of the same name; ``*`` marks a name variation (ANV).
    """
    return " ".join(_NAME_VARIATION.sub("", _NAME_NUMBER.sub("", name)).split())


def qualifiers_in_groups(text: str) -> frozenset[str]:
    """Track qualifiers named in the parenthesised or bracketed groups of ``text``:
    "Jackson (Duet)" -> duet; "Piano Man (Karaoke with Lyrics)" -> none (the word of the
    song's own name is no qualifier), "... karaoke video duet" -> none (no group)."""
    return frozenset(tag for group in _GROUP.findall(text) for tag in version_tags(group)
                     if tag in TRACK_QUALIFIERS)


def _unqualified(title: str) -> str:
    """A track title without a "(Duet)" group: "Jackson (Duet)" is "Jackson" sung by two.

    Version groups ("(Live)", "(Radio Version)", "(Acoustic)") are title_key's; a remix is
    another recording (its master may carry a later year), so it stays a difference.
    """
    stripped = _GROUP.sub(
        lambda m: "" if qualifiers_in_groups(m.group(0)) == {"duet"} else m.group(0),
        title).strip()
    return stripped or title


def _track_sim(song: str, track: str) -> float:
    key = title_key(song)
    return max(ratio(key, title_key(track)), ratio(fold(song), fold(track)),
               ratio(key, title_key(_unqualified(track))))


_ARTIST_VERSION = re.compile(
    r"\s*[(\[][^()\[\]]*\b(?:version|karaoke|instrumental|remaster(?:ed)?)\b[^()\[\]]*[)\]]\s*$",
    re.IGNORECASE)


def artist_without_version(artist: str) -> str:
    """The artist without a trailing version group the parse left on it: "Hair (Broadway
    Version)" is asked for as "Hair" (no Discogs credit carries such a group; the
    tracklist still has to hold the song). "Nirvana (UK)" stays as it is."""
    return _ARTIST_VERSION.sub("", artist).strip() or artist


def matched_track(song: str, tracks: list[str]) -> str | None:
    """The tracklist title that ``song`` matches best (the track's own spelling)."""
    if not tracks:
        return None
    return max(tracks, key=lambda t: _track_sim(song, t))


def track_similarity(song: str, tracks: list[str]) -> float:
    """How well ``song`` matches its best track; a qualifier group the track's title
    carries and the song (the parse took it off) does not is no difference."""
    return max((_track_sim(song, t) for t in tracks), default=0.0)


def penalties_for(r: SearchResult, w: DiscogsWeights) -> dict[str, float]:
    found: dict[str, float] = {}
    if name_key(r.artist) in ("various", "various artists"):
        found["various"] = w.various
    labels = " ".join(fold(label) for label in r.labels)
    if any(k in labels for k in KARAOKE_LABELS) or has_word(r.release_title, _KARAOKE_WORDS):
        found["karaoke"] = w.karaoke
    if any(fold(f) == "compilation" for f in r.formats):
        found["compilation"] = w.compilation
    if has_word(r.release_title, _SOUNDTRACK_WORDS) or any(
            fold(s) == "soundtrack" for s in r.styles):
        found["soundtrack"] = w.soundtrack
    return found


def score_result(
    artist: str, song: str, r: SearchResult, tracks: list[str] | None,
    w: DiscogsWeights = DiscogsWeights(), t: DiscogsThresholds = DiscogsThresholds(),
) -> ScoredResult:
    """Score one result; ``tracks`` is its master/release tracklist once fetched."""
    a_sim = credit_similarity(artist, clean_artist_name(r.artist))  # "Nirvana (2)" is Nirvana
    penalties = penalties_for(r, w)
    if tracks is None:
        # Before the tracklist: how promising is it? (Not a match yet.)
        t_guess = max(ratio(title_key(song), title_key(r.release_title)), 0.5)
        base = (w.artist * a_sim + w.track * t_guess) / (w.artist + w.track)
        return ScoredResult(r, round(max(0.0, base - sum(penalties.values())), 4), a_sim, None,
                            penalties)
    t_sim = track_similarity(song, tracks)
    base = (w.artist * a_sim + w.track * t_sim) / (w.artist + w.track)
    bonus = w.master_bonus if r.type == "master" or r.master_id else 0.0
    confidence = max(0.0, min(1.0, base + bonus - sum(penalties.values())))
    if t_sim < t.track_present or a_sim < 0.6:
        confidence = min(confidence, t.weak - 0.01)  # not in the tracklist: never a match
    return ScoredResult(r, round(confidence, 4), a_sim, t_sim, penalties)


def _variant_of(song: str, release_title: str) -> bool:
    """The release title is another version of the song's title: not the same, but one's
    words (numbers aside) hold the other's ("The Unforgiven II", "Song 12", "Hello Nasty").
    """
    s, r = title_key(song), title_key(release_title)
    if s == r:
        return False
    sw = {w for w in s.split() if not w.isdigit()}
    rw = {w for w in r.split() if not w.isdigit()}
    if not sw or not rw:  # a title of numbers only: "1999" vs "2000" (not "Hello" vs "25")
        return not sw and not rw
    return sw <= rw or rw <= sw


def answered_by_search(
    artist: str, song: str, results: list[SearchResult],
    w: DiscogsWeights = DiscogsWeights(), t: DiscogsThresholds = DiscogsThresholds(),
) -> ScoredResult | None:
    """The master a structured ``artist`` + ``track`` search identifies the song with, or
    None when its tracklist must decide (see the module docstring).

    ``results`` is the whole answer. With several results of the artist (an album and a
    single, "Song" and "Song 2") only a master named after the song is taken, when it is
    the only one of that name and the one whose tracklist would be fetched first (the best
    pre-score): the choice the tracklists would make, one request sooner.
    """
    close = [r for r in results
             if credit_similarity(artist, clean_artist_name(r.artist)) >= t.artist_present]
    if not close:
        return None
    if len(close) == 1:
        r = close[0]
        if _variant_of(song, r.release_title):
            return None
    else:
        named = [c for c in close if title_key(c.release_title) == title_key(song)]
        first = min(close, key=lambda c: (
            -score_result(artist, song, c, None, w, t).confidence, c.id))
        if len(named) != 1 or named[0] is not first:
            return None
        r = first
    a_sim = credit_similarity(artist, clean_artist_name(r.artist))
    if r.type != "master" or not r.year or a_sim < t.artist_sure or penalties_for(r, w):
        return None
    base = (w.artist * a_sim + w.track * w.search_track) / (w.artist + w.track)
    return ScoredResult(r, round(min(1.0, base + w.master_bonus), 4), a_sim, w.search_track,
                        {}, verified_by="search")


def original_year(
    chosen: ScoredResult, master: dict[str, Any] | None, others: list[ScoredResult]
) -> tuple[int | None, str | None]:
    """(year, source) for the chosen result; see the module docstring."""
    master_year = _int(master.get("year")) if isinstance(master, dict) else None
    if master is None and chosen.verified_by == "search" and chosen.result.type == "master":
        master_year = chosen.result.year  # a master result's year is the master's
    if master_year:
        return master_year, "discogs:master"
    candidates = [
        s.result.year for s in [chosen, *others]
        if s.result.year and s.artist_sim >= 0.85 and (s.track_sim or 0) >= 0.92
        and not ({"karaoke", "compilation", "various"} & s.penalties.keys())
    ]
    if candidates:
        return min(candidates), "discogs:earliest_release"
    return None, None
