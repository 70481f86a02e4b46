"""Title-parser accuracy on the labelled title sets.

For each set - dev (dev_labeled), dev2, dev3 and dev5 tuned and held-out parts (see
`bench/dev2_split.py`), dev4 and dev6 (held out whole) - prints exact accuracy (artist and song
both equal after case, accent, punctuation and whitespace folding), artist accuracy, song
accuracy and orientation errors, then the misses. Titles are grouped by channel and parsed together,
as `collect-channel` does; a title whose source names no channel is parsed alone. The
held-out parts' misses are printed only with `--show-held-out`, so they are not seen while
tuning, and `--tuning` leaves them out entirely.

    python bench/parse_accuracy.py [--tuning] [--show-held-out] [--no-misses] [FILE ...]
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dev2_split import load as load_dev2  # noqa: E402
from dev2_split import load_dev3, load_dev5, read_rows  # noqa: E402

from collector.parsing import ArtistKnowledge, parse_titles  # noqa: E402
from collector.parsing.normalise import fold  # noqa: E402

_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_FEAT = re.compile(r"\s*[(\[]?\b(?:feat\.?|ft\.?|featuring)\s.*$", re.IGNORECASE)


def same(got: str | None, want: str | None) -> bool:
    """Equal after folding, or after also dropping bracketed qualifiers and feat. credits."""
    if fold(got) == fold(want):
        return True
    if not got or not want:
        return False
    return fold(_FEAT.sub("", _BRACKETED.sub("", got))) == fold(
        _FEAT.sub("", _BRACKETED.sub("", want)))


UNSURE = 0.5  # the parser's confidence when the evidence is too weak to decide
DEV = ROOT / "tests" / "data" / "titles" / "dev_labeled.jsonl"
DEV4 = ROOT / "tests" / "data" / "titles" / "dev4_heldout.jsonl"
DEV6 = ROOT / "tests" / "data" / "titles" / "dev6_heldout.jsonl"


def evaluate(rows: list[dict], single: bool = False,
             knowledge: ArtistKnowledge | None = None) -> tuple[dict[str, int], list]:
    # (channel, or None and the row's index for a title parsed alone) -> its rows
    by_channel: dict[tuple[str | None, int], list[dict]] = defaultdict(list)
    for i, row in enumerate(rows):
        # single: every title alone, as a user parsing one title or a tiny channel would.
        # No channel named: the title alone, not pooled with other channel-less titles.
        alone = single or not row.get("channel")
        by_channel[(None, i) if alone else (row["channel"], -1)].append(row)
    counts = {"n": len(rows), "exact": 0, "artist": 0, "song": 0, "swapped": 0, "unsure": 0,
              "swapped_sure": 0}
    misses = []
    for (channel, _), group in by_channel.items():
        results = parse_titles([r["title"] for r in group], channel=channel,
                               knowledge=knowledge)
        for row, res in zip(group, results, strict=True):
            a_ok = same(res.artist, row["artist"])
            s_ok = same(res.song, row["song"])
            counts["artist"] += a_ok
            counts["song"] += s_ok
            counts["exact"] += a_ok and s_ok
            if fold(res.artist) == fold(row["song"]) and fold(res.song) == fold(row["artist"]):
                counts["swapped"] += 1
                counts["swapped_sure"] += res.confidence > UNSURE
            counts["unsure"] += res.confidence <= UNSURE
            if not (a_ok and s_ok):
                misses.append((row, res))
    return counts, misses


def report(name: str, rows: list[dict], show_misses: bool, single: bool = False) -> None:
    c, misses = evaluate(rows, single)
    n = max(1, c["n"])
    print(f"== {name}: {c['n']} titles, "
          f"{len({r.get('channel') for r in rows})} channels")
    print(f"exact accuracy:      {c['exact'] / n:.1%} ({c['exact']}/{c['n']})")
    print(f"artist accuracy:     {c['artist'] / n:.1%}")
    print(f"song accuracy:       {c['song'] / n:.1%}")
    print(f"orientation errors:  {c['swapped']}")
    if not show_misses:
        print(f"misses:              {len(misses)} (not shown)")
        return
    print(f"misses ({len(misses)}):")
    for row, res in misses:
        note = " [doubtful label]" if row.get("note") else ""
        print(f"  {row['title']!r}{note}")
        print(f"      expected: {row['artist']!r} / {row['song']!r}")
        print(f"      got:      {res.artist!r} / {res.song!r}  ({res.reason}, {res.confidence})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="other labelled JSONL files to score")
    ap.add_argument("--show-held-out", action="store_true",
                    help="also print the misses of the dev2 held-out part")
    ap.add_argument("--no-misses", action="store_true", help="print the figures only")
    ap.add_argument("--tuning", action="store_true",
                    help="leave the held-out part out entirely (no figure, no misses): "
                         "the mode to tune in")
    args = ap.parse_args(argv)
    show = not args.no_misses
    if args.files:
        for f in args.files:
            report(f, read_rows(Path(f)), show)
        return 0
    tuned, held = load_dev2()
    tuned3, held3 = load_dev3()
    tuned5, held5 = load_dev5()
    report("dev (dev_labeled)", read_rows(DEV), show)
    report("dev2 tuned part", tuned, show)
    report("dev3 tuned part", tuned3, show)
    report("dev5 tuned part", tuned5, show)
    if not args.tuning:
        report("dev2 held-out part", held, show and args.show_held_out)
        report("dev2 whole", tuned + held, False)
        report("dev3 held-out part", held3, show and args.show_held_out)
        report("dev3 whole", tuned3 + held3, False)
        report("dev4 (held out whole; mostly music videos)", read_rows(DEV4),
               show and args.show_held_out)
        report("dev5 held-out part", held5, show and args.show_held_out)
        report("dev5 whole", tuned5 + held5, False)
        report("dev6 (held out whole; mostly karaoke uploads)", read_rows(DEV6),
               show and args.show_held_out)
    report("dev as single titles (no channel evidence)", read_rows(DEV), show, single=True)
    # The dev pairs re-titled without their brand's signature, in both orders, one title
    # at a time: what the lexicon and the per-title cues decide on their own.
    dev = read_rows(DEV)
    for name, fmt in (("Song - Artist", "{song} - {artist} (Karaoke)"),
                      ("Artist - Song", "{artist} - {song} (Karaoke)")):
        rows = [{**r, "title": fmt.format(song=r["song"], artist=r["artist"]),
                 "channel": None} for r in dev]
        report(f"dev pairs as '{name} (Karaoke)', single titles", rows, False, single=True)
    pairs = dev + [r for r in tuned if r.get("artist") and r.get("song")]
    generated(pairs)
    video_forms(pairs)
    unknown_names(pairs)
    return 0


# Brand forms of many channels, for the generality check below (made-up brand names).
FORMS = (
    "{artist} - {song} | Karaoke Version | Some Brand",
    "{song} (Karaoke Version) - {artist}",
    "[ Karaoke Net HD ] {artist} - {song}",
    "{artist} - {song}.mp4",
    "{song} - {artist} - Karaoke Instrumental Lyrics - Some Brand",
    "{song} | {artist} | Beat Chuẩn | Rap Show 2023",
    "{song} (in the style of {artist}) [Karaoke]",
    "\"{song}\" by {artist} (Karaoke)",
    "{artist} • {song} • Karaoke",
    "Karaoke - {song} - {artist}",
    "{song} - {artist} Official (Karaoke)",
    "{artist} {song} Karaoke lyrics",
    "{song} {artist} karaoke",
)


def _fill(fmt: str) -> Callable[[dict], str]:
    """A form that puts a row's song and artist into ``fmt``."""
    return functools.partial(lambda f, r: f.format(song=r["song"], artist=r["artist"]), fmt)


