"""The language of a song: MusicBrainz where it says, else the script, else a language-id model.

Pure apart from loading py3langid's bundled model once (it ships in the wheel; nothing is
downloaded). Short titles are hard to identify, so the model's answer is kept only when it
is sure: a wrong language is worse than none.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from collector.parsing.conventions import VIETNAMESE_RE

# Languages a karaoke catalog mostly holds; the model chooses only among these.
LANGID_LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "sv", "da", "no", "fi", "pl",
                    "cs", "ru", "uk", "tr", "vi", "id", "tl", "ja", "ko", "zh", "th")
LANGID_MIN_PROBABILITY = 0.9
LANGID_MIN_WORDS = 2

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "fi": "Finnish", "pl": "Polish", "cs": "Czech", "ru": "Russian", "uk": "Ukrainian",
    "tr": "Turkish", "vi": "Vietnamese", "id": "Indonesian", "tl": "Tagalog",
    "ja": "Japanese", "ko": "Korean", "zh": "Chinese", "th": "Thai", "el": "Greek",
    "he": "Hebrew", "ar": "Arabic", "hi": "Hindi", "la": "Latin", "ga": "Irish",
    "mul": "Multiple", "zxx": "No lyrics",
}
# MusicBrainz gives ISO 639-3 codes; the songbook uses the two-letter ones where they exist.
_ISO3_TO_1 = {
    "eng": "en", "spa": "es", "fra": "fr", "deu": "de", "ita": "it", "por": "pt", "nld": "nl",
    "swe": "sv", "dan": "da", "nor": "no", "nob": "no", "fin": "fi", "pol": "pl", "ces": "cs",
    "rus": "ru", "ukr": "uk", "tur": "tr", "vie": "vi", "ind": "id", "tgl": "tl", "jpn": "ja",
    "kor": "ko", "zho": "zh", "tha": "th", "ell": "el", "heb": "he", "ara": "ar", "hin": "hi",
    "lat": "la", "gle": "ga",
}


@dataclass(frozen=True, slots=True)
class Language:
    code: str | None
    source: str          # musicbrainz / script / langid / unknown


UNKNOWN = Language(None, "unknown")


def from_musicbrainz(code: str | None) -> str | None:
    """A MusicBrainz text-language code as the songbook's code (None for none)."""
    if not code:
        return None
    c = code.strip().lower()
    return _ISO3_TO_1.get(c, c) if c else None


def from_script(text: str) -> str | None:
    """The language a script alone tells (Hangul, kana, Thai, Vietnamese letters...)."""
    if text.isascii():
        return None
    if VIETNAMESE_RE.search(text):
        return "vi"
    has_han = False
    for ch in text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            return "ko"
        if 0x3040 <= o <= 0x30FF:
            return "ja"
        if 0x0E00 <= o <= 0x0E7F:
            return "th"
        if 0x0370 <= o <= 0x03FF:
            return "el"
        if 0x0590 <= o <= 0x05FF:
            return "he"
        if 0x0600 <= o <= 0x06FF:
            return "ar"
        if 0x0900 <= o <= 0x097F:
            return "hi"
        if 0x4E00 <= o <= 0x9FFF:
            has_han = True
    return "zh" if has_han else None


@lru_cache(maxsize=1)
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGID_LANGUAGES))
    return ident


def langid_guess(text: str) -> tuple[str, float]:
    """py3langid's best language among :data:`LANGID_LANGUAGES` and its probability."""
    lang, prob = _identifier().classify(text)  # type: ignore[attr-defined]
    return str(lang), float(prob)


Guesser = Callable[[str], tuple[str, float]]


def identify(song: str, musicbrainz_code: str | None = None, *,
             guesser: Guesser | None = langid_guess,
             min_probability: float = LANGID_MIN_PROBABILITY) -> Language:
    """The song's language and where it came from.

    The title alone is used (artist names mislead the model); ``guesser=None`` skips the
    model (script and MusicBrainz only).
    """
    code = from_musicbrainz(musicbrainz_code)
    if code:
        return Language(code, "musicbrainz")
    text = unicodedata.normalize("NFC", song or "").strip()
    if not text:
        return UNKNOWN
    code = from_script(text)
    if code:
        return Language(code, "script")
    if guesser is not None and len(text.split()) >= LANGID_MIN_WORDS:
        code, prob = guesser(text)
        if prob >= min_probability:
            return Language(code, "langid")
    return UNKNOWN
