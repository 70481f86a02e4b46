"""Merging the title parse and the lookups into one record (pure, deterministic).

Every merged field carries its value, the source it came from and that source's
confidence. Rules:

* Only lookups whose status is ``match`` (at or above their pass threshold) contribute;
  weak candidates are stored in their own tables and never promoted here.
* artist / song (the identity): the best matching lookup's canonical credit and title,
  marked confirmed; else the title parse, marked unconfirmed. The parse the lookups
  started from is kept beside it (``parsed_artist`` / ``parsed_song``).
* year: the earliest year among the contributing lookups. Both services are asked for
  the *original* year (MusicBrainz: first release of the original recording; Discogs:
  the master's year), so when they disagree the later one is almost always a reissue or
  compilation that slipped through. The disagreement is kept (``alternatives``) and the
  year's confidence is lowered by ``disagreement_penalty``.
* genres: MusicBrainz tags (the recording's, else its artists'), then Discogs genres,
  de-duplicated case-insensitively, in that stable order; each genre's origin (source
  and level) is kept in ``levels``; styles and label: from Discogs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from collector.models import ParseResult
from collector.parsing.normalise import fold

SOURCE_PRIORITY = ("musicbrainz", "discogs")  # ties and list order


@dataclass(frozen=True, slots=True)
class SourceEvidence:
    """What one lookup found, in the merger's terms."""

    source: str  # "musicbrainz" | "discogs"
    status: str  # "match" | "weak" | "no_match"
    confidence: float
    artist: str | None = None
    title: str | None = None
    year: int | None = None
    genres: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    label: str | None = None
    genre_level: str | None = None  # "recording", "release-group", "artist" (MusicBrainz)


@dataclass(frozen=True, slots=True)
class FieldValue:
    value: Any
    source: str
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "source": self.source,
                "confidence": round(self.confidence, 3)}


PARSE_SOURCE = "title_parse"


@dataclass(slots=True)
class MergedRecord:
    fields: dict[str, FieldValue] = field(default_factory=dict)
    year_alternatives: list[dict[str, Any]] = field(default_factory=list)
    parsed_artist: str | None = None
    parsed_song: str | None = None

    @property
    def identity_confirmed(self) -> bool:
        """Artist and song come from a lookup that matched (not from the parse)."""
        artist = self.fields.get("artist")
        return artist is not None and artist.source != PARSE_SOURCE
    genre_origins: list[str] = field(default_factory=list)  # per genre: "source/level"

    def value(self, name: str) -> Any:
        f = self.fields.get(name)
        return f.value if f else None

    def as_row(self) -> dict[str, Any]:
        year = self.fields.get("year")
        identity = self.fields.get("artist")
        fields = {k: v.as_dict() for k, v in self.fields.items()}
        if self.year_alternatives and "year" in fields:
            fields["year"]["alternatives"] = self.year_alternatives
        if self.genre_origins and "genres" in fields:
            fields["genres"]["levels"] = self.genre_origins
        return {
            "artist": self.value("artist"),
            "song": self.value("song"),
            "year": self.value("year"),
            "year_source": year.source if year else None,
            "year_confidence": round(year.confidence, 3) if year else None,
            "genres": self.value("genres") or [],
            "styles": self.value("styles") or [],
            "label": self.value("label"),
            "fields": fields,
            "parsed_artist": self.parsed_artist,
            "parsed_song": self.parsed_song,
            "identity_source": identity.source if identity else None,
            "identity_confidence": round(identity.confidence, 3) if identity else None,
            "identity_confirmed": int(self.identity_confirmed),
        }


class DataTransformer:
    """:param disagreement_penalty: confidence taken off a year the sources disagree on."""

    def __init__(self, disagreement_penalty: float = 0.15) -> None:
        self.disagreement_penalty = disagreement_penalty

    def merge_metadata_sources(
        self, parse: ParseResult | None, evidence: list[SourceEvidence]
    ) -> MergedRecord:
        rank = {s: i for i, s in enumerate(SOURCE_PRIORITY)}
        matches = sorted(
            (e for e in evidence if e.status == "match"),
            key=lambda e: (rank.get(e.source, 99), -e.confidence),
        )
        merged = MergedRecord(parsed_artist=parse.artist if parse else None,
                              parsed_song=parse.song if parse else None)
        best = max(matches, key=lambda e: (e.confidence, -rank.get(e.source, 99)), default=None)
        if best and best.artist and best.title:
            merged.fields["artist"] = FieldValue(best.artist, best.source, best.confidence)
            merged.fields["song"] = FieldValue(best.title, best.source, best.confidence)
        elif parse and parse.artist and parse.song:
            merged.fields["artist"] = FieldValue(parse.artist, PARSE_SOURCE, parse.confidence)
            merged.fields["song"] = FieldValue(parse.song, PARSE_SOURCE, parse.confidence)
        self._merge_year(merged, matches)
        genres = self._union([(g, e) for e in matches for g in e.genres])
        if genres:
            merged.fields["genres"] = genres
            merged.genre_origins = [self._origin(g, matches) for g in genres.value]
        styles = self._union([(s, e) for e in matches for s in e.styles])
        if styles:
            merged.fields["styles"] = styles
        label = next((e for e in matches if e.label), None)
        if label:
            merged.fields["label"] = FieldValue(label.label, label.source, label.confidence)
        return merged

    def _merge_year(self, merged: MergedRecord, matches: list[SourceEvidence]) -> None:
        dated = [e for e in matches if e.year]
        if not dated:
            return
        earliest = min(dated, key=lambda e: (e.year, -e.confidence))
        others = [e for e in dated if e.year != earliest.year]
        confidence = earliest.confidence
        if others:
            confidence = max(0.0, confidence - self.disagreement_penalty)
            merged.year_alternatives = [
                {"value": e.year, "source": e.source, "confidence": round(e.confidence, 3)}
                for e in others
            ]
        merged.fields["year"] = FieldValue(earliest.year, earliest.source, confidence)

    @staticmethod
    def _origin(genre: str, matches: list[SourceEvidence]) -> str:
        """Where a merged genre came from: "musicbrainz/artist", "discogs", ..."""
        key = fold(genre)
        e = next(e for e in matches if any(fold(g) == key for g in e.genres))
        return f"{e.source}/{e.genre_level}" if e.genre_level else e.source

    @staticmethod
    def _union(items: list[tuple[str, SourceEvidence]]) -> FieldValue | None:
        seen: set[str] = set()
        values: list[str] = []
        sources: list[str] = []
        confidences: list[float] = []
        for value, e in items:
            key = fold(value)
            if not key or key in seen:
                continue
            seen.add(key)
            values.append(value)
            if e.source not in sources:
                sources.append(e.source)
            confidences.append(e.confidence)
        if not values:
            return None
        return FieldValue(values, "+".join(sources), min(confidences))
