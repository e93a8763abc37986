"""Programs outside Python that some tests need (a browser, a mail server), found on PATH.

A missing program skips the test, with a reason that says which package to install, so that the
suite passes on a machine with Python and nothing else. Under `NETZWERK_TESTS_STRICT=1` (set by
`.ci/run`) a missing program fails the test instead: CI proves everything or says what it lacks.
"""

from __future__ import annotations

import os
import shutil

import pytest

STRICT = "NETZWERK_TESTS_STRICT"


def program(name: str, *, package: str) -> str:
    """The path of the program `name` (as `shutil.which` finds it); when it is missing, the test
    is skipped (or, under NETZWERK_TESTS_STRICT=1, failed) with the package that has it."""
    found = shutil.which(name)
    if found is not None:
        return found
    reason = f"needs {name}: apt-get install {package}"
    if os.environ.get(STRICT) == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def extra_program(name: str) -> str:
    """The path of a program that a Python test extra installs beside the Python that runs the
    tests (taplo's PyPI package); a missing one fails: the extras are always installed."""
    import sys
    from pathlib import Path

    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"needs {name}, a test extra: pip install -e '.[test]'")
    return found


def libreoffice() -> str:
    """LibreOffice's `soffice`, the reader the Word files must open in (Debian's
    libreoffice-writer-nogui: Writer without a desktop)."""
    return program("soffice", package="libreoffice-writer-nogui")


def pdftotext() -> str:
    """poppler's `pdftotext`, the reader the PDF files' words must come out of."""
    return program("pdftotext", package="poppler-utils")
