"""Karaoke noise: brand suffixes, "(Karaoke Version)" groups, HD/HQ, hashtags, version tags.

Everything here is data (word lists, compiled patterns) plus small pure functions that
remove noise from a title and report the version tags it carried.
"""

from __future__ import annotations

import functools
import re

# Words that only describe the video, never the song. A bracket group or a " | " segment
# made only of these (and brand words) is noise.
NOISE_WORDS = frozenset(
    """
    karaoke karaokes karafun karaoké караоке instrumental instrumentals inst lyrics lyric
    letra letras paroles testo songtext video videos version versions ver vocal vocals lead
    backing no with without w wo sing singalong along minus one hd hq piano acoustic live
    4k 1080p 720p
    official audio track tracks by in the and of a de con sin guide melody on screen
    subtitled subtitles sub subs songbook remastered clean duet sing-along explicit
    backing-track lower higher key keys tone tono semitone semitones male female vocalist
    vocalists lead-vocal bgv bv mp3 mp4 cdg hd- uhd 60fps new channel presented pro quality
    카라오케 노래방 伴奏 伴唱 卡拉ok 歌詞 字幕 消音 純音樂
    カラオケ オフボーカル 歌詞付き минус минусовка كاريوكي کارائوکه קריוקי คาราโอเกะ καραόκε
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

# tag -> pattern; a pattern only runs when one of its trigger words is in the title.
_TAG_RX: dict[str, str] = {
    "karaoke": r"karaok|karafun|караоке|카라오케|노래방|卡拉|カラオケ|伴奏|伴唱",
    "instrumental": r"\binstrumental|\binst\b|オフボーカル|消音|минус",
    "no_lead_vocal": r"\b(?:no|without|w/o|sin)\s+(?:lead\s+)?vocals?\b|\bno\s+lead\b",
    "with_lead_vocal": r"\bwith\s+lead\s+vocals?\b|\bguide\s+(?:vocal|melody)\b",
    "backing_vocals": r"\bwith\s+backing\s+vocals?\b|\bbacking\s+vocals?\b",
    "no_backing_vocals": r"\b(?:no|without)\s+backing\s+vocals?\b",
    "lyrics": r"\blyrics?\b|\bletras?\b|\bparoles\b|歌詞|字幕",
    "piano": r"\bpiano\b",
    "acoustic": r"\bacoustic\b|\bunplugged\b",
    "duet": r"\bduet\b|\bduo\b|\bdueto\b",
    "key_change": r"\b(?:lower|higher|low|high)\s+key\b|\bkey\s+(?:of\s+)?[a-g][#b]?m?\b|"
    r"[+-]\d+\s*(?:key|semitones?)\b|\bkey\s*[+-]\d+",
    "live": r"\blive\b",
    "radio_edit": r"\bradio\s+(?:edit|version|mix)\b",
    "remix": r"\bremix\b",
    "male_key": r"\bmale\s+(?:key|version)\b",
    "female_key": r"\bfemale\s+(?:key|version)\b",
    "hd": r"\b(?:hd|hq|4k|uhd|1080p|720p)\b",
}
_TAG_TRIGGERS: dict[str, tuple[str, ...]] = {
    "karaoke": ("karaok", "karafun", "караоке", "카라오케", "노래방", "卡拉", "カラオケ", "伴奏",
                "伴唱", "كاريوكي", "کارائوکه", "קריוקי", "คาราโอเกะ", "καραόκε"),
    "instrumental": ("instrumental", "inst", "オフボーカル", "消音", "минус"),
    "no_lead_vocal": ("vocal", "lead", "no lead vocal", "without lead vocal"),
    "with_lead_vocal": ("vocal", "guide", "with lead vocal"),
    "backing_vocals": ("backing",),
    "no_backing_vocals": ("backing",),
    "lyrics": ("lyric", "letra", "paroles", "歌詞", "字幕"),
    "piano": ("piano",),
    "acoustic": ("acoustic", "unplugged"),
    "duet": ("duet", "duo"),
    "key_change": ("key", "semitone"),
    "live": ("live",),
    "radio_edit": ("radio",),
    "remix": ("remix",),
    "male_key": ("male",),
    "female_key": ("female",),
    "hd": ("hd", "hq", "4k", "1080p", "720p"),
}
# Matched against the lowercased title (IGNORECASE makes every pattern slower).
_TAG_PATTERNS = {tag: re.compile(rx) for tag, rx in _TAG_RX.items()}
# Triggers that alone prove their tag (the pattern would match wherever they occur).
_CERTAIN_TRIGGERS = frozenset(
    "karaok karafun караоке 카라오케 노래방 卡拉 カラオケ 伴奏 伴唱 instrumental オフボーカル 消音 "
    "كاريوكي کارائوکه קריוקי คาราโอเกะ καραόκε "
    "unplugged 歌詞 字幕 lyric".split()
) | {"no lead vocal", "without lead vocal", "with lead vocal"}
_TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (t, tag) for tag, triggers in _TAG_TRIGGERS.items() for t in triggers
)
_TAGS_OF_TRIGGER: dict[str, list[str]] = {}
for _t, _tag in _TRIGGERS:
    _TAGS_OF_TRIGGER.setdefault(_t, []).append(_tag)


def _alternation(words: list[str]) -> re.Pattern[str]:
    # Longest first, so "instrumental" wins over "inst" (both name the same tag).
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_ASCII_TRIGGER_RE = _alternation([t for t in _TAGS_OF_TRIGGER if t.isascii()])
_ALL_TRIGGER_RE = _alternation(list(_TAGS_OF_TRIGGER))

_WORD_RE = re.compile(r"[\w\-'/]+", re.UNICODE)


def version_tags(text: str) -> list[str]:
    """Version tags named anywhere in ``text`` (in the order of :data:`_TAG_RX`)."""
    lower = text.lower()
    certain: set[str] = set()
    candidates: set[str] = set()
    trigger_re = _ASCII_TRIGGER_RE if lower.isascii() else _ALL_TRIGGER_RE
    for trigger in set(trigger_re.findall(lower)):  # one scan gates the costlier patterns
        (certain if trigger in _CERTAIN_TRIGGERS else candidates).update(
            _TAGS_OF_TRIGGER[trigger])
    found = [
        tag for tag in _TAG_RX
        if tag in certain or (tag in candidates and _TAG_PATTERNS[tag].search(lower))
    ]
    if "no_lead_vocal" in found and "with_lead_vocal" in found:
        found.remove("with_lead_vocal")
    if "no_backing_vocals" in found and "backing_vocals" in found:
        found.remove("backing_vocals")
    return found


@functools.lru_cache(maxsize=16384)
def is_noise(segment: str, channel_words: frozenset[str] = frozenset()) -> bool:
    """True when ``segment`` says nothing about the song (only noise and brand words).

    A segment must name karaoke (or a brand / the channel) to count: "With You" is a song.
    """
    if _noise_words(segment, channel_words):
        return True
    # Multi-word brands ("Sing King", "Party Tyme") read as one marker.
    if BRAND_PHRASES_RE.search(segment):
        return _noise_words(BRAND_PHRASES_RE.sub(" karaoke ", segment), channel_words)
    return False


def _noise_words(segment: str, channel_words: frozenset[str]) -> bool:
    has_marker = False
    for m in _WORD_RE.finditer(segment):  # stops at the first real word: usually the first
        w = m.group().strip("-'/").lower()
        if not w:
            continue
        if w in BRAND_WORDS or w in channel_words:
            has_marker = True
            continue
        # CJK runs glue noise to text ("歌詞付きカラオケ"): accept if made of noise tokens.
        if w not in NOISE_WORDS and not _cjk_noise(w):
            return False
        if _is_marker(w, channel_words):
            has_marker = True
    return has_marker or not _WORD_RE.search(segment)


_CJK_NOISE = re.compile(r"^(?:カラオケ|歌詞付き|歌詞|字幕|付き|伴奏|伴唱|卡拉ok|노래방|카라오케|"
                        r"オフボーカル|消音|純音樂|ver|版|完整版|高音質|高画質|TJ|KY)+$",
                        re.IGNORECASE)


def _cjk_noise(word: str) -> bool:
    return bool(_CJK_NOISE.match(word))


# Whole-title compilations and channel trailers: nothing to look up.
COMPILATION_RE = re.compile(
    r"\b(?:best of|top \d+|\d+ hours?|\d+ hour|non[\s-]?stop|mega ?mix|songs? medley|"
    r"medley of|mega hits|\d0s hits|hits of|"
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
    vocal vocals hd hq 4k uhd 1080p 720p key minus минус минусовка singalong cdg mp3 mp4 *
    ** *** letra letras paroles songtext backing-track كاريوكي کارائوکه קריוקי คาราโอเกะ καραόκε
    """.split()
)
_VOCAL_DESCRIPTORS = frozenset(
    """
    no lead backing without wo guide w/o
    """.split()
)
_PUNCT = "()[]{}-|:*•,.!?\"'~/"


