"""Karaoke noise: brand suffixes, "(Karaoke Version)" groups, HD/HQ, hashtags, version tags.

Everything here is data (word lists, compiled patterns) plus small pure functions that
remove noise from a title and report the version tags it carried.
"""

from __future__ import annotations

import re

# Words that only describe the video, never the song. A bracket group or a " | " segment
# made only of these (and brand words) is noise.
NOISE_WORDS = frozenset(
    """
    karaoke karaokes karafun karaoké караоке instrumental instrumentals inst lyrics lyric
    letra letras paroles testo songtext video videos version versions ver vocal vocals lead
    backing no with without w wo sing singalong along minus one mr hd hq 4k 1080p 720p
    official audio track tracks by in the and of a de con sin guide melody on screen
    subtitled subtitles sub subs songbook remastered clean duet sing-along explicit
    backing-track lower higher key keys tone tono semitone semitones male female vocalist
    vocalists lead-vocal bgv bv mp3 mp4 cdg hd- uhd 60fps new channel presented pro quality
    카라오케 노래방 伴奏 伴唱 卡拉ok 歌詞 字幕 消音 純音樂
    カラオケ オフボーカル 歌詞付き минус минусовка
    """.split()
)

# Karaoke producers' brands. Single tokens only where the word is nothing else ("Fun",
# "Zoom", "Party" are song words); multi-word brands are matched as phrases.
BRAND_WORDS = frozenset(
    """
    stingray singking sunfly karafun partytyme ameritz chartbuster priddis joysound
    mrentertainer kbox karaokebox smule ultrastar singstar lugn
    """.split()
)
BRAND_PHRASES_RE = re.compile(
    r"\b(?:sing king|party tyme|kara fun|zoom karaoke|pocket songs|cc karaoke|tj karaoke|"
    r"tj media|ky karaoke|sound choice|sunfly karaoke|karaoke hits|mr\.? entertainer)\b",
    re.IGNORECASE,
)

_TAG_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (tag, re.compile(rx, re.IGNORECASE))
    for tag, rx in (
        ("karaoke", r"karaok|karafun|караоке|카라오케|노래방|卡拉|カラオケ|伴奏|伴唱|\bmr\b"),
        ("instrumental", r"\binstrumental|\binst\b|オフボーカル|消音|минус"),
        ("no_lead_vocal", r"\b(?:no|without|w/o|sin)\s+(?:lead\s+)?vocals?\b|\bno\s+lead\b"),
        ("with_lead_vocal", r"\bwith\s+lead\s+vocals?\b|\bguide\s+(?:vocal|melody)\b"),
        ("backing_vocals", r"\bwith\s+backing\s+vocals?\b|\bbacking\s+vocals?\b"),
        ("no_backing_vocals", r"\b(?:no|without)\s+backing\s+vocals?\b"),
        ("lyrics", r"\blyrics?\b|\bletras?\b|\bparoles\b|歌詞|字幕"),
        ("piano", r"\bpiano\b"),
        ("acoustic", r"\bacoustic\b|\bunplugged\b"),
        ("duet", r"\bduet\b|\bduo\b|\bdueto\b"),
        ("key_change", r"\b(?:lower|higher|low|high)\s+key\b|\bkey\s+(?:of\s+)?[A-G][#b]?m?\b|"
                       r"[+-]\d+\s*(?:key|semitones?)\b|\bkey\s*[+-]\d+"),
        ("live", r"\blive\b"),
        ("radio_edit", r"\bradio\s+(?:edit|version|mix)\b"),
        ("remix", r"\bremix\b"),
        ("male_key", r"\bmale\s+(?:key|version)\b"),
        ("female_key", r"\bfemale\s+(?:key|version)\b"),
        ("hd", r"\b(?:hd|hq|4k|uhd|1080p|720p)\b"),
    )
)

_WORD_RE = re.compile(r"[\w\-'/]+", re.UNICODE)


def version_tags(text: str) -> list[str]:
    """Version tags named anywhere in ``text`` (stable order of :data:`_TAG_PATTERNS`)."""
    found = []
    for tag, rx in _TAG_PATTERNS:
        if rx.search(text):
            found.append(tag)
    if "no_lead_vocal" in found and "with_lead_vocal" in found:
        found.remove("with_lead_vocal")
    if "no_backing_vocals" in found and "backing_vocals" in found:
        found.remove("backing_vocals")
    return found


