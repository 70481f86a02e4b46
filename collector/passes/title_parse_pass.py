"""The first pass: read artist and song from the title with the channel's profile."""

from __future__ import annotations

from collections.abc import Sequence

from collector.config import PassConfig
from collector.parsing import ArtistKnowledge, ChannelProfile, parse_title, profile_for
from collector.passes.base import MatchStatus, ParsingPass, PassResult, PassType, VideoWork


class TitleParsePass(ParsingPass):
    """Parses titles; holds one orientation profile per channel.

    ``prepare`` builds a channel's profile from a sample of its titles (or takes the one
    stored with the channel), so each title is read in the channel's own grammar.
    ``knowledge`` holds the artists the store knows (confirmed by lookups, named by
    channels). A profile that lookups turn (:meth:`update_profile`) gets a new generation:
    a parse made with an older one is out of date.
    """

    pass_type = PassType.TITLE_PARSE

    def __init__(self, config: PassConfig | None = None,
                 knowledge: ArtistKnowledge | None = None) -> None:
        super().__init__(config or PassConfig("title_parse", True, 0.3))
        self.profiles: dict[str | None, ChannelProfile] = {}
        self.generations: dict[str | None, int] = {}
        self.knowledge = knowledge

    def update_profile(self, channel_id: str | None, profile: ChannelProfile) -> None:
        self.profiles[channel_id] = profile
        self.generations[channel_id] = self.generations.get(channel_id, 0) + 1

    def is_current(self, work: VideoWork) -> bool:
        """Whether ``work`` was parsed with its channel's current profile."""
        return work.profile_generation == self.generations.get(work.entry.channel_id, 0)

    def prepare(
        self,
        channel_id: str | None,
        channel_name: str | None,
        titles: Sequence[str],
        stored: ChannelProfile | None = None,
    ) -> ChannelProfile:
        """Decide the channel's orientation from ``titles``; a larger stored sample wins."""
        fresh = profile_for(titles, channel_name)
        profile = stored if stored is not None and stored.sample_size > fresh.sample_size else fresh
        self.profiles[channel_id] = profile
        return profile

    def parse(self, work: VideoWork) -> None:
        cid = work.entry.channel_id
        work.parse = parse_title(work.entry.title, work.entry.channel, self.profiles.get(cid),
                                 knowledge=self.knowledge)
        work.profile_generation = self.generations.get(cid, 0)

    async def run(self, work: VideoWork) -> PassResult:
        self.parse(work)
        p = work.parse
        assert p is not None
        if p.artist and p.song and p.confidence >= self.min_confidence:
            return PassResult(MatchStatus.MATCH, p.confidence, p)
        return PassResult(MatchStatus.WEAK if p.song else MatchStatus.NO_MATCH, p.confidence, p)

    def is_lookup_worthy(self, work: VideoWork) -> bool:
        """An artist and a song, parsed with at least this pass's confidence threshold."""
        p = work.parse
        return bool(p and p.artist and p.song and p.confidence >= self.min_confidence)
