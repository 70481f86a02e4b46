"""Step one of title parsing: clean a title and find its form, without deciding orientation.

``analyse`` removes karaoke noise and finds which form the title has: a "style of" or
"by" credit (which names the artist outright), a two-part split on a separator (whose
orientation the channel profile decides), a single segment, or a compilation.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from collector.parsing.conventions import VIETNAMESE_RE as _VIETNAMESE_RE
from collector.parsing.groups import (
    CJK_OPEN_RE,
    STYLE_HINTS,
    any_in,
    cjk_song,
    drop_noise_groups,
    is_credit,
    split_style,
)
from collector.parsing.no_separator import case_split, join_letters, name_splits, tight_split
from collector.parsing.noise import (
    HASHTAG_RE,
    MENTION_RE,
    NOISE_WORDS,
    is_compilation,
    is_noise,
    strip_noise_edges,
)
from collector.parsing.normalise import normalise_title
from collector.parsing.phrases import (
    drop_event_tail,
    drop_karaoke_head,
    drop_show_tail,
    mark_phrases,
)
from collector.parsing.segments import pick_pipe_segments
from collector.parsing.splitting import JOINERS as _JOINERS
from collector.parsing.splitting import SEPARATORS as _SEPARATORS
from collector.parsing.splitting import mask_groups as _mask_groups
from collector.parsing.splitting import split_masked as _split_masked
from collector.parsing.splitting import split_spans as _split_spans
from collector.parsing.tags import version_tags
from collector.parsing.title_cleaning import (
    EMOJI_GAP_RE,
    FILE_EXT_RE,
    GLUED_TAG_RE,
    NOW_PLAYING_RE,
    drop_noise_dash_parts,
    drop_noise_slash_parts,
    drop_soundtrack,
    gap_title,
    quoted_title,
    splits_in_two,
    two_plain_parts,
    unwrap,
)
from collector.vocabulary import STAGE_AND_SCREEN_WORKS

_PIPE_RE = re.compile(r"\s*\|\s*")

_FROM_WORK_RE = re.compile(
    r"(?i)^(?P<song>.+?)\s+from\s+(?:the\s+(?:film|movie|musical)\s+)?[\"']?"
    r"(?P<work>[^\"']+?)[\"']?$")
_WORKS = frozenset(w.lower() for w in STAGE_AND_SCREEN_WORKS)
_BY_RE = re.compile(r"^(?P<song>.+?)\s+by\s+(?P<artist>[^()\[\]]+?)(?:\s*[(\[].*)?$")
_COMPILATION_HINTS = ("best", "top", "hour", "non", "mix", "medley", "hits", "playlist", "vol",
                      "marathon", "compilation", "album", "all time", "party", "classics",
                      "songs")


@dataclass(slots=True)
class Analysis:
    text: str  # the normalised title
    form: str  # style_of | by | from_work | cover | quoted | split | single | compilation | empty
    cleaned: str = ""
    sep: str | None = None
    parts: list[str] = field(default_factory=list)
    artist: str | None = None  # for style_of / by
    song: str | None = None
    tags: list[str] = field(default_factory=list)
    karaoke_prefix: bool = False  # "Karaoke Song - Artist": a Song - Artist grammar hint
    marker_after_first: bool = False  # "Song (Karaoke) - Artist": a marker ends part one
    group_name: str | None = None  # the name a karaoke group held ("(X karaoke)")
    after_first: str = ""  # split form: the text after the first separator
    before_last: str = ""  # split form: the text before the last separator


_KARAOKE_PREFIX = re.compile(r"(?i)karaok[eé]\b(?!\s*(?:version|video)?\s*:)")
# "Artist Official": an uploader name made from the artist's ("Minh Tuấn Official").
_OFFICIAL_TAIL_RE = re.compile(r"(?i)\s+official$")
# A label or catalogue code glued to a name ("Erik ST.319"): capitals, a dot, digits.
# Vietnamese channels end "Song - Singer beat": the karaoke track, not part of the name.
_BEAT_TAIL_RE = re.compile(r"(?i)(?<=\S)\s+beat$")
_LABEL_TAG_RE = re.compile(r"\s+[A-Z]{1,4}\.\d{2,5}$")


_QUOTED_SONG_RE = re.compile(
    r'^(?:(?P<before>[^"]+?)\s+"(?P<song>[^"]+)"|"(?P<song2>[^"]+)"\s+(?P<after>[^"]+))$')
# The same with single quotes ("BTS 'Butter'"): the quotes stand alone, and the song holds
# no apostrophe, so "Rock 'n' Roll" and "Don't Stop" are not read as quoted.
_SINGLE_QUOTED_SONG_RE = re.compile(
    r"^(?:(?P<before>(?:[^']|\b'\b)+?)\s+'(?P<song>(?:[^']|\b'\b)+)'|"
    r"'(?P<song2>(?:[^']|\b'\b)+)'\s+(?P<after>(?:[^']|\b'\b)+))$")
_QUOTED_BY_RE = re.compile(r'^"[^",]+"\s+by\s')
# A strong karaoke marker inside a single segment: "Song karaoke Artist".
_MID_MARKER_RE = re.compile(r"(?i)\s(?:karaoke|karaoké|videoke|カラオケ|노래방)\s")
_MARKER_TAIL_RE = re.compile(r"karaok[eé](?:\s+(?:version|ver\.?|instrumental|beat))?\s*[)\]]?"
                             r"(?:\s*[(\[][^()\[\]]*[)\]])?\s*-\s")


def _marker_after_first(text: str) -> bool:
    """A karaoke marker just before the title's first " -" ("Song (Karaoke) - Artist")."""
    first = text.find(" -")
    if first <= 0:
        return False
    lower = text[: first + 3].lower()
    at = lower.rfind("karaok")
    if at <= 0 or not _MARKER_TAIL_RE.match(lower, at):
        return False
    before = lower[:at].rstrip(" ([")
    return bool(before) and (before[-1].isalnum() or before[-1] in ")]")


