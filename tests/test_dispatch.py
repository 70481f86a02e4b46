"""The dispatcher task helpers shared by the MusicBrainz batcher and tag lookups."""

from __future__ import annotations

import asyncio

from collector.passes.dispatch import cancel_all, start_send


async def _sleep_then(done: list[str], name: str, seconds: float) -> None:
    await asyncio.sleep(seconds)
    done.append(name)


def test_a_send_is_tracked_while_it_runs_and_forgotten_when_it_ends() -> None:
    async def main() -> tuple[int, int, list[str]]:
        sending: set[asyncio.Task[None]] = set()
        done: list[str] = []
        start_send(sending, _sleep_then(done, "a", 0.01))
        running = len(sending)
        await asyncio.sleep(0.05)
        return running, len(sending), done

    running, after, done = asyncio.run(main())
    assert (running, after, done) == (1, 0, ["a"])


def test_cancel_all_ends_every_task_and_skips_none() -> None:
    async def main() -> tuple[list[bool], list[str]]:
        sending: set[asyncio.Task[None]] = set()
        done: list[str] = []
        for name in ("a", "b"):
            start_send(sending, _sleep_then(done, name, 10))
        dispatcher = asyncio.get_running_loop().create_task(_sleep_then(done, "d", 10))
        tasks = [dispatcher, *sending]
        await asyncio.sleep(0)
        await cancel_all([None, dispatcher, *sending])
        return [t.cancelled() for t in tasks], done

    cancelled, done = asyncio.run(main())
    assert cancelled == [True, True, True]
    assert done == []
