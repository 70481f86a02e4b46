"""Export the catalog as CSV, JSON or JSON Lines: one row per video, streamed."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable
from typing import IO, Any

EXPORT_FIELDS = (
    "video_id", "title", "channel", "channel_id", "url", "upload_date", "artist", "song",
    "parsed_artist", "parsed_song", "identity_source", "identity_confidence",
    "identity_confirmed", "featured_artists", "version_tags", "parse_confidence", "year",
    "year_source", "year_confidence", "genres", "styles", "label", "confidence",
    "musicbrainz_recording_id", "discogs_master_id", "discogs_release_id",
    "enrichment_status",
)
_LIST_FIELDS = ("featured_artists", "version_tags", "genres", "styles")
FORMATS = ("csv", "json", "jsonl")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with ``'`` (CSV only)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_record(row: sqlite3.Row) -> dict[str, Any]:
    """One export row; list fields decoded from their JSON columns."""
    rec: dict[str, Any] = {}
    keys = row.keys()
    for f in EXPORT_FIELDS:
        if f == "musicbrainz_recording_id":
            rec[f] = row["recording_mbid"]
        elif f == "confidence":
            # The merged record's confidence: its year's, else the best lookup's.
            values = [row[k] for k in ("year_confidence", "musicbrainz_confidence",
                                       "discogs_confidence") if row[k] is not None]
            rec[f] = values[0] if values else None
        elif f in ("identity_source", "identity_confidence", "identity_confirmed") and (
                row["identity_source"] is None):
            # Not looked up (yet): the identity is the parse, unconfirmed.
            has_parse = row["parsed_artist"] is not None
            rec[f] = {"identity_source": "title_parse" if has_parse else None,
                      "identity_confidence": row["parse_confidence"] if has_parse else None,
                      "identity_confirmed": False}[f]
        elif f == "identity_confirmed":
            rec[f] = bool(row[f])
        elif f in _LIST_FIELDS:
            raw = row[f] if f in keys else None
            try:
                value = json.loads(raw) if raw else []
            except ValueError:
                value = []
            rec[f] = value if isinstance(value, list) else []
        else:
            rec[f] = row[f] if f in keys else None
    return rec


def write_export(rows: Iterable[sqlite3.Row], fmt: str, out: IO[str]) -> int:
    """Write every row to ``out``; returns the number written."""
    count = 0
    if fmt == "csv":
        # RFC 4180 line ends: a cell holding a CR or LF is then quoted (with "\n" a lone CR
        # inside a title went out unquoted and split the row).
        writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            rec = export_record(row)
            for f in _LIST_FIELDS:
                rec[f] = "; ".join(str(v) for v in rec[f])
            writer.writerow({k: csv_safe(v) for k, v in rec.items()})
            count += 1
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(export_record(row), ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("," if count else "") + "\n  ")
            out.write(json.dumps(export_record(row), ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return count
