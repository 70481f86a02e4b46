"""Title parsing: a pure core (no I/O) that reads artist and song from karaoke titles."""

from collector.parsing.artist_knowledge import ArtistKnowledge
from collector.parsing.channel_profile import ChannelProfile
from collector.parsing.title_parser import (
    PARSER_VERSION,
    ParseWeights,
    parse_title,
    parse_titles,
    profile_for,
)

__all__ = [
    "ArtistKnowledge",
    "PARSER_VERSION",
    "ChannelProfile",
    "ParseWeights",
    "parse_title",
    "parse_titles",
    "profile_for",
]
