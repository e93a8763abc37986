"""The console script's start (`netzwerk_cli.start`): the collector is off while the command layer
is imported, what was imported is frozen out of its way, and it is on again for the command.
Each test runs a separate Python, so that this test process's collector is left alone."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "network.toml"

# Runs `netzwerk next-host` through the entry point, then says what the collector looked like
# after the command, and how many collections ran before the freeze, i.e. during the imports (a
# gc callback; `sys.modules` would not tell: a module is in it before its imports run).
PROBE = """
import gc, sys
from netzwerk_cli.start import main
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(
    gc.get_freeze_count() > 0))
sys.argv = ["netzwerk", "next-host", "-f", sys.argv[1], "--today", "2026-11-24", "--json"]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
during_import = collections.count(False)
sys.stderr.write(f"{gc.isenabled()} {gc.get_freeze_count()} {during_import}\\n")
"""


def probe(*args: str) -> tuple[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETZWERK_")}
    env["NETZWERK_LANG"] = "en"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr.split()


def test_the_command_runs_with_the_collector_on_and_the_imports_frozen() -> None:
    stdout, (enabled, frozen, during_import) = probe(str(BUNDLED))
    assert '"host"' in stdout  # the command ran and printed its JSON
    assert enabled == "True"  # cycles the command makes are still collected
    assert int(frozen) > 10_000  # typer, click and our modules: out of the collector's way
    assert during_import == "0"  # no collection while the command layer was imported


def test_the_console_script_and_python_m_start_there() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert scripts["scripts"]["netzwerk"] == "netzwerk_cli.start:main"
    main_module = (ROOT / "src" / "netzwerk_cli" / "__main__.py").read_text(encoding="utf-8")
    assert "from netzwerk_cli.start import main" in main_module


def test_importing_the_package_leaves_the_collector_alone() -> None:
    """Only the entry point changes the interpreter: the tests and any other user of the package
    import the command layer with the collector as they set it."""
    code = (
        "import gc\n"
        "import netzwerk_cli.start, netzwerk_cli.cli\n"
        "print(gc.isenabled(), gc.get_freeze_count())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "0"]
