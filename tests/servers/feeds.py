"""An RSS 2.0 feed of a channel's videos, as yt-dlp's generic extractor reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web


def rss_feed(channel: str, videos: list[tuple[str, str, datetime]]) -> str:
    items = "".join(
        f"<item><title>{escape(title)}</title>"
        f"<link>https://www.youtube.com/watch?v={vid}</link>"
        f"<guid>yt:video:{vid}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>"
        for vid, title, when in videos
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(channel)}</title><link>https://www.youtube.com/@test</link>"
        f"<description>videos</description>{items}</channel></rss>"
    )


def feed_app(channel: str, videos: list[tuple[str, str, datetime]]) -> web.Application:
    body = rss_feed(channel, videos)

    async def handler(_request: web.Request) -> web.Response:
        return web.Response(text=body, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed.xml", handler)
    return app


DEFAULT_VIDEOS = [
    ("AAAAAAAAAAA", "Queen - Bohemian Rhapsody (Karaoke Version)",
     datetime(2024, 1, 5, tzinfo=UTC)),
    ("BBBBBBBBBBB", "Adele - Hello (Karaoke Version)", datetime(2024, 3, 9, tzinfo=UTC)),
    ("CCCCCCCCCCC", "Queen - Don't Stop Me Now (Karaoke Version)",
     datetime(2024, 6, 1, tzinfo=UTC)),
]
