"""The songbook as ONE self-contained HTML file: data as inline JSON, CSS, JS, SVG plots.

Nothing is requested from outside: a Content-Security-Policy meta tag allows only the
page's own script and style (by hash) and data: images, so even a stray URL cannot load.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date
from html import escape
from importlib import resources
from typing import Any

from collector.songbook.language import LANGUAGE_NAMES
from collector.songbook.model import Coverage, Songbook
from collector.songbook.svg import bar_chart, share_bar

_PLACEHOLDER = re.compile(r"\{\{([A-Z]+)\}\}")
_WATCH = "https://www.youtube.com/watch?v="
LANGUAGE_SOURCES = ("musicbrainz", "script", "langid", "unknown")
# Tags every karaoke video has, or that say nothing to a singer, are not shown.
_HIDDEN_TAGS = frozenset({"karaoke", "hd"})


def _asset(name: str) -> str:
    return resources.files("collector.songbook").joinpath("assets", name).read_text("utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


class _Table:
    """Strings stored once, referred to by index."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: str) -> int:
        i = self._index.get(value)
        if i is None:
            i = self._index[value] = len(self.values)
            self.values.append(value)
        return i


def pack(book: Songbook) -> dict[str, Any]:
    """The compact data the page's script reads (arrays, strings stored once)."""
    channels, genres, tags, langs = _Table(), _Table(), _Table(), _Table()
    songs = []
    for e in book.entries:
        versions = []
        for v in e.versions:
            # Only web links: a stored "javascript:" or odd URL becomes the video's page.
            web = v.url.startswith(("https://", "http://"))
            link = v.video_id if (v.url == _WATCH + v.video_id or not web) else v.url
            shown = [tags(t) for t in v.tags if t not in _HIDDEN_TAGS]
            versions.append([channels(v.channel), link, shown, v.views or 0, int(v.confirmed)])
        songs.append([
            e.artist, e.song, e.year or 0, [genres(g) for g in e.genres],
            langs(e.language.code) if e.language.code else -1,
            LANGUAGE_SOURCES.index(e.language.source), int(e.duet), int(e.confirmed),
            e.views, versions,
        ])
    return {
        "title": book.title, "channels": channels.values, "genres": genres.values,
        "tags": [t.replace("_", " ") for t in tags.values],
        "langs": [[c, LANGUAGE_NAMES.get(c, c)] for c in langs.values],
        "langSources": list(LANGUAGE_SOURCES), "watch": _WATCH, "songs": songs,
    }


def _json_for_script(data: Any) -> str:
    # "<" escaped so that no "</script>" (or "<!--") in a title can end the data block.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def coverage_html(cov: Coverage) -> str:
    """The coverage page: counts and inline-SVG plots."""
    decades = [(f"{d}s", n) for d, n in cov.per_decade.items()]
    genres = list(cov.per_genre.items())[:15]
    chans = list(cov.per_channel.items())[:20]
    langs = [(LANGUAGE_NAMES.get(c, c), n) for c, n in list(cov.per_language.items())[:15]]
    sources = [(s, n) for s, n in cov.language_sources.items()]
    return "".join([
        "<h2 id=\"coverage-heading\">Coverage</h2>",
        f"<p>{cov.songs:,} songs ({cov.versions:,} versions) by {cov.artists:,} artists "
        f"from {cov.channels:,} channels; {cov.confirmed:,} songs confirmed by a lookup.</p>",
        "<h3>Shares with a year, a confirmation, a genre, a language</h3>",
        share_bar("Songs with a year", cov.with_year, cov.songs),
        share_bar("Songs confirmed by MusicBrainz or Discogs", cov.confirmed, cov.songs),
        share_bar("Songs with a genre", cov.with_genre, cov.songs),
        share_bar("Songs with a language", cov.with_language, cov.songs),
        "<h3>Songs per decade</h3>", bar_chart("Songs per decade", decades),
        "<h3>Songs per genre (top 15)</h3>", bar_chart("Songs per genre", genres),
        "<h3>Songs per channel</h3>", bar_chart("Songs per channel", chans),
        "<h3>Songs per language</h3>", bar_chart("Songs per language", langs),
        "<h3>Where the language came from</h3>", bar_chart("Language source", sources),
    ])


def render_html(book: Songbook, *, generated: date | None = None) -> str:
    """The whole page as one string."""
    css, js = _asset("songbook.css"), _asset("songbook.js")
    csp = (f"default-src 'none'; script-src '{_sha256(js)}'; style-src '{_sha256(css)}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    cov = book.coverage
    day = (generated or date.today()).isoformat()
    values = {
        "CSP": escape(csp), "TITLE": escape(book.title),
        "SUMMARY": escape(f"{cov.songs:,} songs, {cov.versions:,} versions, "
                          f"{cov.channels:,} channels · made {day}"),
        "COVERAGE": coverage_html(cov), "CSS": css, "DATA": _json_for_script(pack(book)),
        "JS": js,
    }
    # One pass, so that a placeholder-like text inside a title is never replaced.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("songbook.html"))
