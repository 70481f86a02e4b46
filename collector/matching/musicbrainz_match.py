"""Choosing the MusicBrainz recording and the song's original year (pure, no I/O).

Like beets' autotag: candidates are parsed into records, each is scored against the
wanted (artist, song) with named weights and named penalties, and the decision (match,
weak, none) is made apart from the score with thresholds passed in.

Original year: among the candidates that are the same song by the same artist (close to
the best score, none of the karaoke/live/remix/instrumental penalties), the earliest
``first-release-date``: the original studio recording, not the compilation, the
reissue, the live album or the karaoke release. A cover named in the title is matched
by its performer, so its year is that performer's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from collector.matching.similarity import artist_similarity, has_word, title_similarity
from collector.parsing.normalise import fold
from collector.vocabulary import KARAOKE_CREDITS

KARAOKE_WORDS = frozenset({"karaoke", "karaoké", "karafun", "singalong", "backing"})
_LIVE = frozenset({"live"})
_REMIX = frozenset({"remix", "rmx", "mix"})
_INSTRUMENTAL = frozenset({"instrumental", "inst"})


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Similarity weights (a weighted mean) and penalties (deducted), in one place."""

    artist: float = 3.0
    title: float = 3.0
    service_score: float = 1.0
    karaoke: float = 0.6
    instrumental: float = 0.3
    live: float = 0.25
    remix: float = 0.25
    cover: float = 0.2  # the recording says it is a cover
    compilation_only: float = 0.05  # only ever released on compilations
    various_artists: float = 0.1
    remaster: float = 0.03
    radio_edit: float = 0.03


@dataclass(frozen=True, slots=True)
class MatchThresholds:
    match: float = 0.6  # at or above: a match that contributes to the merged record
    weak: float = 0.4  # at or above: stored as a weak candidate, never promoted
    same_song_window: float = 0.12  # candidates this close to the best are the same song
    same_artist: float = 0.85  # artist similarity for the original-year candidates


class Recommendation(StrEnum):
    MATCH = "match"
    WEAK = "weak"
    NONE = "no_match"


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    id: str
    title: str
    date: str | None
    status: str | None
    primary_type: str | None
    secondary_types: tuple[str, ...]
    artist_credit: str
    release_group_id: str = ""


@dataclass(frozen=True, slots=True)
class RecordingCandidate:
    id: str
    title: str
    artist_credit: str
    artist_ids: tuple[str, ...]
    score: int
    first_release_date: str | None
    length_ms: int | None
    isrcs: tuple[str, ...]
    tags: tuple[tuple[str, int], ...]
    disambiguation: str
    releases: tuple[ReleaseInfo, ...]


@dataclass(slots=True)
class ScoredCandidate:
    candidate: RecordingCandidate
    confidence: float
    artist_sim: float
    title_sim: float
    penalties: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class MusicBrainzMatch:
    status: Recommendation
    confidence: float
    chosen: ScoredCandidate | None
    date: str | None = None
    year: int | None = None
    genres: list[str] = field(default_factory=list)
    considered: int = 0

    def explain(self) -> dict[str, Any]:
        c = self.chosen
        return {
            "status": self.status.value,
            "confidence": round(self.confidence, 3),
            "penalties": dict(c.penalties) if c else {},
            "considered": self.considered,
        }


# ------------------------------------------------------------------ parsing candidates


def _credit(ac: Any) -> tuple[str, tuple[str, ...]]:
    if not isinstance(ac, list):
        return "", ()
    text, ids = "", []
    for part in ac:
        if isinstance(part, str):
            text += part
            continue
        if not isinstance(part, dict):
            continue
        artist = part.get("artist") if isinstance(part.get("artist"), dict) else {}
        text += str(part.get("name") or artist.get("name") or "")
        text += str(part.get("joinphrase") or "")
        if artist.get("id"):
            ids.append(str(artist["id"]))
    return text, tuple(ids)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def candidates_from_search(data: Any) -> list[RecordingCandidate]:
    """Recordings of a ws/2 JSON recording search; malformed entries are skipped."""
    out: list[RecordingCandidate] = []
    recordings = data.get("recordings") if isinstance(data, dict) else None
    for rec in recordings if isinstance(recordings, list) else []:
        if not isinstance(rec, dict) or not _str(rec.get("id")) or not _str(rec.get("title")):
            continue
        credit, ids = _credit(rec.get("artist-credit"))
        releases = []
        for rel in rec.get("releases") or []:
            if not isinstance(rel, dict):
                continue
            rg = rel.get("release-group") if isinstance(rel.get("release-group"), dict) else {}
            secondary = rg.get("secondary-types") if isinstance(rg.get("secondary-types"),
                                                                list) else []
            rel_credit, _ = _credit(rel.get("artist-credit"))
            releases.append(ReleaseInfo(
                id=str(rel.get("id") or ""), title=str(rel.get("title") or ""),
                date=_str(rel.get("date")), status=_str(rel.get("status")),
                primary_type=_str(rg.get("primary-type")),
                secondary_types=tuple(str(s) for s in secondary),
                artist_credit=rel_credit, release_group_id=str(rg.get("id") or ""),
            ))
        tags = []
        for t in rec.get("tags") or []:
            if isinstance(t, dict) and _str(t.get("name")):
                count = t.get("count")
                tags.append((str(t["name"]), int(count) if isinstance(count, int) else 0))
        score = rec.get("score")
        length = rec.get("length")
        out.append(RecordingCandidate(
            id=str(rec["id"]), title=str(rec["title"]), artist_credit=credit, artist_ids=ids,
            score=int(score) if isinstance(score, int | float) and not isinstance(score, bool)
            else int(score) if isinstance(score, str) and score.isdigit() else 0,
            first_release_date=_str(rec.get("first-release-date")),
            length_ms=int(length) if isinstance(length, int) else None,
            isrcs=tuple(str(i) for i in rec.get("isrcs") or [] if isinstance(i, str)),
            tags=tuple(tags), disambiguation=str(rec.get("disambiguation") or ""),
            releases=tuple(releases),
        ))
    return out