def _last_first(row: dict) -> str | None:
    """"Last, First - Song" for a two-word personal name ("Lennon, John - Imagine")."""
    words = row["artist"].split()
    if len(words) != 2 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return None
    return f"{words[1]}, {words[0]} - {row['song']} (Karaoke)"


def _caps_filename(row: dict) -> str:
    """An all-caps file-name upload with a brand ("KARAOKE - ADELE-HELLO-Brand")."""
    return f"KARAOKE - {row['artist'].upper()}-{row['song'].upper()}-Brand"


def _filename(row: dict) -> str:
    """A file name: "/" cannot stand in one ("AC_DC - Thunderstruck (Karaoke).mp4")."""
    return f"{row['artist']} - {row['song']} (Karaoke).mp4".replace("/", "_")


def _filename_underscores(row: dict) -> str:
    """A file name with "_" for every space ("Guns_N_Roses_-_Patience_(Karaoke).mp4")."""
    return _filename(row).replace(" ", "_")


# Forms from ../shared/README.md and issue 11 that the forms above lack (made-up brands).
MORE_FORMS: tuple[tuple[str, Callable[[dict], str | None]], ...] = (
    ("Last, First - {song} (Karaoke)", _last_first),
    ("{artist} - {song} (Karaoke).mp4, '/' as '_'", _filename),
    ("{artist}_-_{song}_(Karaoke).mp4", _filename_underscores),
    ("KARAOKE - {ARTIST}-{SONG}-Brand", _caps_filename),
    *((fmt, _fill(fmt)) for fmt in (
        "Karaoke {song} - {artist} *",
        "{artist} - {song} カラオケ",
        "【カラオケ】{song} / {artist}",
        "{song} - {artist} 【カラオケ】",
        "[노래방] {song} - {artist}",
        "[TJ노래방] {song} - {artist} / TJ Karaoke",
        "{song} - {artist} (伴奏)",
        "{song} - {artist}, Some Show 2024 (Karaoke)",
        "KARAOKE \"{song}\" - {artist}, SING MY SONG (Beat chuẩn - HD)",
    )),
)


