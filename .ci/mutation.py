"""Mutation testing of the core (README, "Mutation testing"): runs mutmut with the configuration
of pyproject.toml's [tool.mutmut], then prints the score of each mutated file and its survivors.

    .venv/bin/python .ci/mutation.py                  # every mutant, one worker per core
    .venv/bin/python .ci/mutation.py --max-children 2 # fewer workers on a shared machine
    .venv/bin/python .ci/mutation.py --score-only     # the table of the last run, nothing run

Other arguments go to `mutmut run` as they are (e.g. a mutant name or a glob of names such as
'netzwerk_cli.core.rotation*'). mutmut keeps its results in mutants/ and runs again only what
changed; delete that folder for a run from scratch. Exit status 1 when a file is below the bar.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAR = 95.0  # per cent of a file's mutants that the tests must kill


def main(argv: list[str]) -> int:
    os.chdir(ROOT)  # mutmut reads pyproject.toml and writes mutants/ in the current folder
    if "--score-only" in argv:
        argv = [a for a in argv if a != "--score-only"]
    else:
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "mutmut", "run", *argv], check=False)
        minutes = (time.monotonic() - started) / 60
        cores = os.cpu_count()
        print(f"\nmutmut run: exit status {run.returncode}, {minutes:.1f} min, {cores} cores")
        if run.returncode != 0:
            return run.returncode
    return score()


def score() -> int:
    from mutmut.stats import status_by_exit_code

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    files = config["tool"]["mutmut"]["only_mutate"]
    print(f"\n{'file':<40} {'killed':>7} {'survived':>9} {'no test':>8} {'other':>6} {'score':>8}")
    below = False
    survivors: list[str] = []
    for name in files:
        meta = ROOT / "mutants" / f"{name}.meta"
        if not meta.exists():
            print(f"{name:<40} no results (not run yet)")
            below = True
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        by_status: dict[str, list[str]] = {}
        for mutant, code in sorted(codes.items()):
            by_status.setdefault(status_by_exit_code[code], []).append(mutant)
        # A mutant that makes the tests time out is caught too (it would hang the tool).
        killed = len(by_status.get("killed", [])) + len(by_status.get("timeout", []))
        survived = by_status.get("survived", [])
        untested = by_status.get("no tests", [])
        other = len(codes) - killed - len(survived) - len(untested)
        percent = 100 * killed / len(codes) if codes else 100.0
        below = below or percent < BAR
        survivors += survived + untested
        short = name.removeprefix("src/netzwerk_cli/")
        print(
            f"{short:<40} {killed:>7} {len(survived):>9} {len(untested):>8} {other:>6}"
            f" {percent:>7.1f}%"
        )
    if survivors:
        print("\nnot killed (tests/MUTANTS.md says why each is equivalent; `mutmut show NAME`):")
        for mutant in survivors:
            print(f"  {mutant}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
