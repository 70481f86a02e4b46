"""The store's read-only reports: per-channel counts and the export rows.

A mixin of :class:`collector.db_optimized.Store`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from collector.store_base import StoreBase


class ReportStore(StoreBase):
    # ------------------------------------------------------------------ reporting

    def stats(self) -> dict[str, Any]:
        """Counts per channel with parse and enrichment coverage."""
        per_channel = []
        for row in self.conn.execute(
            """SELECT c.channel_id, c.name, COUNT(v.video_id) AS videos,
                      SUM(v.artist IS NOT NULL AND v.song IS NOT NULL) AS parsed,
                      SUM(v.enrichment_status = 'complete') AS complete,
                      SUM(v.enrichment_status = 'pending') AS pending,
                      SUM(v.enrichment_status = 'skipped') AS skipped,
                      SUM(v.enrichment_status = 'failed') AS failed,
                      SUM(m.year IS NOT NULL) AS with_year
               FROM channels c LEFT JOIN videos v ON v.channel_id = c.channel_id
               LEFT JOIN merged_metadata m ON m.video_id = v.video_id
               GROUP BY c.channel_id ORDER BY c.name"""
        ):
            per_channel.append({k: row[k] if row[k] is not None else 0 for k in row.keys()})  # noqa: SIM118 (sqlite3.Row)
        totals = {
            key: sum(int(c[key]) for c in per_channel)
            for key in ("videos", "parsed", "complete", "pending", "skipped", "failed", "with_year")
        }
        orphan = self.conn.execute(
            "SELECT COUNT(*) FROM videos WHERE channel_id IS NULL"
        ).fetchone()[0]
        totals["videos"] += orphan
        return {"channels": per_channel, "totals": totals}

    def iter_export(self) -> Iterator[sqlite3.Row]:
        yield from self.conn.execute(
            """SELECT v.video_id, v.title, c.name AS channel, v.channel_id, v.url, v.upload_date,
                      COALESCE(m.artist, v.artist) AS artist, COALESCE(m.song, v.song) AS song,
                      -- the parse the lookups started from (else the stored parse)
                      CASE WHEN m.parsed_artist IS NOT NULL OR m.parsed_song IS NOT NULL
                           THEN m.parsed_artist ELSE v.artist END AS parsed_artist,
                      CASE WHEN m.parsed_artist IS NOT NULL OR m.parsed_song IS NOT NULL
                           THEN m.parsed_song ELSE v.song END AS parsed_song,
                      m.identity_source, m.identity_confidence, m.identity_confirmed,
                      v.featured_artists, v.version_tags, v.parse_confidence,
                      m.year, m.year_source, m.year_confidence, m.genres, m.styles, m.label,
                      m.fields, mb.recording_mbid, mb.confidence AS musicbrainz_confidence,
                      d.master_id AS discogs_master_id, d.release_id AS discogs_release_id,
                      d.confidence AS discogs_confidence, v.enrichment_status
               FROM videos v
               LEFT JOIN channels c ON c.channel_id = v.channel_id
               LEFT JOIN merged_metadata m ON m.video_id = v.video_id
               LEFT JOIN musicbrainz_data mb ON mb.video_id = v.video_id
               LEFT JOIN discogs_data d ON d.video_id = v.video_id
               ORDER BY v.channel_id, v.video_id"""
        )