@functools.lru_cache(maxsize=65536)
def _core(token: str) -> str:
    stripped = token.strip(_PUNCT).lower()
    return stripped if stripped or "*" not in token else "*"


@functools.lru_cache(maxsize=65536)
def _is_marker(core: str, channel_words: frozenset[str]) -> bool:
    return (
        core in _MARKER_WORDS
        or core in BRAND_WORDS
        or core in channel_words
        or "karaok" in core
        or (bool(core) and not core.isascii() and _cjk_noise(core))
    )


@functools.lru_cache(maxsize=65536)
def _is_noise_token(core: str, channel_words: frozenset[str]) -> bool:
    return core == "" or core in NOISE_WORDS or _is_marker(core, channel_words)


def strip_noise_edges(text: str, channel_words: frozenset[str] = frozenset()) -> str:
    """Remove karaoke noise from both ends ("Karaoke - ", "karaoke video with lyrics", " *").

    A run of noise words is cut only when it holds a marker ("karaoke", "lyrics", a brand
    or the channel's name): "Sing With Me" keeps its words. At the end the cut starts at
    the run's first marker (plus "no lead"-style descriptors just before it); at the start
    it stops before function words ("Karaoke Con Los Años" keeps "Con"). Repeats until
    nothing changes.
    """
    tokens = text.split()
    if not tokens:
        return ""
    if not (
        _is_noise_token(_core(tokens[-1]), channel_words)
        or _is_noise_token(_core(tokens[0]), channel_words)
    ):
        return " ".join(tokens).strip(" -|:•~,_")  # the common case: nothing to cut
    while tokens:
        n = len(tokens)
        tokens = _cut_trailing(tokens, channel_words)
        tokens = _cut_leading(tokens, channel_words)
        if len(tokens) == n:
            break
    return " ".join(tokens).strip(" -|:•~,_")