def generated(pairs: list[dict]) -> None:
    """The labelled pairs (dev and the dev2 tuned part) put into many brand forms, one
    title at a time: a generality check (the forms are not tuned on one by one)."""
    print(f"== generated: {len(pairs)} labelled pairs in {len(FORMS) + len(MORE_FORMS)} "
          "brand forms, single titles")
    _score_forms([(fmt, _fill(fmt)) for fmt in FORMS] + list(MORE_FORMS), pairs,
                 subtotal_after=len(FORMS))


def _score_forms(forms: list[tuple[str, Callable[[dict], str | None]]], pairs: list[dict],
                 subtotal_after: int | None = None) -> None:
    """Print each form's exact accuracy over ``pairs`` (single titles), then the total;
    ``subtotal_after``: also the total of that many first forms, after them."""
    total = exact = 0
    for i, (name, make) in enumerate(forms, 1):
        rows = [{**r, "title": title, "channel": None} for r in pairs
                if (title := make(r)) is not None]
        c, _ = evaluate(rows, single=True)
        total += c["n"]
        exact += c["exact"]
        print(f"  {c['exact'] / max(1, c['n']):6.1%}  {name}")
        if i == subtotal_after:
            print(f"exact accuracy, the {i} forms above: "
                  f"{exact / max(1, total):.1%} ({exact}/{total})")
    print(f"exact accuracy:      {exact / max(1, total):.1%} ({exact}/{total})")


# Round six: music-video titles and karaoke words of more languages (YouTube practice, made
# up here; reported apart so the 26 forms above stay comparable across rounds).
VIDEO_FORMS = (
    "{artist} - {song} (Official Music Video)",
    "{artist} - {song} [Official Audio]",
    "{artist} \"{song}\" Dance Practice",
    "{artist} '{song}' M/V",
    "{artist}「{song}」Official MV",
    "{artist}《{song}》",
    "{artist} - {song} (Lyrics/Letra)",
    "{song} - {artist} (Versión Karaoke) tono bajo",
    "{song} | {artist} | Videoke",
    "{artist} - {song} (Minus One)",
    "{artist} - {song} (Karaoke Tanpa Vokal) Lirik",
    "{artist} - {song} (off vocal)",
    "{song} - {artist} 노래방 MR",
    "{song} - {artist} KTV 伴奏",
)


def video_forms(pairs: list[dict]) -> None:
    """The labelled pairs in music-video and more-language karaoke forms, single titles."""
    print(f"== music-video and more-language forms: {len(pairs)} labelled pairs in "
          f"{len(VIDEO_FORMS)} forms, single titles")
    _score_forms([(fmt, _fill(fmt)) for fmt in VIDEO_FORMS], pairs)


def unknown_names(pairs: list[dict]) -> None:
    """Orientation of names no list knows: the pairs as single titles in both orders,
    parsed with a knowledge that excludes every artist and song of the pairs (the
    lexicon without them, the word model retrained without them): cross-validation."""
    names = [r["artist"] for r in pairs] + [r["song"] for r in pairs]
    knowledge = ArtistKnowledge.bundled().without(names)
    print(f"== unknown names: {len(pairs)} labelled pairs as single titles, lexicon and "
          "word model without their artists and songs")
    total = exact = swapped = unsure = sure = 0
    for fmt in ("{song} - {artist} (Karaoke)", "{artist} - {song} (Karaoke)"):
        rows = [{**r, "title": fmt.format(song=r["song"], artist=r["artist"]),
                 "channel": None} for r in pairs]
        c, _ = evaluate(rows, single=True, knowledge=knowledge)
        total += c["n"]
        exact += c["exact"]
        swapped += c["swapped"]
        unsure += c["unsure"]
        sure += c["swapped_sure"]
        print(f"  {c['exact'] / max(1, c['n']):6.1%} exact, {c['swapped']:3} swapped, "
              f"{c['unsure']:3} unsure  {fmt}")
    print(f"exact accuracy:      {exact / max(1, total):.1%} ({exact}/{total})")
    print(f"orientation errors:  {swapped} ({swapped / max(1, total):.1%}), "
          f"{sure} of them with confidence > {UNSURE}")
    print(f"unsure (conf <= {UNSURE}): {unsure}")
    # The same titles as small channels (2-4 titles, as on most channels of the evaluation
    # sets), each channel in one order: evidence pooled across a channel's titles.
    rng = random.Random(11)
    order = list(range(len(pairs)))
    rng.shuffle(order)
    rows, start, ch = [], 0, 0
    while start < len(order):
        size = rng.choice((2, 3, 4))
        fmt = ("{song} - {artist} (Karaoke)", "{artist} - {song} (Karaoke)")[ch % 2]
        for i in order[start:start + size]:
            r = pairs[i]
            rows.append({**r, "title": fmt.format(song=r["song"], artist=r["artist"]),
                         "channel": f"Channel {ch}"})
        start += size
        ch += 1
    c, _ = evaluate(rows, knowledge=knowledge)
    print(f"as {ch} channels of 2-4 titles: {c['exact'] / max(1, c['n']):.1%} exact, "
          f"{c['swapped']} orientation errors ({c['swapped_sure']} with confidence > "
          f"{UNSURE}), {c['unsure']} unsure")


if __name__ == "__main__":
    sys.exit(main())