def _quoted_credit_list(work: str) -> bool:
    """A list of names beside one quoted or CJK-bracketed song ('A, B, C, D「Song」')."""
    if CJK_OPEN_RE.search(work):
        cjk = cjk_song(work)
        return cjk is not None and bool(cjk[0])
    m = _QUOTED_SONG_RE.match(work) if '"' in work else (
        _SINGLE_QUOTED_SONG_RE.match(work) if "'" in work else None)
    return m is not None and is_credit(m.group("before") or m.group("after") or "")



def analyse(raw: str, channel_words: frozenset[str] = frozenset()) -> Analysis:
    """Clean ``raw`` and find its form (see module docstring)."""
    raw = raw if isinstance(raw, str) else str(raw)
    result = _analyse(raw, channel_words)
    if result.form == "single" and not raw.isascii() and EMOJI_GAP_RE.search(raw):
        raw = EMOJI_GAP_RE.sub("  ", raw)  # a gap, as below
    if result.form == "single" and "  " in raw:
        gapped = gap_title(raw)
        if gapped is not None:
            again = _analyse(gapped, channel_words)
            if again.form == "split":
                again.text, again.sep = result.text, "gap"
                return again
    return result


def _analyse(raw: str, channel_words: frozenset[str]) -> Analysis:
    text = normalise_title(raw)
    if not text:
        return Analysis(text="", form="empty")
    if "." in text[-6:]:
        text = FILE_EXT_RE.sub("", text).rstrip()
    if " l " in text and _VIETNAMESE_RE.search(text):
        # Vietnamese uploads write a lowercase "l" for "|" ("Ca Sĩ l Bài Hát l Official").
        text = text.replace(" l ", " | ")
    if "_" in text and " " not in text and text.count("_") >= 2:
        # A file name with "_" for spaces ("Guns_N_Roses_-_Patience_(Karaoke)").
        text = " ".join(text.replace("_", " ").split())
    text_lower = text.lower()
    tags = version_tags(text, text_lower)
    work = HASHTAG_RE.sub(" ", text) if "#" in text else text
    work = MENTION_RE.sub(" ", work) if "@" in work else work
    if "OST" in work:
        work = drop_soundtrack(work)
    if "over" in text_lower and '"' in work and work.count('"') == 2:
        work = quoted_title(work)  # only cover titles quote the original
    work = mark_phrases(work, text_lower if work is text else None)
    if ", " in work:
        work = drop_karaoke_head(work)
    work, style_artist, group_name = drop_noise_groups(work, channel_words)
    if "laying" in work:
        work = NOW_PLAYING_RE.sub("", work)
    if "_" in work and work.count("_") == 1 and (" - " in work or "|" in work):
        work = GLUED_TAG_RE.sub("", work)
    karaoke_prefix = _KARAOKE_PREFIX.match(work) is not None
    pipe_first = False  # "Song | A - B | Official MV": the dash joins names in a credit
    if "|" in work:
        segments = [s for s in _split_masked(work, _PIPE_RE) if s]
        picked = pick_pipe_segments(
            segments, channel_words, functools.partial(splits_in_two, channel_words))
        work = " | ".join(picked)
        pipe_first = (len(picked) == 2 and splits_in_two(channel_words, picked[1])
                      and not splits_in_two(channel_words, picked[0])
                      and two_plain_parts(picked[1]))
    elif is_noise(work, channel_words):
        work = ""
    if " / " in work:
        work = drop_noise_slash_parts(work, channel_words)
    if work.count(" - ") >= 2:
        work = drop_noise_dash_parts(work, channel_words)
    work = unwrap(strip_noise_edges(work, channel_words))
    if ", " in work:
        work = drop_show_tail(work)
    result = Analysis(text=text, form="single", cleaned=work, tags=tags,
                      karaoke_prefix=karaoke_prefix, group_name=group_name)
    if not work:
        result.form = "empty"
        return result
    if style_artist:
        result.form, result.song, result.artist = "style_of", work, style_artist.strip()
        return result
    lower = work.lower()
    if text.count("@") >= 2 or (any_in(lower, _COMPILATION_HINTS)
                                and is_compilation(work, lower)):
        result.form = "compilation"
        return result
    style = split_style(work, lower) if any_in(lower, STYLE_HINTS) else None
    if style:
        result.song = strip_noise_edges(style[0], channel_words)
        result.artist = strip_noise_edges(style[1], channel_words)
        if result.song and result.artist:
            result.form = "style_of"
            return result
        result.song = result.artist = None
    masked = _mask_groups(work)
    for name, rx, chars in _SEPARATORS:
        if pipe_first and name == "dash":
            continue
        # One `in` test per character (memchr) is cheaper than a character-class search.
        if (chars not in masked) if len(chars) == 1 else not any_in(masked, chars):
            continue
        spans = _split_spans(work, rx, masked)
        if name == "dash" and len(spans) > 2:
            spans = join_letters(work, spans)  # "A - Ha - Song": a name split at its dash
        if len(spans) >= 2:
            _set_split(result, name, work, spans, channel_words)
            if result.form == "split":
                if "over" in text_lower:
                    _cover_credit(result, channel_words)
                return result
    if "over" in text_lower and ("(" in work or "[" in work):
        _cover_credit(result, channel_words)  # "Song (Original Artist Cover)"
        if result.form == "cover":
            return result
    if (work.count(",") >= 3 and _MID_MARKER_RE.search(masked) is None
            and not (work[0] == '"' and _QUOTED_BY_RE.match(work))
            and not _quoted_credit_list(work)
            and not ("-" in masked and tight_split(work, masked) is not None)
            and not _case_list(work)):
        # A list of songs, unless a marker divides the title, one quoted song is
        # credited to a list of names ('"Song" by A, B, C, D', 'A, B, C, D "Song"') or
        # hyphens without spaces or a change of case do ("A, B, C, D-SONG-Brand", "SONG
        # A, B, C, D": the split decides, below or in the resolver).
        result.form = "compilation"
        return result
    m = _BY_RE.match(work)
    if m:
        result.form, result.song, result.artist = "by", m.group("song"), m.group("artist")
        return result
    if " from " in work or " From " in work:
        m = _FROM_WORK_RE.match(work)
        if m and m.group("work").strip().lower() in _WORKS:
            # "Song from Frozen": the film or musical is the credit, as "Frozen - Song".
            result.form, result.song, result.artist = "from_work", m.group("song"), m.group(
                "work").strip()
            return result
    if not work.isascii() and CJK_OPEN_RE.search(work):
        cjk = cjk_song(work)
        if cjk is not None and cjk[0]:
            result.form, result.artist, result.song = "quoted", cjk[0], cjk[1]
            return result
        if cjk is not None:
            result.cleaned = cjk[1]  # "《Song》": the song alone
    m = _QUOTED_SONG_RE.match(work) if '"' in work else (
        _SINGLE_QUOTED_SONG_RE.match(work) if "'" in work else None)
    if m:  # 'Artist "Song"' or '"Song" Artist': the quotes mark the song
        result.form, result.song = "quoted", (m.group("song") or m.group("song2")).strip()
        result.artist = (m.group("before") or m.group("after") or "").strip(" -:,")
        if result.artist and is_credit(result.artist):
            return result
        result.form, result.song, result.artist = "single", None, None
    m = _MID_MARKER_RE.search(masked)
    if m:
        _set_split(result, "marker", work, [(0, m.start()), (m.end(), len(work))],
                   channel_words)
    elif "-" in masked:
        spans = tight_split(work, masked)
        if spans:  # the text ends with the last part: a brand after it is gone
            _set_split(result, "tight", work[:spans[-1][1]], spans, channel_words)
    if result.form == "single" and not work.isascii():
        for sep, spans in name_splits(work):  # in turn, until one reads as a split
            _set_split(result, sep, work, spans, channel_words)
            if result.form == "split":
                break
    return result