def _cut_trailing(tokens: list[str], channel_words: frozenset[str]) -> list[str]:
    i = len(tokens)
    first_marker = -1
    cores: dict[int, str] = {}
    while i > 0:
        core = cores[i - 1] = _core(tokens[i - 1])
        if not _is_noise_token(core, channel_words):
            break
        i -= 1
        if _is_marker(core, channel_words):
            first_marker = i
    if first_marker < 0:
        return tokens
    cut = first_marker
    while cut > i and (
        cores[cut - 1] in _VOCAL_DESCRIPTORS
        or cores[cut - 1] == ""
        or (cores[cut - 1] == "with" and cores[cut] in ("lyrics", "lead", "backing", "vocal"))
    ):
        cut -= 1
    return tokens[:cut]


def _cut_leading(tokens: list[str], channel_words: frozenset[str]) -> list[str]:
    j = 0
    last_marker = -1
    cores: list[str] = []
    while j < len(tokens):
        core = _core(tokens[j])
        if not _is_noise_token(core, channel_words):
            break
        cores.append(core)
        if _is_marker(core, channel_words):
            last_marker = j
        j += 1
    if last_marker < 0 or j == len(tokens):
        return tokens
    cut = last_marker + 1
    while cut < j and cores[cut] not in _FUNCTION_WORDS:
        cut += 1
    return tokens[cut:]


HASHTAG_RE = re.compile(r"(?:^|\s)#[\w\-]+", re.UNICODE)
MENTION_RE = re.compile(r"@[\w\-. ]*?(?:karaoke|music|tv|channel|official)\b", re.IGNORECASE)