def is_noise(segment: str, channel_words: frozenset[str] = frozenset()) -> bool:
    """True when ``segment`` says nothing about the song (only noise and brand words).

    A segment must name karaoke (or a brand / the channel) to count: "With You" is a song.
    """
    if BRAND_PHRASES_RE.search(segment):
        segment = BRAND_PHRASES_RE.sub(" karaoke ", segment)
    words = [w.strip("-'/").lower() for w in _WORD_RE.findall(segment)]
    words = [w for w in words if w]
    if not words:
        return True
    has_marker = False
    for w in words:
        if w in BRAND_WORDS or w in channel_words:
            has_marker = True
            continue
        # CJK runs glue noise to text ("歌詞付きカラオケ"): accept if made of noise tokens.
        if w not in NOISE_WORDS and not _cjk_noise(w):
            return False
        if _is_marker(w, channel_words):
            has_marker = True
    return has_marker


_CJK_NOISE = re.compile(r"^(?:カラオケ|歌詞付き|歌詞|字幕|付き|伴奏|伴唱|卡拉ok|노래방|카라오케|"
                        r"オフボーカル|消音|純音樂|ver|版|完整版|高音質|高画質|TJ|KY)+$",
                        re.IGNORECASE)


def _cjk_noise(word: str) -> bool:
    return bool(_CJK_NOISE.match(word))


# Whole-title compilations and channel trailers: nothing to look up.
COMPILATION_RE = re.compile(
    r"\b(?:best of|top \d+|\d+ hours?|\d+ hour|non[\s-]?stop|mega ?mix|songs? medley|"
    r"medley of|mega hits|"
    r"playlist|greatest hits|vol\.? ?\d+|marathon|compilation|full album|"
    r"songs? of all time|karaoke (?:party|mix|classics|songs))\b",
    re.IGNORECASE,
)

# Noise words that are also ordinary function words: never the end of a leading cut.
_FUNCTION_WORDS = frozenset(
    """
    the a of and in by with on de con sin no w wo one new
    """.split()
)
# Words that prove a run of noise words is karaoke noise and not part of the song.
_MARKER_WORDS = frozenset(
    """
    karaoke karaokes karafun karaoké караоке instrumental instrumentals inst lyrics lyric
    vocal vocals hd hq 4k uhd 1080p 720p mr minus минус минусовка singalong cdg mp3 mp4 *
    ** *** letra letras paroles songtext backing-track
    """.split()
)
_VOCAL_DESCRIPTORS = frozenset(
    """
    no lead backing without wo guide w/o
    """.split()
)
_PUNCT = "()[]{}-|:*•,.!?\"'~/"


def _core(token: str) -> str:
    stripped = token.strip(_PUNCT).lower()
    return stripped if stripped or "*" not in token else "*"


def _is_marker(core: str, channel_words: frozenset[str]) -> bool:
    return (
        core in _MARKER_WORDS
        or core in BRAND_WORDS
        or core in channel_words
        or "karaok" in core
        or (bool(core) and not core.isascii() and _cjk_noise(core))
    )


def _is_noise_token(core: str, channel_words: frozenset[str]) -> bool:
    return core == "" or core in NOISE_WORDS or _is_marker(core, channel_words)


def strip_noise_edges(text: str, channel_words: frozenset[str] = frozenset()) -> str:
    """Remove karaoke noise from both ends ("Karaoke - ", "karaoke video with lyrics", " *").

    A run of noise words is cut only when it holds a marker ("karaoke", "lyrics", a brand
    or the channel's name): "Sing With Me" keeps its words. At the start the cut stops
    before function words ("Karaoke Con Los Años" keeps "Con").
    """
    tokens = text.split()
    cores = [_core(t) for t in tokens]
    # Trailing run: cut from its first marker, plus vocal descriptors just before it
    # ("no lead vocal", "with lyrics"); other noise words there may be the song's own.
    i = len(tokens)
    while i > 0 and _is_noise_token(cores[i - 1], channel_words):
        i -= 1
    run_markers = [k for k in range(i, len(tokens)) if _is_marker(cores[k], channel_words)]
    if run_markers:
        cut = run_markers[0]
        while cut > i and (
            cores[cut - 1] in _VOCAL_DESCRIPTORS
            or cores[cut - 1] == ""
            or (cores[cut - 1] == "with" and cores[cut] in ("lyrics", "lead", "backing", "vocal"))
        ):
            cut -= 1
        tokens, cores = tokens[:cut], cores[:cut]
    # Leading run: cut through the last marker and the descriptors right after it.
    j = 0
    while j < len(tokens) and _is_noise_token(cores[j], channel_words):
        j += 1
    markers = [k for k in range(j) if _is_marker(cores[k], channel_words)]
    if markers and j < len(tokens):
        cut = markers[-1] + 1
        while cut < j and cores[cut] not in _FUNCTION_WORDS:
            cut += 1
        tokens = tokens[cut:]
    return " ".join(tokens).strip(" -|:•~,_")


HASHTAG_RE = re.compile(r"(?:^|\s)#[\w\-]+", re.UNICODE)
MENTION_RE = re.compile(r"@[\w\-. ]*?(?:karaoke|music|tv|channel|official)\b", re.IGNORECASE)
