from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from collector.errors import SourceError
from collector.sources.youtube import open_export, open_ytdlp, resolve_source
from tests.conftest import DATA, EXAMPLES, ROOT, make_entries, write_jsonl
from tests.servers.feeds import DEFAULT_VIDEOS, feed_app
from tests.servers.runner import serve

REAL_DUMP = DATA / "ytdlp" / "real_flat_playlist_J_ytdlp-2024.03.10.json"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("@StingrayKaraoke", "https://www.youtube.com/@StingrayKaraoke/videos"),
        ("UCbqcG1rdt9LMwOJN4PyGTKg",
         "https://www.youtube.com/channel/UCbqcG1rdt9LMwOJN4PyGTKg/videos"),
        ("https://www.youtube.com/@karafun", "https://www.youtube.com/@karafun/videos"),
        ("https://www.youtube.com/@karafun/videos", "https://www.youtube.com/@karafun/videos"),
        ("https://youtube.com/channel/UCbqcG1rdt9LMwOJN4PyGTKg",
         "https://www.youtube.com/channel/UCbqcG1rdt9LMwOJN4PyGTKg/videos"),
        ("https://www.youtube.com/c/SingKingKaraoke", "https://www.youtube.com/c/SingKingKaraoke/videos"),
        ("https://www.youtube.com/playlist?list=UUbqcG1rdt9LMwOJN4PyGTKg",
         "https://www.youtube.com/playlist?list=UUbqcG1rdt9LMwOJN4PyGTKg"),
        ("http://127.0.0.1:8080/feed.xml", "http://127.0.0.1:8080/feed.xml"),
    ],
)
def test_resolve_source_urls(source: str, expected: str) -> None:
    spec = resolve_source(source)
    assert (spec.kind, spec.location) == ("url", expected)


@pytest.mark.parametrize(
    ("source", "needle"),
    [
        ("", "empty source"),
        ("not a channel", "not a channel URL"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "not a channel or playlist"),
        ("https://www.youtube.com/@karafun/shorts", "only a channel's Videos tab"),
        ("ftp://example.org/list", "unsupported URL scheme"),
        ("/definitely/missing/export.json", "not a channel URL"),
    ],
)
def test_resolve_source_rejects(source: str, needle: str) -> None:
    with pytest.raises(SourceError, match=needle):
        resolve_source(source)


def test_real_flat_playlist_dump() -> None:
    listing = open_export(str(REAL_DUMP))
    videos = list(listing.entries)
    raw = json.loads(REAL_DUMP.read_text())
    assert [v.video_id for v in videos] == [e["id"] for e in raw["entries"]]
    assert videos[0].title == raw["entries"][0]["title"]
    assert videos[0].channel_id == raw["entries"][0]["channel_id"]
    assert listing.channel is not None and listing.channel.channel_id == raw["channel_id"]


def test_channel_taken_from_top_level_when_entries_lack_it() -> None:
    listing = open_export(str(EXAMPLES / "karafun_videos.json"))
    videos = list(listing.entries)
    assert len(videos) == 61
    assert {v.channel_id for v in videos} == {"UCbqcG1rdt9LMwOJN4PyGTKg"}
    assert {v.channel for v in videos} == {"KaraFun Karaoke"}


def test_jsonl_export_uses_playlist_channel() -> None:
    listing = open_export(str(EXAMPLES / "stingray_videos.jsonl"))
    videos = list(listing.entries)
    assert len(videos) == 400
    assert {v.channel for v in videos} == {"Stingray Karaoke"}
    assert {v.channel_id for v in videos} == {"handle:@StingrayKaraoke"}


def test_nested_tabs_keep_only_videos(tmp_path: Path) -> None:
    dump = {
        "_type": "playlist", "id": "UCx", "channel": "C", "channel_id": "UCx",
        "entries": [
            {"_type": "playlist", "title": "C - Videos", "entries": make_entries(3)},
            {"_type": "playlist", "title": "C - Shorts",
             "entries": make_entries(2, start=100)},
            {"_type": "url", "ie_key": "YoutubeTab", "url": "https://www.youtube.com/@c/streams"},
        ],
    }
    p = tmp_path / "tabs.json"
    p.write_text(json.dumps(dump))
    assert [v.video_id for v in open_export(str(p)).entries] == [
        e["id"] for e in make_entries(3)]


