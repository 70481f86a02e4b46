"""The songbook: one entry per song with its versions, as HTML or PDF."""

from collector.songbook.load import CatalogRow, SongbookError, load_rows, open_read_only
from collector.songbook.model import Filters, Songbook, SongEntry, Version, build_songbook

__all__ = ["CatalogRow", "Filters", "SongEntry", "Songbook", "SongbookError", "Version",
           "build_songbook", "load_rows", "open_read_only"]
