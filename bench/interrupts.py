"""How fast a run ends when the user or the network says stop.

Prints the seconds from a signal to the process's exit for a multi-pass run whose
lookups wait for retries (first Ctrl-C) and whose answers are still on the wire (second
Ctrl-C), and the wall time of collecting the 400 Stingray example videos with
MusicBrainz unreachable (an unresolvable host: declared down after 3 failures).

    python bench/interrupts.py
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import e2e_catalog  # noqa: E402
from tests.servers.faults import FaultPlan  # noqa: E402
from tests.servers.musicbrainz import MusicBrainzServer  # noqa: E402
from tests.servers.runner import serve  # noqa: E402
from tests.test_interrupts import _end, _multi_pass, _read_stderr_until  # noqa: E402


def first_ctrl_c() -> tuple[int | None, float]:
    server = MusicBrainzServer(e2e_catalog.musicbrainz(e2e_catalog.channel(10)),
                               min_interval=0.0, random_faults=FaultPlan({"5xx": 1.0}))
    with tempfile.TemporaryDirectory() as d, serve(server.app()) as url:
        proc, _ = _multi_pass(Path(d), url, 100)
        proc.send_signal(signal.SIGINT)
        _, _, elapsed = _end(proc, 60)
    return proc.returncode, elapsed


def second_ctrl_c() -> tuple[int | None, float]:
    server = MusicBrainzServer(e2e_catalog.musicbrainz(e2e_catalog.channel(10)),
                               min_interval=0.0, latency=8.0)
    with tempfile.TemporaryDirectory() as d, serve(server.app()) as url:
        proc, _ = _multi_pass(Path(d), url, 40)
        proc.send_signal(signal.SIGINT)
        _read_stderr_until(proc, "Stopping", 10)
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        _, _, elapsed = _end(proc, 30)
    return proc.returncode, elapsed


def no_network() -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as d:
        cfg = Path(d) / "config.yaml"
        cfg.write_text(f"database:\n  path: {Path(d) / 'n.db'}\ndata_sources:\n"
                       "  musicbrainz:\n    base_url: https://musicbrainz.invalid\n",
                       encoding="utf-8")
        start = time.monotonic()
        res = subprocess.run([sys.executable, "-m", "collector", "--config", str(cfg),
                              "collect-channel", str(ROOT / "examples/stingray_videos.jsonl"),
                              "--multi-pass"], capture_output=True, text=True, timeout=600,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        return res.returncode, time.monotonic() - start


def main() -> None:
    rc, s = first_ctrl_c()
    print(f"first Ctrl-C (lookups in retry waits):      exit {rc} after {s:.2f} s")
    rc, s = second_ctrl_c()
    print(f"second Ctrl-C (answers 8 s on the wire):     exit {rc} after {s:.2f} s")
    rc, s = no_network()
    print(f"400 videos, MusicBrainz unreachable:         exit {rc} after {s:.2f} s")


if __name__ == "__main__":
    main()
