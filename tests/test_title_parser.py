"""Title parser: every documented form, channel orientation, and properties on any input."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collector.models import Orientation
from collector.parsing import (
    ArtistKnowledge,
    ChannelProfile,
    parse_title,
    parse_titles,
    profile_for,
)
from collector.parsing.normalise import fold, normalise_title
from tests.conftest import DATA

# (title, channel, artist, song): forms seen on real karaoke channels.
FORMS = [
    # separators
    ("Queen - Bohemian Rhapsody (Karaoke Version)", None, "Queen", "Bohemian Rhapsody"),
    ("Adele — Hello (Karaoke)", None, "Adele", "Hello"),
    ("Adele – Hello [HQ Karaoke]", None, "Adele", "Hello"),
    ("Adele • Hello • Karaoke", None, "Adele", "Hello"),
    ("Adele ~ Hello (Karaoke)", None, "Adele", "Hello"),
    ("Ke$ha- Tik Tok (Karaoke With Lyrics)", None, "Ke$ha", "Tik Tok"),
    ("【カラオケ】夜に駆ける / YOASOBI", None, "YOASOBI", "夜に駆ける"),
    ("Hello _ Adele (Karaoke)", None, "Adele", "Hello"),
    # credits
    ("Hello (in the style of Adele)", None, "Adele", "Hello"),
    ('Hello (Style of "Adele")', None, "Adele", "Hello"),
    ("Take On Me in the Style of &quot;a-ha&quot; karaoke video with lyrics (no lead vocal)",
     None, "a-ha", "Take On Me"),
    ("Hello as popularized by Adele", None, "Adele", "Hello"),
    ("Hello originally performed by Adele", None, "Adele", "Hello"),
    ("Blue Suede Shoes by Elvis Presley - Karaoke video with lyrics (no lead vocal)", None,
     "Elvis Presley", "Blue Suede Shoes"),
    # prefixes and suffixes
    ("Karaoke - Hello - Adele", None, "Adele", "Hello"),
    ("Karaoke Con Los Años Que Me Quedan - Gloria Estefan *", None, "Gloria Estefan",
     "Con Los Años Que Me Quedan"),
    ("Karaoke Version: Pompeii in the Style of &quot;Bastille&quot; with lyrics", None,
     "Bastille", "Pompeii"),
    ("[Sing King] Adele - Hello", "Sing King", "Adele", "Hello"),
    ("Adele - Hello (Karaoke Version) - Zoom Karaoke", None, "Adele", "Hello"),
    ("Adele - Hello (Stingray Karaoke)", None, "Adele", "Hello"),
    ("Ariana Grande - 7 Rings (Karaoke Version) HD", None, "Ariana Grande", "7 Rings"),
    ("Adele - Hello (Karaoke Version) 4K", None, "Adele", "Hello"),
    ("Adele - Hello (Karaoke Version) #karaoke #adele", None, "Adele", "Hello"),
    ("Adele - Hello 🎤 Karaoke 🎶", None, "Adele", "Hello"),
    ("Lizzo - About Damn Time (Karaoke With Lyrics)@Stingray Karaoke", None, "Lizzo",
     "About Damn Time"),
    ("Adele - Hello (Piano Karaoke Instrumental)", None, "Adele", "Hello"),
    ("Adele - Hello (Lower Key) Karaoke", None, "Adele", "Hello"),
    # entities, dashes, quotes
    ("Mumford &amp; Sons - Little Lion Man (Karaoke)", None, "Mumford & Sons", "Little Lion Man"),
    ("Guns N&#39; Roses - Patience (Karaoke)", None, "Guns N' Roses", "Patience"),
    ("Guns N’ Roses – Don’t Cry (Karaoke)", None, "Guns N' Roses", "Don't Cry"),
    ("“Hello” – Adele (Karaoke)", None, "Adele", "Hello"),
    # names
    ("Sinatra, Frank - My Way (Karaoke)", None, "Frank Sinatra", "My Way"),
    ("Earth, Wind & Fire - September (Karaoke)", None, "Earth, Wind & Fire", "September"),
    ("Crosby, Stills & Nash - Teach Your Children (Karaoke)", None, "Crosby, Stills & Nash",
     "Teach Your Children"),
    # song-internal parentheses, repeats, numbers, capitalisation
    ("Otis Redding - (Sittin' On) The Dock Of The Bay (Karaoke Version)", None, "Otis Redding",
     "(Sittin' On) The Dock Of The Bay"),
    ("The Rolling Stones - (I Can't Get No) Satisfaction [Karaoke]", None, "The Rolling Stones",
     "(I Can't Get No) Satisfaction"),
    ("*NSYNC - Bye Bye Bye (Karaoke Version)", None, "*NSYNC", "Bye Bye Bye"),
    ("Duran Duran - Hungry Like The Wolf (Karaoke)", None, "Duran Duran", "Hungry Like The Wolf"),
    ("Prince - 1999 (Karaoke Version)", None, "Prince", "1999"),
    # "(Live at X)" names the recording: a version tag ("live"), not song text.
    ("Adele - Someone Like You (Live at the Royal Albert Hall) (Karaoke)", None, "Adele",
     "Someone Like You"),
    ("adele - hello karaoke", None, "adele", "hello"),
    # other scripts
    ("Rammstein - Du Hast (Караоке)", None, "Rammstein", "Du Hast"),
    ("[노래방] 아이유 - 좋은 날", None, "아이유", "좋은 날"),
    ("周杰倫 - 告白氣球 (伴奏)", None, "周杰倫", "告白氣球"),
]


@pytest.mark.parametrize(("title", "channel", "artist", "song"), FORMS)
def test_forms(title: str, channel: str | None, artist: str | None, song: str | None) -> None:
    r = parse_title(title, channel)
    if artist is not None:
        assert r.artist == artist, r
    if song is not None:
        assert r.song == song, r
    assert "Karaoke" not in (r.song or "") and "Karaoke" not in (r.artist or "")


@pytest.mark.parametrize(
    ("title", "artist", "primary", "featured"),
    [
        ("Ed Sheeran feat. Justin Bieber - I Don't Care (Karaoke)",
         "Ed Sheeran feat. Justin Bieber", "Ed Sheeran", ["Justin Bieber"]),
        ("Clean Bandit ft. Sean Paul & Anne-Marie - Rockabye (Karaoke)",
         "Clean Bandit ft. Sean Paul & Anne-Marie", "Clean Bandit", ["Sean Paul", "Anne-Marie"]),
        ("Calvin Harris featuring Rihanna - This Is What You Came For (Karaoke)",
         "Calvin Harris featuring Rihanna", "Calvin Harris", ["Rihanna"]),
        ("Drake x Future - Life Is Good (Karaoke)", "Drake x Future", "Drake", ["Future"]),
        ("Elton John with Kiki Dee - Don't Go Breaking My Heart (Karaoke)",
         "Elton John with Kiki Dee", "Elton John", ["Kiki Dee"]),
        ("Mumford & Sons - The Cave (Karaoke)", "Mumford & Sons", "Mumford & Sons", []),
    ],
)
def test_featured_artists(title, artist, primary, featured) -> None:
    r = parse_title(title)
    assert (r.artist, r.primary_artist, r.featured_artists) == (artist, primary, featured)


def test_mr_is_a_word_not_noise() -> None:
    r = parse_title("Mr. Brightside - The Killers | Karaoke by Sing King")
    assert {r.artist, r.song} == {"Mr. Brightside", "The Killers"}


def test_featured_credit_in_song_side() -> None:
    r = parse_title("Bruno Mars - Uptown Funk ft. Mark Ronson (Karaoke)")
    assert (r.artist, r.song, r.featured_artists) == ("Bruno Mars", "Uptown Funk", ["Mark Ronson"])


@pytest.mark.parametrize(
    ("title", "tags"),
    [
        ("Adele - Hello (Karaoke Version)", {"karaoke"}),
        ("Hello in the Style of Adele (no lead vocal)", {"no_lead_vocal"}),
        ("Hello in the Style of Adele (with lead vocal)", {"with_lead_vocal"}),
        ("Adele - Hello (Instrumental)", {"instrumental"}),
        ("Adele - Hello (Piano Karaoke)", {"piano", "karaoke"}),
        ("Adele - Hello (Acoustic Karaoke)", {"acoustic"}),
        ("Shallow (Duet) - Lady Gaga & Bradley Cooper", {"duet"}),
        ("Adele - Hello (Lower Key) Karaoke", {"key_change"}),
        ("Adele - Hello (Karaoke Version) -2 Key", {"key_change"}),
        ("Adele - Hello (Live) Karaoke", {"live"}),
        ("Adele - Hello (Radio Edit) Karaoke", {"radio_edit"}),
        ("Adele - Hello (Karaoke with backing vocals)", {"backing_vocals"}),
        ("Adele - Hello HD Karaoke", {"hd"}),
        ("夜に駆ける / YOASOBI (オフボーカル)", {"instrumental"}),
    ],
)
def test_version_tags(title: str, tags: set[str]) -> None:
    assert tags <= set(parse_title(title).version_tags)


@pytest.mark.parametrize(
    "title",
    [
        "BEST OF '90s KARAOKE WITH LYRICS: ULTIMATE PARTY MEGA HITS",
        "3 HOURS NON STOP KARAOKE PARTY with @Stingray Karaoke",
        "TOP 10 BEST KARAOKE SONGS FROM THE '80s &amp; '90s | Eric Clapton, Wham!, Lou Bega",
        "EARLY 2000s HITS KARAOKE WITH LYRICS: @Kylie Minogue @Alicia Keys @blink-182",
    ],
)
def test_compilations_are_not_songs(title: str) -> None:
    r = parse_title(title, "Stingray Karaoke")
    assert r.artist is None and r.confidence < 0.3 and "compilation" in r.reason


def test_single_segment_is_unsure() -> None:
    r = parse_title("Wonderwall | Sing King Karaoke", "Sing King")
    assert (r.artist, r.song) == (None, "Wonderwall")
    assert r.confidence < 0.3 and r.reason


def test_uncertain_orientation_exposes_the_alternative() -> None:
    # No lexicon and no channel: nothing says which side is the artist.
    r = parse_title("Hello - Adele (Karaoke)", knowledge=ArtistKnowledge())
    assert r.confidence <= 0.55
    assert {r.artist, r.song} == {"Hello", "Adele"}
    assert (r.alt_artist, r.alt_song) == (r.song, r.artist)


# ------------------------------------------------------------------ channel orientation

KARAFUN = [
    "Zombie - The Cranberries | Karaoke Version | KaraFun",
    "Linger - The Cranberries | Karaoke Version | KaraFun",
    "Imagine - John Lennon | Karaoke Version | KaraFun",
    "Jealous Guy - John Lennon | Karaoke Version | KaraFun",
    "Hero - Mariah Carey | Karaoke Version | KaraFun",
    "Without You - Mariah Carey | Karaoke Version | KaraFun",
    "Tears in Heaven - Eric Clapton | Karaoke Version | KaraFun",
    "Layla - Eric Clapton | Karaoke Version | KaraFun",
    "Torn - Natalie Imbruglia | Karaoke Version | KaraFun",
]


def test_channel_decides_song_artist_orientation() -> None:
    results = parse_titles(KARAFUN, channel="KaraFun Karaoke")
    assert [r.artist for r in results] == [
        "The Cranberries", "The Cranberries", "John Lennon", "John Lennon", "Mariah Carey",
        "Mariah Carey", "Eric Clapton", "Eric Clapton", "Natalie Imbruglia"]
    assert all(r.orientation is Orientation.SONG_ARTIST for r in results)
    assert all(r.confidence >= 0.7 for r in results)


def test_channel_grammar_mirrors_for_artist_first_channels() -> None:
    swapped = [" - ".join(reversed(t.split(" | ")[0].split(" - "))) + " (Karaoke Version)"
               for t in KARAFUN]
    results = parse_titles(swapped, channel="Some New Channel")
    assert [r.artist for r in results][:3] == ["The Cranberries", "The Cranberries",
                                               "John Lennon"]


def test_style_of_titles_teach_the_channel_its_artists() -> None:
    titles = [
        "Hello in the style of Adele", "Africa in the style of Toto",
        "Dreams in the style of Fleetwood Mac",
        "Adele - Rolling In The Deep", "Toto - Rosanna", "Fleetwood Mac - Landslide",
    ]
    results = parse_titles(titles, channel="X")
    assert [(r.artist, r.song) for r in results[3:]] == [
        ("Adele", "Rolling In The Deep"), ("Toto", "Rosanna"), ("Fleetwood Mac", "Landslide")]
    assert all(r.confidence >= 0.9 for r in results[3:])


def test_dash_inside_parentheses_is_not_a_separator() -> None:
    title = "Rolling in the Deep (acoustic - live at Largo) - Adele | Karaoke Version | KaraFun"
    last = parse_titles(KARAFUN + [title], channel="KaraFun Karaoke")[-1]
    assert (last.artist, last.song) == ("Adele", "Rolling in the Deep (acoustic - live at Largo)")


def test_per_title_evidence_overrides_channel_default() -> None:
    titles = KARAFUN + ["The Cranberries - Dreams | Karaoke Version | KaraFun"]
    last = parse_titles(titles, channel="KaraFun Karaoke")[-1]
    assert (last.artist, last.song) == ("The Cranberries", "Dreams")


def test_too_little_evidence_decides_nothing() -> None:
    titles = ["Frosty the Snowman - Traditional", "Silent Night - Traditional",
              "Adele - Hello", "Toto - Africa"]
    profile = profile_for(titles, "X")
    assert profile.orientation == {}
    results = parse_titles(titles, channel="X", knowledge=ArtistKnowledge())
    assert all(r.confidence <= 0.55 for r in results)


def test_profile_round_trips_through_json() -> None:
    p = profile_for(KARAFUN, "KaraFun Karaoke")
    again = ChannelProfile.from_dict(json.loads(json.dumps(p.to_dict())))
    assert again == p


def test_dev_set_accuracy_floor() -> None:
    rows = [json.loads(x) for x in (DATA / "titles" / "dev_labeled.jsonl").open()]
    ok = 0
    for channel in {r["channel"] for r in rows}:
        group = [r for r in rows if r["channel"] == channel]
        for row, res in zip(group, parse_titles([r["title"] for r in group], channel=channel),
                            strict=True):
            # As issue 11 measures: a bracketed qualifier ("(Duet)", "(Radio Version)") is a
            # version tag now, not song text, so it may differ from the label.
            ok += (_unqualified(res.artist) == _unqualified(row["artist"])
                   and _unqualified(res.song) == _unqualified(row["song"]))
    assert ok / len(rows) >= 0.97


def _unqualified(text: str | None) -> str:
    return fold(re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", text or ""))


def test_unlabelled_titles_do_not_crash_and_say_when_unsure() -> None:
    rows = [json.loads(x) for x in (DATA / "titles" / "dev_unlabeled.jsonl").open()]
    results = parse_titles([r["title"] for r in rows], channel="Stingray Karaoke")
    assert len(results) == len(rows)
    compilations = [r for row, r in zip(rows, results, strict=True)
                    if row["title"].upper().startswith(("BEST", "TOP", "MEGA"))]
    assert compilations and all(r.artist is None for r in compilations)


# ------------------------------------------------------------------ properties

def _words(text: str | None) -> list[str]:
    return (text or "").split()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_string_parses_and_output_comes_from_input(title: str) -> None:
    r = parse_title(title)
    normal = normalise_title(title)
    for part in (r.artist, r.song, *r.featured_artists):
        for word in _words(part):
            assert word in normal
    assert 0.0 <= r.confidence <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), max_size=20))
def test_any_channel_batch_parses(titles: list[str]) -> None:
    assert len(parse_titles(titles, channel="Any")) == len(titles)


@pytest.mark.parametrize(
    "title",
    [
        "",
        " ",
        "x" * 100_000,
        ("Adele - Hello " * 5000),
        "\x00\x01\x02 Adele - Hello \x7f",
        "\ud800 Adele - Hello \udfff",
        "مرحبا - عمرو دياب (كاريوكي)",
        "\u202eAdele - Hello\u202c",
        "🎤🎤🎤",
        "((((((((((",
        "- - - - -",
        "&amp;amp;quot;",
    ],
)
def test_hostile_titles(title: str) -> None:
    r = parse_title(title)
    for part in (r.artist, r.song):
        assert part is None or (part and "\x00" not in part and "\u202e" not in part)


def test_rtl_title_is_split() -> None:
    r = parse_title("عمرو دياب - تملي معاك (كاريوكي)")
    assert (r.artist, r.song) == ("عمرو دياب", "تملي معاك")
    assert "karaoke" in r.version_tags


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Jolene : Dolly Parton | Karaoke with Lyrics", "Dolly Parton", "Jolene"),
    ("Don't Stop Me Now - Queen (Karaoke)", "Queen", "Don't Stop Me Now"),
])
def test_a_lone_title_is_never_confidently_wrong(title: str, artist: str, song: str) -> None:
    """No channel evidence: the parser cuts both sides cleanly and either says it is unsure
    and keeps the swapped reading, or (with evidence from elsewhere) gets it right."""
    r = parse_title(title, None)
    assert {r.artist, r.song} == {artist, song}
    if r.confidence > 0.5:
        assert (r.artist, r.song) == (artist, song), r
    else:
        assert (r.alt_artist, r.alt_song) == (r.song, r.artist), r