# ------------------------------------------------------------------ scoring


def _is_karaoke_credit(credit: str) -> bool:
    folded = fold(credit)
    return has_word(credit, KARAOKE_WORDS) or any(k in folded for k in KARAOKE_CREDITS)


def penalties_for(cand: RecordingCandidate, song: str, w: MatchWeights) -> dict[str, float]:
    """Named penalties that apply to ``cand`` (only those the wanted song does not share)."""
    text = f"{cand.title} {cand.disambiguation}"
    wanted = fold(song)
    found: dict[str, float] = {}
    if (has_word(text, KARAOKE_WORDS) or _is_karaoke_credit(cand.artist_credit)
            or (cand.releases and all(_is_karaoke_credit(r.artist_credit) or
                                      has_word(r.title, KARAOKE_WORDS) for r in cand.releases))):
        found["karaoke"] = w.karaoke
    if has_word(text, _INSTRUMENTAL) and "instrumental" not in wanted:
        found["instrumental"] = w.instrumental
    all_secondary = [set(r.secondary_types) for r in cand.releases]
    if (has_word(text, _LIVE) and "live" not in wanted) or (
            all_secondary and all("Live" in s for s in all_secondary)):
        found["live"] = w.live
    if (has_word(text, _REMIX) and "remix" not in wanted and "mix" not in wanted.split()) or (
            all_secondary and all("Remix" in s for s in all_secondary)):
        found["remix"] = w.remix
    if "cover" in fold(cand.disambiguation).split():
        found["cover"] = w.cover
    if all_secondary and all("Compilation" in s for s in all_secondary):
        found["compilation_only"] = w.compilation_only
        if all(fold(r.artist_credit) == "various artists" for r in cand.releases):
            found["various_artists"] = w.various_artists
    if "remaster" in fold(text):
        found["remaster"] = w.remaster
    if "radio edit" in fold(text) and "radio" not in wanted:
        found["radio_edit"] = w.radio_edit
    return found


def score_candidate(
    artist: str, song: str, cand: RecordingCandidate, w: MatchWeights
) -> ScoredCandidate:
    a_sim = artist_similarity(artist, cand.artist_credit)
    t_sim = title_similarity(song, cand.title)
    s_sim = max(0.0, min(1.0, cand.score / 100.0))
    base = (w.artist * a_sim + w.title * t_sim + w.service_score * s_sim) / (
        w.artist + w.title + w.service_score)
    penalties = penalties_for(cand, song, w)
    confidence = max(0.0, min(1.0, base - sum(penalties.values())))
    # A wrong artist or a different song cannot be rescued by the other fields.
    if a_sim < 0.6 or t_sim < 0.6:
        confidence = min(confidence, 0.39)
    return ScoredCandidate(cand, round(confidence, 4), a_sim, t_sim, penalties)


def _date_of(c: RecordingCandidate) -> str | None:
    if c.first_release_date:
        return c.first_release_date
    dates = [r.date for r in c.releases if r.date and r.status in (None, "Official")]
    return min(dates) if dates else None


def year_of(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        year = int(date[:4])
        return year if 1800 <= year <= 2100 else None
    return None


def original_release_group(c: RecordingCandidate) -> str | None:
    """The release group of the recording's original release: the earliest official one
    that is no compilation, live or remix album (else the earliest of any)."""
    def plain(r: ReleaseInfo) -> bool:
        return r.status in (None, "Official") and not (
            {"Compilation", "Live", "Remix"} & set(r.secondary_types))

    groups = [r for r in c.releases if r.release_group_id]
    best = sorted((r for r in groups if plain(r)), key=lambda r: r.date or "9999") or \
        sorted(groups, key=lambda r: r.date or "9999")
    return best[0].release_group_id if best else None


_ORIGINAL_DISQUALIFIERS = frozenset({"karaoke", "live", "remix", "instrumental", "cover"})


def choose(
    artist: str,
    song: str,
    candidates: list[RecordingCandidate],
    w: MatchWeights = MatchWeights(),
    t: MatchThresholds = MatchThresholds(),
) -> MusicBrainzMatch:
    """Score every candidate and pick the original recording (see module docstring)."""
    scored = sorted((score_candidate(artist, song, c, w) for c in candidates),
                    key=lambda s: (-s.confidence, s.candidate.id))
    if not scored or scored[0].confidence < t.weak:
        best = scored[0] if scored else None
        return MusicBrainzMatch(Recommendation.NONE, best.confidence if best else 0.0, None,
                                considered=len(scored))
    best = scored[0]
    originals = [
        s for s in scored
        if s.confidence >= max(t.weak, best.confidence - t.same_song_window)
        and s.artist_sim >= t.same_artist
        and not (_ORIGINAL_DISQUALIFIERS & s.penalties.keys())
        and _date_of(s.candidate)
    ]
    chosen = best
    if originals:
        chosen = min(originals, key=lambda s: (_date_of(s.candidate) or "9999", -s.confidence))
    # The decision is the best candidate's: the original chosen for its date is the same
    # song by the same artist, so it must not demote a good match to weak.
    status = Recommendation.MATCH if best.confidence >= t.match else Recommendation.WEAK
    date = _date_of(chosen.candidate)
    genres = [name for name, count in sorted(chosen.candidate.tags, key=lambda x: (-x[1], x[0]))
              if count > 0]
    return MusicBrainzMatch(status, best.confidence, chosen, date, year_of(date), genres,
                            considered=len(scored))