# "(Original Artist Cover)" after a song: the cover names the song's own artist.
_COVER_GROUP_RE = re.compile(r"(?i)\s*[(\[]\s*(?P<name>[^()\[\]]+?)\s+cover\s*[)\]]")


def _cover_credit(result: Analysis, channel_words: frozenset[str]) -> None:
    """Read "Singer - Song (Original Artist Cover)" as the original artist's song: the
    part holding the group is the song, the name in it the artist ("(Acoustic Cover)",
    "(Piano Cover)" name no one)."""
    for part in (result.parts if result.form == "split" else [result.cleaned]):
        m = _COVER_GROUP_RE.search(part)
        if m is None:
            continue
        name = m.group("name").strip(" -:")
        song = (part[: m.start()] + part[m.end():]).strip(" -:")
        if (not name or not song or not is_credit(name)
                or all(w.strip(".,").lower() in NOISE_WORDS for w in name.split())
                or is_noise(name, channel_words)):
            return
        result.form, result.artist, result.song = "cover", name, song
        return


def _case_list(work: str) -> bool:
    """A list of names on one side of a change of case, no comma on the other ("SONG
    Ann, Bea, Cleo, Dee")."""
    cut = case_split(work)
    return cut is not None and ("," in cut[0]) != ("," in cut[1])


