"""Songbook benchmark: 50,000 songs through the real CLI, then the page in headless Chromium.

Prints the HTML file's size, the generation time (the `songbook` command in a child
process: read the store, group, identify languages, write), and in Debian's Chromium the
time to first render (navigation start to the first page of entries shown) and the time
per keystroke of search (input event to the next frame, in-page). Also the PDF's size
and generation time with --pdf.

    python bench/songbook.py [N] [--pdf]

Targets: generation < 10 s, first render < 1.5 s, a keystroke < 100 ms.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector.db_optimized import Store  # noqa: E402
from collector.songbook.model import name_key  # noqa: E402
from tests import chromium  # noqa: E402

TITLES = ROOT / "tests" / "data" / "titles" / "dev_labeled.jsonl"
CHANNELS = ["KaraFun Karaoke", "Stingray Karaoke", "Sing King", "Zoom Karaoke", "Karaoke VN"]
GENRES = ["Pop", "Rock", "Country", "R&B", "Latin", "Ballad", "Dance", "Hip Hop"]
NOW = "2026-01-01T00:00:00"


def build_db(n: int, path: Path) -> None:
    """n distinct songs (real artists and titles, numbered variants), 1.2 versions each."""
    with open(TITLES, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    base = list({(name_key(r["artist"]), name_key(r["song"])): r for r in rows}.values())
    Store(path).close()   # the current schema
    conn = sqlite3.connect(path)
    conn.executemany("INSERT INTO channels (channel_id, name, first_seen_at, updated_at) "
                     "VALUES (?,?,?,?)", [(f"UC{i:022d}", c, NOW, NOW)
                                           for i, c in enumerate(CHANNELS)])
    videos, mbs, merged = [], [], []
    vid = 0
    for i in range(n):
        r = base[i % len(base)]
        cycle = i // len(base)
        song = r["song"] if cycle == 0 else f"{r['song']} {cycle}"
        artist = r["artist"] if cycle < 5 else f"{r['artist']} {cycle // 5}"   # ~7,000 artists
        confirmed = i % 10 < 7
        for copy in range(2 if i % 5 == 0 else 1):
            video_id = f"s{vid:010d}"
            vid += 1
            tags = json.dumps(["karaoke", "duet"] if i % 17 == 0 else ["karaoke"])
            videos.append((video_id, f"UC{(i + copy) % len(CHANNELS):022d}",
                           f"{artist} - {song} (Karaoke)",
                           f"https://www.youtube.com/watch?v={video_id}", (i * 7919) % 2_000_000,
                           artist, song, tags, 0.95, "complete" if confirmed else "pending",
                           NOW, NOW))
            if confirmed:
                year = 1950 + (i * 13) % 75
                mbs.append((video_id, "match", f"mbid-{i}", artist, song, year, 0.93, NOW))
                merged.append((video_id, artist, song, year, "musicbrainz", 0.93,
                               json.dumps([GENRES[i % len(GENRES)]]), NOW))
    conn.executemany("INSERT INTO videos (video_id, channel_id, title, url, view_count, artist,"
                     " song, version_tags, parse_confidence, enrichment_status, first_seen_at,"
                     " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", videos)
    conn.executemany("INSERT INTO musicbrainz_data (video_id, status, recording_mbid, artist, "
                     "title, year, confidence, fetched_at) VALUES (?,?,?,?,?,?,?,?)", mbs)
    conn.executemany("INSERT INTO merged_metadata (video_id, artist, song, year, year_source, "
                     "year_confidence, genres, updated_at) VALUES (?,?,?,?,?,?,?,?)", merged)
    conn.commit()
    conn.close()


def generate(db: Path, out: Path, fmt: str) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak RSS (MB) of the songbook command, its summary."""
    cmd = [sys.executable, "-m", "collector", "--db", str(db), "songbook", "--format", fmt,
           "-o", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, res.stdout.strip().splitlines()[0]


KEYSTROKES = """
const done = arguments[arguments.length - 1];
const q = document.getElementById('q'), times = [];
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
(async () => {
  for (const word of arguments[0]) {
    q.value = '';
    q.dispatchEvent(new Event('input'));
    await frame();
    for (const ch of word) {
      const t0 = performance.now();
      q.value += ch;
      q.dispatchEvent(new Event('input'));
      document.body.offsetHeight;            // layout of the new list
      await frame();                         // and the frame that shows it
      times.push(performance.now() - t0);
    }
  }
  done([times, document.getElementById('count').textContent]);
})();
"""


INDEX = """
const done = arguments[arguments.length - 1];
const t0 = performance.now();
location.hash = '#titles-S';
requestAnimationFrame(() => setTimeout(() => done(
  [performance.now() - t0, document.querySelectorAll('#title-list a').length]), 0));
"""


def browser_figures(html: Path) -> dict[str, float | str]:
    with chromium.chromium(1280, 900) as d:
        d.set_script_timeout(120)
        renders = []
        for _ in range(3):
            t0 = time.perf_counter()
            d.get(html.as_uri())
            while not d.execute_script("return document.documentElement.dataset.ready"):
                time.sleep(0.01)
            wall = time.perf_counter() - t0
            mark = d.execute_script(
                "return performance.getEntriesByName('songbook-ready')[0].startTime")
            renders.append((mark / 1000, wall))
        times, count = d.execute_async_script(KEYSTROKES, ["beatles", "tinh yeu", "adele hello"])
        index_ms = d.execute_async_script(INDEX)
    return {"first_render_s": statistics.median(r[0] for r in renders),
            "first_render_wall_s": statistics.median(r[1] for r in renders),
            "keystroke_median_ms": statistics.median(times),
            "keystroke_p95_ms": sorted(times)[int(len(times) * 0.95)],
            "keystroke_max_ms": max(times), "keystrokes": len(times), "last_count": count,
            "title_index_ms": index_ms[0], "title_index_links": index_ms[1]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=50_000)
    ap.add_argument("--pdf", action="store_true", help="also time the PDF book")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, html = Path(tmp) / "bench.db", Path(tmp) / "songbook.html"
        build_db(args.n, db)
        gen, cpu, rss, summary = generate(db, html, "html")
        print(f"songs: {args.n:,}  ({summary})")
        print(f"html: {html.stat().st_size / 1e6:.1f} MB, generated in {gen:.2f} s wall "
              f"({cpu:.2f} s CPU, peak RSS {rss:.0f} MB; target < 10 s)")
        if args.pdf:
            pdf = Path(tmp) / "songbook.pdf"
            gen_pdf, cpu_pdf, _, _ = generate(db, pdf, "pdf")
            print(f"pdf: {pdf.stat().st_size / 1e6:.1f} MB, generated in {gen_pdf:.2f} s wall "
                  f"({cpu_pdf:.2f} s CPU)")
        if not chromium.available():
            print("chromium: not installed (apt-get install -y chromium chromium-driver)")
            return 1
        f = browser_figures(html)
        print(f"first render: {f['first_render_s']:.2f} s from navigation start "
              f"({f['first_render_wall_s']:.2f} s wall through WebDriver; median of 3; "
              f"target < 1.5 s)")
        print(f"keystroke: median {f['keystroke_median_ms']:.0f} ms, p95 "
              f"{f['keystroke_p95_ms']:.0f} ms, max {f['keystroke_max_ms']:.0f} ms over "
              f"{f['keystrokes']} keystrokes (input to next frame; target < 100 ms)")
        print(f"title index, first opening (letter S, {f['title_index_links']:,} titles): "
              f"{f['title_index_ms']:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
