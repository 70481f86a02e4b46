"""karaoke-collector: YouTube karaoke channels into an enriched SQLite song catalog."""

__version__ = "2.1.0"
