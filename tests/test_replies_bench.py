"""The benchmark of `netzwerk replies` (benchmarks/replies.py) works: its smoke mode, a small
mailbox on the tests' Dovecot, one round; timings are not judged here (a shared machine)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .dovecot import dovecot_server

ROOT = Path(__file__).resolve().parent.parent


def test_the_replies_benchmark_runs_in_smoke_mode() -> None:
    with dovecot_server(tls=False):  # skips (or fails under strict) as the IMAP tests do
        pass
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "replies.py"), "--smoke"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "bytes fetched, 10,000 messages / only the answers:" in done.stdout