def test_since_filters_dated_entries(tmp_path: Path) -> None:
    rows = make_entries(3)
    rows[0]["timestamp"] = 1577836800  # 2020-01-01
    rows[1]["upload_date"] = "20240301"
    p = write_jsonl(tmp_path / "x.jsonl", rows)
    ids = [v.video_id for v in open_export(str(p), since=date(2023, 1, 1)).entries]
    assert ids == [rows[1]["id"], rows[2]["id"]]  # undated entries are kept


@pytest.mark.parametrize(
    ("content", "needle"),
    [("", "empty"), ("[1, 2, 3]", "expected a JSON object"),
     ('{"_type": "playlist", "entries": [{"id": "x"', "malformed JSON"),
     ('{"id": "a"}\n{"id": \n', "line 2 is not valid JSON"),
     ("<html><body>502 Bad Gateway</body></html>", "expected a JSON object")],
)
def test_bad_exports(tmp_path: Path, content: str, needle: str) -> None:
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(SourceError, match=needle):
        list(open_export(str(p)).entries)


def test_rss_feed_through_real_ytdlp() -> None:
    with serve(feed_app("Test Karaoke", DEFAULT_VIDEOS)) as base:
        listing = open_ytdlp(base + "/feed.xml")
        videos = list(listing.entries)
    assert [v.video_id for v in videos] == [v[0] for v in DEFAULT_VIDEOS]
    assert videos[2].title == "Queen - Don't Stop Me Now (Karaoke Version)"
    assert videos[0].upload_date == "2024-01-05"
    assert listing.channel is not None and listing.channel.name == "Test Karaoke"
    assert all("#" not in (v.url or "") for v in videos)


def test_ytdlp_unreachable_is_a_source_error() -> None:
    with serve(feed_app("x", [])) as base:
        dead = base
    with pytest.raises(SourceError, match="cannot list"):
        open_ytdlp(dead + "/feed.xml", socket_timeout=2)


def _named(text: str) -> set[str]:
    """File names a provenance note mentions (``a_{x,y}.json`` names two)."""
    names: set[str] = set()
    for name in re.findall(r"`([^`\s]+\.(?:json|jsonl|xml|csv))`", text):
        m = re.search(r"\{([^}]*)\}", name)
        names.update(name[:m.start()] + alt + name[m.end():] for alt in m.group(1).split(",")
                     ) if m else names.add(name)
    return names


def test_every_data_file_has_its_provenance() -> None:
    """Each file in tests/data is named in its folder's PROVENANCE.md; a file the note
    says was copied unchanged from ../shared equals that copy (where ../shared is present,
    as beside the project checkout and in CI)."""
    shared = ROOT.parent / "shared"
    checked = compared = 0
    for folder in sorted(p for p in DATA.iterdir() if p.is_dir()):
        note = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
        named = _named(note)
        source = re.search(r"`shared/(data/[\w/]+?)/?`", note)
        for f in sorted(folder.iterdir()):
            if f.name == "PROVENANCE.md":
                continue
            assert f.name in named, f"{f} is not named in {folder.name}/PROVENANCE.md"
            checked += 1
            # Files collected here (dev3 to dev6) have no copy in ../shared to compare.
            copy = shared / source.group(1) / f.name if source else None
            if copy is not None and "unchanged" in note and copy.is_file():
                assert f.read_bytes() == copy.read_bytes(), f
                compared += 1
    assert checked >= 9 and REAL_DUMP.name in _named(
        (DATA / "ytdlp" / "PROVENANCE.md").read_text())
    if shared.is_dir():
        own = {"dev3_labeled.jsonl", "dev4_heldout.jsonl", "dev5_labeled.jsonl",
               "dev6_heldout.jsonl"}
        assert compared == checked - len(own)
