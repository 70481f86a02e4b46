"""Is what the catalog says right? Artist, song and original year of every exported row
compared with the truth, on a few hundred songs of the test servers' world.

Songs are the real artist/song pairs of the labelled Stingray titles (tests/servers/
e2e_catalog.py; numbered variants past ~190). Three channels of N/3 songs each, collected
one after the other into one catalog, as a user would:

* "Song First":  ``Song - Artist (Karaoke Version)`` (no artist recurs: the parser has
  no evidence for the orientation and its first guess is Artist - Song);
* "Artist First": ``Artist - Song (Karaoke Version)``;
* "Mixed": ``Song (in the style of Artist)``, ``Karaoke Song - Artist *``,
  ``Song | Artist | Karaoke Version`` in turn.

MusicBrainz knows ~70% of the songs (half of its artists without genres, so Discogs
fills those), Discogs knows all, printing every third artist with a "(2)" and every fifth
with a "*". Both local servers run unpaced (mirror mode): the figures are about
correctness and request counts, not time.

Prints artist+song+year exact, artist+song exact, year right/wrong/missing, requests per
song for each service, songs whose identity a lookup corrected (and any it got wrong),
and for comparison the parse the lookups started from and the parser's first guess
(each channel's titles alone, no store): the difference is what the channel learned.

    python bench/catalog_accuracy.py [N] [--discogs-only] [--show-errors]
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector.parsing import ArtistKnowledge, parse_titles  # noqa: E402
from tests.conftest import write_config, write_jsonl  # noqa: E402
from tests.servers import e2e_catalog, identity_world  # noqa: E402
from tests.servers.discogs import DiscogsServer  # noqa: E402
from tests.servers.musicbrainz import MusicBrainzServer  # noqa: E402
from tests.servers.runner import run_collector, serve  # noqa: E402

CHANNELS = (
    ("UCsongfirstsongfirst0001", "Song First Karaoke", ("{song} - {artist} (Karaoke Version)",)),
    ("UCartistfirstartistfst02", "Artist First Karaoke",
     ("{artist} - {song} (Karaoke Version)",)),
    ("UCmixedformsmixedforms03", "Mixed Karaoke",
     ("{song} (in the style of {artist})", "Karaoke {song} - {artist} *",
      "{song} | {artist} | Karaoke Version")),
)


def build(n: int) -> list[tuple[str, str, str, str, str]]:
    """(channel_id, channel, title, artist, song) for n songs over the three channels."""
    per = -(-n // len(CHANNELS))
    songs = [(a, s) for _, a, s in e2e_catalog.channel(n + 2 * per)]
    # The song-first channel names each artist once: its titles give the parser no
    # evidence of their orientation (a channel of hits by many artists).
    artists: set[str] = set()
    first: list[tuple[str, str]] = []
    rest: list[tuple[str, str]] = []
    for artist, song in songs:
        if len(first) < per and artist not in artists:
            artists.add(artist)
            first.append((artist, song))
        else:
            rest.append((artist, song))
    groups = [first, rest[:per], rest[per:n - len(first)]]
    out = []
    for (cid, name, forms), group in zip(CHANNELS, groups, strict=True):
        for i, (artist, song) in enumerate(group):
            out.append((cid, name, forms[i % len(forms)].format(artist=artist, song=song),
                        artist, song))
    return out


def main(n: int, discogs_only: bool, show: bool = False) -> int:
    rows = build(n)
    pairs = [(a, s) for _, _, _, a, s in rows]
    mb = MusicBrainzServer(e2e_catalog.musicbrainz([(t, a, s) for _, _, t, a, s in rows]),
                           min_interval=0.0)
    # Discogs' rule (60 a minute) on a 60x clock: 240 requests per second of wall time.
    dg = DiscogsServer(identity_world.discogs(pairs), limit=240, window=1.0)
    truth = {t: (a, s, e2e_catalog.year_of(a, s)) for _, _, t, a, s in rows}
    with tempfile.TemporaryDirectory() as tmp_name, serve(mb.app()) as mb_url, \
            serve(dg.app()) as dg_url:
        tmp = Path(tmp_name)
        cfg = write_config(tmp / "c.yaml", mb_url=mb_url, mb_rps=0, db=str(tmp / "k.db"),
                           discogs_url=dg_url, discogs_rpm=240, discogs_window=1.0,
                           mb_enabled=not discogs_only)
        for cid, name, _ in CHANNELS:
            src = write_jsonl(tmp / f"{cid}.jsonl", [
                {"_type": "url", "ie_key": "Youtube", "id": f"v{i:010d}", "title": t,
                 "url": f"https://www.youtube.com/watch?v=v{i:010d}", "channel": name,
                 "channel_id": cid}
                for i, (c, _, t, _, _) in enumerate(rows) if c == cid])
            run_collector(cfg, "collect-channel", str(src), "--multi-pass")
        exported = run_collector(cfg, "export", "--format", "jsonl")
        recs = [json.loads(x) for x in exported.splitlines()]
        learned = 0
        for (raw,) in sqlite3.connect(tmp / "k.db").execute("SELECT orientation FROM channels"):
            learned += len(json.loads(raw or "{}").get("learned") or {})
    # The parser's first guess: each channel's titles alone, nothing learned, no store.
    guess: dict[str, tuple[str | None, str | None]] = {}
    for cid, name, _ in CHANNELS:
        titles = [t for c, _, t, _, _ in rows if c == cid]
        for t, p in zip(titles, parse_titles(titles, channel=name,
                                             knowledge=ArtistKnowledge()), strict=True):
            guess[t] = (p.artist, p.song)
    total = len(recs)
    relearned = 0
    exact = pair = year_ok = year_wrong = year_missing = parse_pair = 0
    corrected = miscorrected = 0
    for r in recs:
        artist, song, year = truth[r["title"]]
        got = (r["artist"], r["song"])
        parsed = (r.get("parsed_artist", r["artist"]), r.get("parsed_song", r["song"]))
        pair += got == (artist, song)
        relearned += guess[r["title"]] != (artist, song) and parsed == (artist, song)
        parse_pair += parsed == (artist, song)
        if r["year"] is None:
            year_missing += 1
        elif r["year"] == year:
            year_ok += 1
        else:
            year_wrong += 1
        exact += got == (artist, song) and r["year"] == year
        if got != parsed:
            corrected += got == (artist, song)
            miscorrected += got != (artist, song)
        if show and (got != (artist, song) or r["year"] != year):
            print(f"  {r['title']!r}: got {got} {r['year']}, parsed {parsed}, "
                  f"want {(artist, song)} {year} [{r.get('identity_source')}]")

    def pct(x: int) -> str:
        return f"{100.0 * x / total:.1f}%"

    mode = "Discogs only (MusicBrainz off)" if discogs_only else "MusicBrainz + Discogs fallback"
    print(f"songs:                          {total} in {len(CHANNELS)} channels; {mode}")
    print(f"artist + song + year exact:     {pct(exact)} ({exact})")
    first = sum(guess[r["title"]] == truth[r["title"]][:2] for r in recs)
    print(f"artist + song exact:            {pct(pair)} (the parse the lookups started "
          f"from: {pct(parse_pair)}; the parser's first guess: {pct(first)})")
    print(f"year right / wrong / missing:   {pct(year_ok)} / {pct(year_wrong)} / "
          f"{pct(year_missing)}")
    print(f"MusicBrainz requests per song:  {mb.requests / total:.2f} ({mb.requests})")
    print(f"Discogs requests per song:      {dg.requests / total:.2f} ({dg.requests})")
    print(f"corrected by a lookup:          {corrected} songs (made wrong: {miscorrected})")
    print(f"channel orientations learned:   {learned} ({relearned} songs parsed right "
          f"only after it)")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(int(args[0]) if args else 300, "--discogs-only" in sys.argv,
                  "--show-errors" in sys.argv))
