"""Build a large yt-dlp export from real karaoke titles (for the ingest and e2e benches).

Titles come from tests/data/titles (real titles); each copy gets a distinct video id and
a numbered variant of the song so the channel has N distinct videos.

    python bench/make_export.py N OUT [--format json|jsonl]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLES = ROOT / "tests" / "data" / "titles" / "dev_labeled.jsonl"


def build(n: int, out: Path, fmt: str = "json") -> Path:
    with open(TITLES, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    base = [r for r in rows if r["channel"] == "Stingray Karaoke"]
    channel_id = "UCbenchbenchbenchbench00"

    def entry(i: int) -> dict:
        r = base[i % len(base)]
        title = r["title"] if i < len(base) else r["title"].replace(
            r["song"].replace("&", "&amp;"), f"{r['song']} {i // len(base)}", 1)
        return {
            "_type": "url", "ie_key": "Youtube", "id": f"b{i:010d}",
            "url": f"https://www.youtube.com/watch?v=b{i:010d}", "title": title,
            "description": None, "duration": 180 + i % 120, "channel_id": None,
            "channel": None, "view_count": 1000 + i, "thumbnails": [
                {"url": f"https://i.ytimg.com/vi/b{i:010d}/hqdefault.jpg", "height": 94,
                 "width": 168}],
            "timestamp": None, "live_status": None, "availability": None,
        }

    with open(out, "w", encoding="utf-8") as fh:
        if fmt == "jsonl":
            for i in range(n):
                e = entry(i)
                e.update(playlist_channel="Bench Karaoke", playlist_channel_id=channel_id)
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        else:
            head = {"_type": "playlist", "id": channel_id, "title": "Bench Karaoke - Videos",
                    "channel": "Bench Karaoke", "channel_id": channel_id,
                    "uploader_id": "@benchkaraoke"}
            fh.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "entries": [\n')
            for i in range(n):
                fh.write(("," if i else "") + json.dumps(entry(i), ensure_ascii=False) + "\n")
            fh.write("]}\n")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--format", choices=("json", "jsonl"), default="json")
    args = ap.parse_args()
    build(args.n, args.out, args.format)
    print(f"wrote {args.n} videos to {args.out}")