def _has_noise_part(parts: list[str], channel_words: frozenset[str]) -> bool:
    for p in parts:  # noqa: SIM110 - a plain loop is cheaper than any() here (hot path)
        if not p or is_noise(p, channel_words):
            return True
    return False


def _set_split(result: Analysis, sep: str, work: str, spans: list[tuple[int, int]],
               channel_words: frozenset[str]) -> None:
    """Record a split; noise at the parts' inner edges goes ("Song Karaoke - Artist")."""
    parts = [strip_noise_edges(work[a:b].strip(), channel_words) for a, b in spans]
    if "fficial" in work or "FFICIAL" in work:
        parts = [_OFFICIAL_TAIL_RE.sub("", p) if " " in p else p for p in parts]
    if "." in work:
        parts = [_LABEL_TAG_RE.sub("", p) if "." in p else p for p in parts]
    if ("beat" in work or "Beat" in work or "BEAT" in work) and _VIETNAMESE_RE.search(work):
        parts = [_BEAT_TAIL_RE.sub("", p) for p in parts]  # "Song - Singer beat"
    if sep != "dash" and " - " in work:
        parts = [drop_event_tail(p) if " - " in p else p for p in parts]
    if _has_noise_part(parts, channel_words):
        # Noise between the parts ("Song - Karaoke - Song Ca - Artist"): drop, split again.
        kept = [work[a:b].strip() for (a, b), p in zip(spans, parts, strict=True)
                if p and not is_noise(p, channel_words)]
        if len(kept) < 2 or len(kept) == len(spans):
            return
        joined = _JOINERS.get(sep, " - ").join(kept)
        rx = next((r for n, r, _ in _SEPARATORS if n == sep), None)
        masked = _mask_groups(joined)
        spans = _split_spans(joined, rx, masked) if rx is not None else []
        if len(spans) != len(kept):
            return
        work = joined
        parts = [strip_noise_edges(work[a:b].strip(), channel_words) for a, b in spans]
    if work.count(",") >= 3 and not (
            len(parts) == 2 and (parts[0].count(",") < 2 or parts[1].count(",") < 2)
            and parts[0][0] not in "([" and parts[1][0] not in "(["):
        # Many commas make a list of songs, unless one side is a list of names and the
        # other one name ("Hello, Goodbye - Ann, Bea, Cleo & Dee").
        result.form = "compilation"
        return
    if "(" in work or "[" in work:
        parts = [unwrap(p) if p[:1] in ("(", "[") else p for p in parts]  # "Song - (Singer)"
    result.form, result.sep, result.parts = "split", sep, parts
    result.marker_after_first = _marker_after_first(result.text)  # only splits read it
    # With 3+ parts the song keeps the title's own separators between its parts.
    result.after_first = (strip_noise_edges(work[spans[1][0]:].strip(), channel_words)
                          if len(parts) > 2 else parts[1])
    result.before_last = (strip_noise_edges(work[: spans[-2][1]].strip(), channel_words)
                          if len(parts) > 2 else parts[0])
