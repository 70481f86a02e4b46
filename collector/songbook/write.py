"""The songbook command's edge: read the store, build the model, write the file."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from collector.songbook.load import SongbookError, load_rows, open_read_only
from collector.songbook.model import Filters, Songbook, build_songbook

FORMATS = ("html", "pdf", "sqlite")
_SUFFIX = {"html": "html", "pdf": "pdf", "sqlite": "db"}


@dataclass(frozen=True, slots=True)
class SongbookRequest:
    db_path: str
    output: str | None = None
    fmt: str = "html"
    title: str = "Karaoke songbook"
    filters: Filters = Filters()


def default_output(fmt: str) -> str:
    return f"songbook.{_SUFFIX[fmt]}"


def write_songbook(req: SongbookRequest) -> tuple[Songbook, Path]:
    """Build the songbook from the catalog and write it (atomically): HTML, PDF or SQLite."""
    if req.fmt not in FORMATS:
        raise SongbookError(f"unknown songbook format {req.fmt!r} (html, pdf or sqlite)")
    conn = open_read_only(req.db_path)
    try:
        rows = load_rows(conn)
    finally:
        conn.close()
    book = build_songbook(rows, title=req.title, filters=req.filters)
    if req.filters.channels and not book.entries:
        raise SongbookError("no songs from channel(s) " + ", ".join(req.filters.channels))
    out = Path(req.output or default_output(req.fmt))
    if out.is_dir():
        raise SongbookError(f"{out}: is a directory")
    tmp = out.with_name(out.name + ".partial")
    try:
        if req.fmt == "html":
            from collector.songbook.html import render_html

            tmp.write_text(render_html(book), encoding="utf-8")
        elif req.fmt == "pdf":
            from collector.songbook.pdf import render_pdf

            tmp.write_bytes(render_pdf(book))
        else:
            from collector.songbook.sqlite_out import write_sqlite

            write_sqlite(book, tmp)
        tmp.replace(out)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise SongbookError(f"{out}: cannot write ({getattr(exc, 'strerror', None) or exc})"
                            ) from None
    return book, out
