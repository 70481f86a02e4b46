"""Run an aiohttp application on 127.0.0.1 in a background thread.

A thread (not the test's own event loop) lets synchronous callers (yt-dlp, CliRunner
invocations that call ``asyncio.run``) talk to the server too.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiohttp import web


@contextmanager
def serve(app: web.Application, keepalive_timeout: float = 75.0) -> Iterator[str]:
    """Serve ``app`` on an ephemeral port; yields its base URL (http://127.0.0.1:PORT).

    ``keepalive_timeout``: seconds before the server closes an idle connection.
    """
    loop = asyncio.new_event_loop()
    started = threading.Event()
    state: dict[str, object] = {}

    async def start() -> None:
        runner = web.AppRunner(app, access_log=None, keepalive_timeout=keepalive_timeout)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        state["runner"] = runner
        state["port"] = runner.addresses[0][1]

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True, name="test-server")
    thread.start()
    if not started.wait(10):
        raise RuntimeError("test server did not start")
    try:
        yield f"http://127.0.0.1:{state['port']}"
    finally:
        runner = state["runner"]
        fut = asyncio.run_coroutine_threadsafe(runner.cleanup(), loop)  # type: ignore[attr-defined]
        fut.result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def run_collector(cfg: Path, *args: str, token: str = "test-token-123") -> str:
    """Run the collector CLI in a child process against the local servers; its stdout.

    A child process, as a user runs it (its own event loop, signals, exit status); a
    failed run ends the calling bench with the child's last error lines."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "DISCOGS_TOKEN": token}
    proc = subprocess.run([sys.executable, "-m", "collector", "--config", str(cfg), *args],
                          env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    return proc.stdout
