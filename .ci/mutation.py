"""Mutation testing of the core (CONTRIBUTING.md, "Mutation testing"): runs mutmut with the
configuration of pyproject.toml's [tool.mutmut], then prints the score of each mutated file and
its survivors.

    .venv/bin/python .ci/mutation.py                  # every mutant, one worker per core
    .venv/bin/python .ci/mutation.py --max-children 2 # fewer workers on a shared machine
    .venv/bin/python .ci/mutation.py --score-only     # the table of the last run, nothing run

Other arguments go to `mutmut run` as they are (e.g. a mutant name or a glob of names such as
'netzwerk_cli.core.rotation*'). mutmut keeps its results in mutants/ and runs again only what
changed; delete that folder for a run from scratch. Exit status 1 when a file is below the bar.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
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
        refresh_copy()
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "mutmut", "run", *argv], check=False)
        minutes = (time.monotonic() - started) / 60
        cores = os.cpu_count()
        print(f"\nmutmut run: exit status {run.returncode}, {minutes:.1f} min, {cores} cores")
        if run.returncode != 0:
            return run.returncode
    return score()


def refresh_copy() -> None:
    """Bring mutmut's copy in mutants/ up to date with what mutmut itself leaves old.

    mutmut copies src/ there once; later runs copy again only the Python files, and tests/ only
    over the old copy. So a file of src/ that is not Python (the German catalog) stays as it was at
    the first run, and a test file deleted since is still collected. Then tests fail on the copy
    that pass on the source: after issue 20 added the school holidays' German words to the
    catalog, `test_next_host_says_them` failed in mutmut's first pass, because the copy's catalog
    did not have them. Here every such file that differs is copied again (with its time, so the
    test run compiles the catalog when its .po is newer than its .mo), and a file that is gone
    from src/ or tests/ goes from the copy; mutmut's own files (.meta, .spans) stay.
    """
    copy = ROOT / "mutants"
    if not copy.is_dir():
        return  # the first run copies everything
    for folder in ("src", "tests"):
        for source in (ROOT / folder).rglob("*"):
            if "__pycache__" in source.parts or not source.is_file():
                continue
            target = copy / source.relative_to(ROOT)
            if folder == "src" and source.suffix == ".py":
                continue  # mutmut copies (or mutates) these itself
            if not target.exists() or not filecmp.cmp(source, target, shallow=False):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        for target in (copy / folder).rglob("*"):
            if "__pycache__" in target.parts or not target.is_file():
                continue
            if target.suffix in (".meta", ".spans"):
                continue
            if not (ROOT / target.relative_to(copy)).exists():
                target.unlink()


def score() -> int:
    from mutmut.stats import status_by_exit_code

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    files = config["tool"]["mutmut"]["only_mutate"]
    print(
        f"\n{'file':<26} {'mutants':>7} {'killed':>7} {'timeout':>8} {'survived':>9}"
        f" {'no test':>8} {'unrun':>6} {'other':>6} {'score':>7}"
    )
    below = False
    survivors: list[str] = []
    timeouts: list[str] = []
    others: list[str] = []
    seconds = 0.0
    for name in files:
        meta = ROOT / "mutants" / f"{name}.meta"
        if not meta.exists():
            print(f"{name:<26} no results (not run yet)")
            below = True
            continue
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data["exit_code_by_key"]
        seconds += sum(data.get("durations_by_key", {}).get(mutant, 0.0) for mutant in codes)
        by_status: dict[str, list[str]] = {}
        for mutant, code in sorted(codes.items()):
            by_status.setdefault(status_by_exit_code[code], []).append(mutant)
        # A mutant that makes the tests time out is caught too (it would hang the tool): a test
        # fails after 10 s of CPU time under mutmut (tests/conftest.py), or mutmut stops it.
        timed_out = by_status.get("timeout", [])
        killed = len(by_status.get("killed", [])) + len(timed_out)
        survived = by_status.get("survived", [])
        untested = by_status.get("no tests", [])
        unrun = by_status.get("not checked", [])  # the run was stopped before them
        other = [
            m
            for status in by_status
            if status not in ("killed", "timeout", "survived", "no tests", "not checked")
            for m in by_status[status]
        ]
        percent = 100 * killed / len(codes) if codes else 100.0
        below = below or percent < BAR
        survivors += survived + untested
        timeouts += timed_out
        others += other
        short = name.removeprefix("src/netzwerk_cli/")
        print(
            f"{short:<26} {len(codes):>7} {killed:>7} {len(timed_out):>8} {len(survived):>9}"
            f" {len(untested):>8} {len(unrun):>6} {len(other):>6} {percent:>6.1f}%"
        )
    # The mutants' own time, one after the other (without mutmut's two passes over the whole
    # suite, which come first and use one core): divided by the workers, what a run from scratch
    # spends after those passes.
    print(f"\nworker time of all mutants: {seconds / 60:.1f} min")
    for title, names in (
        (
            "not killed (tests/MUTANTS.md says why each is equivalent; `mutmut show NAME`)",
            survivors,
        ),
        ("timed out (counted as killed)", timeouts),
        ("other (suspicious or crashed: counted as not killed)", others),
    ):
        if names:
            print(f"\n{title}:")
            for mutant in names:
                print(f"  {mutant}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
