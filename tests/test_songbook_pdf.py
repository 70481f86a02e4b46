"""The PDF book, read back with a PDF text extractor (pypdf)."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date

from pypdf import PdfReader

from collector.songbook.model import build_songbook
from collector.songbook.pdf import render_pdf
from tests.test_songbook_model import BASE


def rows(n: int) -> list:
    out = []
    for i in range(n):
        artist = ["Đàm Vĩnh Hưng", "Beyoncé", "Queen", "Ariana Grande feat. Nathan Sykes"][i % 4]
        out.append(dataclasses.replace(
            BASE, video_id=f"v{i:05d}", artist=artist, song=f"Bài hát số {i:04d}",
            channel="Karaoke VN" if i % 2 else "KaraFun",
            musicbrainz_status="match" if i % 3 else None,
            recording_mbid=f"mb{i}" if i % 3 else None, year=1980 + i % 40 if i % 3 else None,
            version_tags=("duet",) if i == 7 else ()))
    return out


def read(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() for page in reader.pages]


def test_title_page_entries_index_and_page_numbers() -> None:
    book = build_songbook(rows(600), title="Quán Karaoke Hà Nội")
    pages = read(render_pdf(book, generated=date(2026, 5, 17)))
    assert len(pages) >= 4
    title = pages[0]
    assert "Quán Karaoke Hà Nội" in title and "Made 2026-05-17" in title
    assert "600 songs" in title and "600 versions" in title and "4 artists" in title
    assert "Karaoke VN: 300 songs" in title and "400 songs confirmed" in title
    for i, text in enumerate(pages, 1):
        assert f"Page {i} of {len(pages)}" in text
    body = "\n".join(pages[1:])
    # Grouped by artist: the heading, then its songs with year, unconfirmed mark and duet.
    assert "Đàm Vĩnh Hưng" in body and "Bài hát số 0004 · 1984" in body
    assert "Bài hát số 0000 °" in body and "Bài hát số 0007 · 1987 · duet" in body
    # The title index names the page that lists the song under its artist.
    index_pages = [i for i, t in enumerate(pages, 1) if "Title index" in t]
    assert index_pages and all(i > 2 for i in index_pages)
    m = re.search(r"Bài hát số 0122 — Queen\s*(\d+)", "\n".join(
        pages[i - 1] for i in index_pages))
    assert m, "index entry missing"
    listed_on = int(m.group(1))
    assert "Bài hát số 0122" in pages[listed_on - 1]
    assert "Songs by artist" in pages[listed_on - 1]


def test_three_columns_per_page() -> None:
    book = build_songbook(rows(400), title="Cols")
    reader = PdfReader(io.BytesIO(render_pdf(book)))
    xs: set[int] = set()

    def visit(text: str, cm: list, tm: list, font: object, size: object) -> None:
        if text.strip().startswith("Bài hát"):
            xs.add(round(tm[4]))

    reader.pages[1].extract_text(visitor_text=visit)
    starts = sorted(xs)
    assert len(starts) == 3 and starts[1] - starts[0] > 50


def test_songs_in_scripts_the_font_lacks_are_left_out_and_counted() -> None:
    songs = [("周杰倫", "晴天"), ("아이유", "좋은 날"), ("Đàm Vĩnh Hưng", "Xin Lỗi Tình Yêu"),
             ("Тату", "Я сошла с ума"), ("Μαρινέλλα", "Άνοιξε πέτρα")]
    book = build_songbook([dataclasses.replace(BASE, video_id=f"v{i}", artist=a, song=s)
                           for i, (a, s) in enumerate(songs)])
    pages = read(render_pdf(book))
    assert "2 songs whose names use scripts" in pages[0]
    body = "\n".join(pages[1:])
    for artist, song in songs[2:]:
        assert artist in body and song in body
    assert "晴天" not in body and "좋은" not in body
    assert not any(line.strip() in ("°", "") for line in body.splitlines()
                   if not line.startswith("Page"))
